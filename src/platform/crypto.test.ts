import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { createFieldCipher, FieldCipherError, loadOrCreateMasterKey } from './crypto.ts';

const key = randomBytes(32);
const cipher = createFieldCipher(key);

describe('createFieldCipher', () => {
  test('round trip, including Chinese text and the empty string', () => {
    for (const plain of ['11010519491231002X', '6222020200112233445', '腰椎间盘突出，住院 14 天', '', '𠮷']) {
      assert.equal(cipher.decrypt(cipher.encrypt(plain)), plain);
    }
  });

  test('blob layout is version || 12-byte iv || 16-byte tag || ciphertext', () => {
    const blob = cipher.encrypt('abc');
    assert.equal(blob[0], 1);
    assert.equal(blob.length, 1 + 12 + 16 + 3);
    assert.ok(!blob.includes(Buffer.from('abc')), 'plaintext must not appear in the blob');
  });

  test('two encryptions of the same value differ', () => {
    const a = cipher.encrypt('11010519491231002X');
    const b = cipher.encrypt('11010519491231002X');
    assert.notDeepEqual(a, b);
    assert.notDeepEqual(a.subarray(1, 13), b.subarray(1, 13), 'fresh IV');
  });

  test('flipping any single byte is detected', () => {
    const blob = cipher.encrypt('11010519491231002X');
    for (let i = 0; i < blob.length; i++) {
      const bad = Buffer.from(blob);
      bad[i] = bad[i]! ^ 0x01;
      assert.throws(() => cipher.decrypt(bad), FieldCipherError, `byte ${i}`);
    }
  });

  test('truncated blobs and a different key are rejected', () => {
    const blob = cipher.encrypt('secret');
    assert.throws(() => cipher.decrypt(blob.subarray(0, 20)), /truncated/);
    assert.throws(() => cipher.decrypt(blob.subarray(0, blob.length - 1)), FieldCipherError);
    assert.throws(() => createFieldCipher(randomBytes(32)).decrypt(blob), /authentication/);
  });

  test('a key of the wrong length is refused', () => {
    assert.throws(() => createFieldCipher(randomBytes(16)), /32 bytes/);
  });

  test('hash is stable, 32 bytes, and separated by kind and by key', () => {
    const h = cipher.hash('idNumber', '11010519491231002X');
    assert.equal(h.length, 32);
    assert.deepEqual(h, createFieldCipher(Buffer.from(key)).hash('idNumber', '11010519491231002X'));
    assert.notDeepEqual(cipher.hash('idNumber', '622202020011'), cipher.hash('bankAccount', '622202020011'));
    assert.notDeepEqual(h, createFieldCipher(randomBytes(32)).hash('idNumber', '11010519491231002X'));
    assert.notDeepEqual(cipher.hash('idNumber', 'a'), cipher.hash('idNumber', 'b'));
  });

  test('hash key is derived, not the raw master key', () => {
    const raw = createHmac('sha256', key).update('idNumber:x').digest();
    assert.notDeepEqual(cipher.hash('idNumber', 'x'), raw);
  });

  test('hash kind cannot contain the separator', () => {
    assert.throws(() => cipher.hash('id:Number', 'x'), FieldCipherError);
    assert.throws(() => cipher.hash('', 'x'), FieldCipherError);
  });
});

describe('loadOrCreateMasterKey', () => {
  const dir = mkdtempSync(join(tmpdir(), 'uc-key-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('creates the file with mode 0600 in new parent dirs, then reuses it', () => {
    const file = join(dir, 'nested', 'deeper', 'master.key');
    const first = loadOrCreateMasterKey({ file });
    assert.equal(first.length, 32);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').length, 32);
    const second = loadOrCreateMasterKey({ file });
    assert.deepEqual(second, first);
    assert.deepEqual(readdirSync(join(dir, 'nested', 'deeper')), ['master.key'], 'no temp file left behind');
  });

  test('an empty env value falls back to the file', () => {
    const file = join(dir, 'empty-env.key');
    const k = loadOrCreateMasterKey({ envValue: '  ', file });
    assert.deepEqual(loadOrCreateMasterKey({ file }), k);
  });

  test('the env value wins and no file is created', () => {
    const envKey = randomBytes(32);
    const file = join(dir, 'unused', 'master.key');
    assert.deepEqual(loadOrCreateMasterKey({ envValue: envKey.toString('base64'), file }), envKey);
    assert.throws(() => statSync(file), /ENOENT/);
  });

  test('a bad env value gives a clear error', () => {
    const file = join(dir, 'x.key');
    assert.throws(
      () => loadOrCreateMasterKey({ envValue: randomBytes(16).toString('base64'), file }),
      /base64 of exactly 32 random bytes \(got 16 bytes\)/,
    );
    assert.throws(() => loadOrCreateMasterKey({ envValue: 'not base64!!', file }), FieldCipherError);
  });

  test('a corrupt key file is an error, not silently replaced', () => {
    const file = join(dir, 'corrupt.key');
    writeFileSync(file, 'short\n');
    assert.throws(() => loadOrCreateMasterKey({ file }), /corrupt\.key must be base64/);
    assert.equal(readFileSync(file, 'utf8'), 'short\n');
  });
});
