import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { maskBankAccount, maskIdNumber, maskName, maskPhone } from './mask.ts';

describe('maskIdNumber', () => {
  test('keeps the first 6 and the last 4', () => {
    assert.equal(maskIdNumber('110105194912310021'), '110105********0021');
    assert.equal(maskIdNumber('11010519491231002X'), '110105********002X');
  });
  test('never reveals the birth date', () => {
    assert.ok(!maskIdNumber('110105194912310021').includes('19491231'));
  });
  test('short garbage is masked entirely rather than shown', () => {
    assert.equal(maskIdNumber('1234567890'), '**********');
    assert.equal(maskIdNumber(''), '');
  });
});

describe('maskBankAccount', () => {
  test('first 4, last 4, fixed middle', () => {
    assert.equal(maskBankAccount('6222020200112233445'), '6222 **** **** 3445');
    assert.equal(maskBankAccount('622202020011'), '6222 **** **** 0011');
  });
  test('middle does not reveal the length', () => {
    assert.equal(maskBankAccount('6222020200112233445').length, maskBankAccount('622202020011').length);
  });
  test('tolerates spaces in the input', () => {
    assert.equal(maskBankAccount('6222 0202 0011 2233 445'), '6222 **** **** 3445');
  });
  test('very short input never shows more than half', () => {
    assert.equal(maskBankAccount('12345678'), '**** 5678');
    assert.equal(maskBankAccount('1234'), '**** 34');
    assert.equal(maskBankAccount('1'), '****');
  });
});

describe('maskPhone', () => {
  test('138****5678', () => assert.equal(maskPhone('13812345678'), '138****5678'));
  test('short input masked entirely', () => assert.equal(maskPhone('1234567'), '*******'));
});

describe('maskName', () => {
  const cases: [string, string][] = [
    ['王小明', '王*明'],
    ['王明', '王*'],
    ['欧阳小明', '欧**明'],
    ['王', '*'],
    ['', ''],
    ['𠮷小明', '𠮷*明'],
    ['阿卜杜·热合曼', '阿*****曼'],
  ];
  for (const [input, expected] of cases) {
    test(`${input || '(empty)'} → ${expected}`, () => assert.equal(maskName(input), expected));
  }
});
