import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hashPassword, passwordNeedsRehash, passwordProblems, verifyPassword } from './password.ts';

describe('hashPassword / verifyPassword', () => {
  test('round trip, wrong password, and salted encoding', async () => {
    const [a, b] = await Promise.all([hashPassword('Correct horse 9'), hashPassword('Correct horse 9')]);
    assert.match(a, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    assert.notEqual(a, b, 'random salt');
    assert.equal(await verifyPassword('Correct horse 9', a), true);
    assert.equal(await verifyPassword('Correct horse 9', b), true);
    assert.equal(await verifyPassword('correct horse 9', a), false);
    assert.equal(await verifyPassword('', a), false);
    assert.equal(passwordNeedsRehash(a), false);

    const parts = a.split('$');
    const flipped = Buffer.from(parts[5]!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    parts[5] = flipped.toString('base64');
    assert.equal(await verifyPassword('Correct horse 9', parts.join('$')), false, 'tampered hash');
  });

  test('full-width input verifies against half-width (NFKC)', async () => {
    const h = await hashPassword('abc12345x');
    assert.equal(await verifyPassword('ａｂｃ１２３４５ｘ', h), true);
  });

  test('verifies hashes made with other (cheaper) parameters and flags them for rehash', async () => {
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.alloc(16, 7);
    const key = scryptSync('legacy pw 1', salt, 32, { N: 1024, r: 8, p: 1 });
    const encoded = `scrypt$1024$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    assert.equal(await verifyPassword('legacy pw 1', encoded), true);
    assert.equal(passwordNeedsRehash(encoded), true);
  });

  test('malformed or abusive stored hashes verify as false without throwing', async () => {
    const salt = Buffer.alloc(16).toString('base64');
    const hash = Buffer.alloc(32).toString('base64');
    for (const bad of [
      '',
      'bcrypt$2b$10$abc',
      `scrypt$32768$8$1$${salt}`,
      `scrypt$1048576$64$1$${salt}$${hash}`, // would need 8 GiB
      `scrypt$1000$8$1$${salt}$${hash}`, // N not a power of two
      `scrypt$32768$8$1$${salt}$AAAA`, // 3-byte hash
    ]) {
      assert.equal(await verifyPassword('whatever1', bad), false, bad);
      assert.equal(passwordNeedsRehash(bad), true, bad);
    }
  });
});

describe('passwordProblems', () => {
  const cases: [string, string[]][] = [
    ['Tr0ub4dor&3', []],
    ['工会会员2024年', []],
    ['abc1234', ['tooShort']],
    ['', ['tooShort', 'needsLetterAndDigit']],
    ['12345678', ['tooCommon', 'needsLetterAndDigit']],
    ['password', ['tooCommon', 'needsLetterAndDigit']],
    ['PassWord', ['tooCommon', 'needsLetterAndDigit']],
    ['11111111', ['tooCommon', 'needsLetterAndDigit']],
    ['abc12345', ['tooCommon']],
    ['ABC12345', ['tooCommon']],
    ['qwerty123', ['tooCommon']],
    ['onlyletters', ['needsLetterAndDigit']],
    ['98765432109', ['needsLetterAndDigit']],
    [`a1${'x'.repeat(127)}`, ['tooLong']],
    ['𠮷𠮷𠮷1', ['tooShort']],
  ];
  for (const [pw, expected] of cases) {
    test(`${JSON.stringify(pw.length > 20 ? `${pw.slice(0, 8)}…` : pw)} → [${expected.join(', ')}]`, () => {
      assert.deepEqual(passwordProblems(pw), expected);
    });
  }
});
