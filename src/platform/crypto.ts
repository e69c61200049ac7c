/**
 * Field-level encryption for sensitive personal information (ID numbers, bank accounts, diagnoses), so a leaked
 * database dump or backup does not leak people. Each value gets a random IV; a keyed hash stored beside it lets us
 * find "the member with this ID number" without decrypting every row.
 */
import {
  type CipherGCM,
  createCipheriv,
  createDecipheriv,
  createHmac,
  type DecipherGCM,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const HKDF_SALT = Buffer.from('unioncare', 'utf8');
const ENC_INFO = 'unioncare/field-encryption/v1';
const HASH_INFO = 'unioncare/lookup-hash/v1';

export interface FieldCipher {
  /** version(1) || iv(12) || tag(16) || ciphertext; a fresh IV each call, so equal values give different blobs. */
  encrypt(plain: string): Buffer;
  /** Throws if the blob was altered, truncated, or encrypted under another key. */
  decrypt(blob: Buffer): string;
  /**
   * HMAC-SHA256 of `kind:plain` under a key separate from the encryption key. `kind` (e.g. 'idNumber',
   * 'bankAccount') keeps equal digit strings of different meaning apart; callers must normalise `plain` first.
   */
  hash(kind: string, plain: string): Buffer;
}

/** Raised for key problems and undecryptable data, never carrying the plaintext or key material. */
export class FieldCipherError extends Error {
  override name = 'FieldCipherError';
}

function subKey(master: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, HKDF_SALT, info, KEY_BYTES));
}

/**
 * Derives independent encryption and hashing keys from one master key, so rotating or leaking the hash key's
 * use (e.g. in a reporting replica) never exposes the encryption key.
 */
export function createFieldCipher(masterKey: Buffer): FieldCipher {
  if (masterKey.length !== KEY_BYTES) {
    throw new FieldCipherError(`Master key must be ${KEY_BYTES} bytes, got ${masterKey.length}`);
  }
  const encKey = subKey(masterKey, ENC_INFO);
  const hashKey = subKey(masterKey, HASH_INFO);
  const aad = Buffer.from([VERSION]);

  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv) as CipherGCM;
      cipher.setAAD(aad);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([aad, iv, cipher.getAuthTag(), ct]);
    },
    decrypt(blob) {
      if (blob.length < 1 + IV_BYTES + TAG_BYTES) throw new FieldCipherError('Encrypted field is truncated');
      if (blob[0] !== VERSION) throw new FieldCipherError(`Unknown encrypted field version ${blob[0]}`);
      const iv = blob.subarray(1, 1 + IV_BYTES);
      const tag = blob.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', encKey, iv) as DecipherGCM;
      decipher.setAAD(blob.subarray(0, 1));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(blob.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
          'utf8',
        );
      } catch {
        throw new FieldCipherError('Encrypted field failed authentication (tampered, or a different master key)');
      }
    },
    hash(kind, plain) {
      if (!/^[A-Za-z][\w.-]*$/.test(kind)) {
        // A ':' in kind would make 'a:b' + 'c' collide with 'a' + 'b:c'.
        throw new FieldCipherError(`Hash kind must be an identifier, got ${JSON.stringify(kind)}`);
      }
      return createHmac('sha256', hashKey).update(`${kind}:${plain}`, 'utf8').digest();
    },
  };
}

function decodeKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  const key = Buffer.from(trimmed, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed) || key.length !== KEY_BYTES) {
    throw new FieldCipherError(
      `${source} must be base64 of exactly ${KEY_BYTES} random bytes (got ${key.length} bytes). ` +
        `Generate one with: node -e "console.log(require('node:crypto').randomBytes(32).toString('base64'))"`,
    );
  }
  return key;
}

/**
 * The environment value wins (production keeps the key outside the data directory); otherwise the key file under
 * DATA_DIR is read, or created once with 0600 permissions for the embedded default. Creation is atomic (write a
 * temporary file, then hard-link it into place), so two processes starting together agree on one key and neither
 * ever reads a half-written file.
 */
export function loadOrCreateMasterKey(opts: { envValue?: string; file: string }): Buffer {
  if (opts.envValue !== undefined && opts.envValue.trim() !== '') {
    return decodeKey(opts.envValue, 'The master key from the environment');
  }
  try {
    return decodeKey(readFileSync(opts.file, 'utf8'), `Master key file ${opts.file}`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dirname(opts.file), { recursive: true, mode: 0o700 });
  const tmp = `${opts.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(tmp, 0o600); // in case a permissive umask widened it
  try {
    linkSync(tmp, opts.file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(tmp);
  }
  return decodeKey(readFileSync(opts.file, 'utf8'), `Master key file ${opts.file}`);
}
