import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { normalisePhone } from './phone.ts';

describe('normalisePhone', () => {
  const valid: [string, string][] = [
    ['13812345678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['86-138-1234-5678', '13812345678'],
    ['008613812345678', '13812345678'],
    ['(+86) 199-0000-1111', '19900001111'],
    ['１３８１２３４５６７８', '13812345678'],
    [' 138 1234 5678 ', '13812345678'],
  ];
  for (const [input, expected] of valid) {
    test(`accepts ${JSON.stringify(input)}`, () => assert.equal(normalisePhone(input), expected));
  }

  const invalid = [
    '',
    '12812345678', // second digit 2
    '10012345678',
    '1381234567', // 10 digits
    '138123456789', // 12 digits
    '+85291234567', // Hong Kong
    '010-12345678', // Beijing landline
    '+86 010 1234 5678',
    '1381234567a',
    '86138123456789', // 86 + 12 digits
    '+1 13812345678',
  ];
  for (const input of invalid) {
    test(`rejects ${JSON.stringify(input)}`, () => assert.equal(normalisePhone(input), null));
  }

  test('property: every 1[3-9] + 9 digits number survives any accepted decoration', () => {
    const mobile = fc
      .tuple(fc.integer({ min: 3, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }))
      .map(([second, rest]) => `1${second}${rest.join('')}`);
    fc.assert(
      fc.property(
        mobile,
        fc.constantFrom('', '+86', '86', '0086', '+86 '),
        fc.constantFrom('', ' ', '-'),
        (m, p, sep) => {
          const decorated = `${p}${m.slice(0, 3)}${sep}${m.slice(3, 7)}${sep}${m.slice(7)}`;
          return normalisePhone(decorated) === m;
        },
      ),
    );
  });
});
