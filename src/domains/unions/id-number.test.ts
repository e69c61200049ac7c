import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { idCheckCharacter, isCalendarDate, normaliseIdNumber, todayInChina, validateIdNumber } from './id-number.ts';

const TODAY = '2025-06-15';

const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((a) => a.join(''));

/** 17 digits whose birth-date part is a real date between 1900-01-01 and TODAY. */
const validFirst17 = fc
  .tuple(
    digits(6),
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }),
    digits(3),
  )
  .map(([region, date, seq]) => `${region}${date.toISOString().slice(0, 10).replaceAll('-', '')}${seq}`);

describe('idCheckCharacter', () => {
  test('matches known published numbers', () => {
    assert.equal(idCheckCharacter('11010519491231002'), 'X');
  });

  test("property: agrees with the standard's definition (weighted sum of all 18 ≡ 1 mod 11)", () => {
    fc.assert(fc.property(digits(17), (d) => idCheckCharacter(d) === definitionalCheck(d)));
  });

  test('rejects anything but 17 digits', () => {
    assert.throws(() => idCheckCharacter('1101051949123100'), RangeError);
    assert.throws(() => idCheckCharacter('1101051949123100A'), RangeError);
  });

  test('only ever yields 0-9 or X', () => {
    fc.assert(fc.property(digits(17), (d) => /^[\dX]$/.test(idCheckCharacter(d))));
  });
});

/** Brute-force check character from the standard's definition: the char c such that the weighted sum ≡ 1 (mod 11). */
function definitionalCheck(first17: string): string {
  for (const c of '0123456789X') {
    const chars = `${first17}${c}`;
    let sum = 0;
    for (let i = 0; i < 18; i++) {
      const v = chars[i] === 'X' ? 10 : Number(chars[i]);
      sum += v * (2 ** (17 - i) % 11);
    }
    if (sum % 11 === 1) return c;
  }
  throw new Error('unreachable');
}

describe('validateIdNumber', () => {
  test('accepts a real-format number and derives birth date, gender and region', () => {
    assert.deepEqual(validateIdNumber('11010519491231002X', TODAY), {
      ok: true,
      value: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      regionCode: '110105',
    });
  });

  test('normalises a lower-case x, spaces and full-width digits', () => {
    const r = validateIdNumber(' １１0105 19491231 002x ', TODAY);
    assert.equal(r.ok, true);
    assert.equal(r.ok && r.value, '11010519491231002X');
  });

  test('odd sequence digit is male', () => {
    const first17 = '11010519800101003';
    const r = validateIdNumber(first17 + idCheckCharacter(first17), TODAY);
    assert.equal(r.ok && r.gender, 'male');
  });

  const cases: [string, string, string][] = [
    ['wrong check character', '110105194912310021', 'checkCharacter'],
    ['15-digit old format', '110105491231002', 'length'],
    ['19 characters', '11010519491231002X1', 'length'],
    ['letter inside', '1101051949A231002X', 'format'],
    ['X not last', 'X10105194912310021', 'format'],
    ['month 13', withCheck('11010519491331002'), 'birthDate'],
    ['29 Feb in a non-leap year', withCheck('11010520230229002'), 'birthDate'],
    ['born 1899', withCheck('11010518991231002'), 'birthDate'],
    ['born tomorrow', withCheck('11010520250616002'), 'birthDate'],
  ];
  for (const [label, input, reason] of cases) {
    test(`rejects ${label} (${reason})`, () => {
      assert.deepEqual(validateIdNumber(input, TODAY), { ok: false, reason });
    });
  }

  test('accepts 29 Feb in a leap year, 1900-01-01 and today', () => {
    for (const first17 of ['11010520000229002', '11010519000101002', '11010520250615002']) {
      assert.equal(validateIdNumber(withCheck(first17), TODAY).ok, true, first17);
    }
  });

  test('property: any valid 17 digits plus the computed check character passes', () => {
    fc.assert(
      fc.property(validFirst17, (first17) => {
        const r = validateIdNumber(first17 + idCheckCharacter(first17), TODAY);
        return r.ok && r.value === first17 + idCheckCharacter(first17) && r.regionCode === first17.slice(0, 6);
      }),
    );
  });

  test('property: any other check character fails with checkCharacter', () => {
    fc.assert(
      fc.property(validFirst17, fc.constantFrom(...'0123456789X'), (first17, c) => {
        fc.pre(c !== idCheckCharacter(first17));
        const r = validateIdNumber(first17 + c, TODAY);
        return !r.ok && r.reason === 'checkCharacter';
      }),
    );
  });

  test('property: arbitrary 17 digits with the computed check never fail on the check character', () => {
    fc.assert(
      fc.property(digits(17), (first17) => {
        const r = validateIdNumber(first17 + idCheckCharacter(first17), TODAY);
        return r.ok || r.reason === 'birthDate';
      }),
    );
  });

  test('property: a single-digit typo in the first 17 is always caught', () => {
    fc.assert(
      fc.property(validFirst17, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (first17, i, d) => {
        const id = first17 + idCheckCharacter(first17);
        const typo = `${id.slice(0, i)}${(Number(id[i]) + d) % 10}${id.slice(i + 1)}`;
        return !validateIdNumber(typo, TODAY).ok;
      }),
    );
  });
});

describe('helpers', () => {
  test('normaliseIdNumber strips whitespace and upper-cases', () => {
    assert.equal(normaliseIdNumber('\t110105 1949 1231 002x\n'), '11010519491231002X');
  });

  test('isCalendarDate', () => {
    assert.equal(isCalendarDate(2024, 2, 29), true);
    assert.equal(isCalendarDate(2100, 2, 29), false);
    assert.equal(isCalendarDate(2024, 4, 31), false);
    assert.equal(isCalendarDate(2024, 0, 1), false);
  });

  test('todayInChina uses Asia/Shanghai, not UTC', () => {
    assert.equal(todayInChina(new Date('2025-01-31T16:30:00Z')), '2025-02-01');
    assert.equal(todayInChina(new Date('2025-01-31T15:59:59Z')), '2025-01-31');
  });
});

function withCheck(first17: string): string {
  return first17 + idCheckCharacter(first17);
}
