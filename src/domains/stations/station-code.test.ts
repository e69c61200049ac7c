import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  checkCharacter,
  generateStationCode,
  isValidStationCode,
  parseStationCode,
  STATION_TYPE_LETTERS,
  type StationType,
} from './station-code.ts';

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';
const partsArb = fc.record({
  regionCode: fc.stringMatching(/^[1-8]\d{5}$/),
  type: fc.constantFrom(...STATION_TYPE_LETTERS),
  sequence: fc.integer({ min: 1, max: 99_999 }),
});

describe('station code: generate, parse, validate', () => {
  test('a known code', () => {
    const code = generateStationCode({ regionCode: '110105', type: 'H', sequence: 1 });
    assert.equal(code.slice(0, 12), '110105H00001');
    assert.equal(code.length, 13);
    // MOD 37-2 by hand: Σ v·2^(13-i) + check ≡ 1 (mod 37)
    const weights = [...code].map((ch, i) => ALNUM.indexOf(ch) * 2 ** (12 - i));
    assert.equal(weights.reduce((a, b) => a + b, 0) % 37, 1);
  });

  test('generate → parse round-trips, with normalisation of what people type', () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        const code = generateStationCode(parts);
        const parsed = parseStationCode(code);
        assert.deepEqual(parsed, { ok: true, code, parts: { ...parts } });
        const typed = `${code.slice(0, 6)}-${code.slice(6, 7).toLowerCase()} ${code.slice(7)}`.replace(/\d/g, (d) =>
          String.fromCharCode(0xff10 + Number(d)),
        );
        assert.deepEqual(parseStationCode(typed), parsed);
      }),
    );
  });

  test('every single-character substitution is detected', () => {
    fc.assert(
      fc.property(partsArb, fc.nat(12), fc.constantFrom(...ALNUM), (parts, pos, ch) => {
        const code = generateStationCode(parts);
        fc.pre(code[pos] !== ch);
        const typo = code.slice(0, pos) + ch + code.slice(pos + 1);
        assert.equal(isValidStationCode(typo), false, `${code} → ${typo}`);
      }),
      { numRuns: 5000 },
    );
  });

  test('every adjacent transposition is detected', () => {
    fc.assert(
      fc.property(partsArb, fc.nat(11), (parts, pos) => {
        const code = generateStationCode(parts);
        fc.pre(code[pos] !== code[pos + 1]);
        const typo = code.slice(0, pos) + code[pos + 1] + code[pos] + code.slice(pos + 2);
        assert.equal(isValidStationCode(typo), false, `${code} → ${typo}`);
      }),
      { numRuns: 5000 },
    );
  });

  test('exhaustively over every check position: substitutions and transpositions of 2,000 codes', () => {
    for (let n = 1; n <= 2000; n++) {
      const code = generateStationCode({
        regionCode: String(110000 + n * 37),
        type: STATION_TYPE_LETTERS[n % STATION_TYPE_LETTERS.length] as StationType,
        sequence: (n * 7919) % 99_999 || 1,
      });
      for (let i = 0; i < 13; i++) {
        for (const ch of ALNUM) {
          if (ch === code[i]) continue;
          assert.equal(isValidStationCode(code.slice(0, i) + ch + code.slice(i + 1)), false);
        }
        if (i < 12 && code[i] !== code[i + 1]) {
          assert.equal(isValidStationCode(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2)), false);
        }
      }
    }
  });

  test('precise reasons', () => {
    const good = generateStationCode({ regionCode: '110114', type: 'U', sequence: 42 });
    assert.deepEqual(parseStationCode('110114U0004'), { ok: false, reason: 'length' });
    assert.deepEqual(parseStationCode('11011AU00042X'), { ok: false, reason: 'format' });
    assert.deepEqual(parseStationCode(`110114Z00042${checkCharacter('110114Z00042')}`), { ok: false, reason: 'type' });
    assert.deepEqual(parseStationCode(`110114U00000${checkCharacter('110114U00000')}`), {
      ok: false,
      reason: 'sequence',
    });
    const wrong = good.slice(0, 12) + (good[12] === 'A' ? 'B' : 'A');
    assert.deepEqual(parseStationCode(wrong), { ok: false, reason: 'checkCharacter' });
  });

  test('generate refuses what cannot be a code', () => {
    assert.throws(() => generateStationCode({ regionCode: '11010', type: 'H', sequence: 1 }), RangeError);
    assert.throws(
      () => generateStationCode({ regionCode: '110105', type: 'Q' as StationType, sequence: 1 }),
      RangeError,
    );
    assert.throws(() => generateStationCode({ regionCode: '110105', type: 'H', sequence: 100_000 }), RangeError);
    assert.throws(() => generateStationCode({ regionCode: '110105', type: 'H', sequence: 0 }), RangeError);
  });
});
