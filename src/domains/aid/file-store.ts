/**
 * Where claim documents live. The default keeps them under DATA_DIR/uploads; an object store (MinIO, OSS, COS)
 * implements the same three calls later without touching the routes.
 */
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

export interface FileStore {
  put(key: string, data: Buffer): Promise<void>;
  /** null when there is no such file. */
  get(key: string): Promise<Readable | null>;
  delete(key: string): Promise<void>;
}

const KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/i;

function check(key: string) {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`invalid file key ${JSON.stringify(key)}`);
}

/** Files on the local disk; writes go to a temporary name first, so a crash never leaves half a document. */
export function diskFileStore(root: string): FileStore {
  const full = (key: string) => {
    check(key);
    return path.join(root, ...key.split('/'));
  };
  return {
    async put(key, data) {
      const target = full(key);
      await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const tmp = `${target}.${process.pid}.tmp`;
      await fs.writeFile(tmp, data, { mode: 0o600 });
      await fs.rename(tmp, target);
    },
    async get(key) {
      const target = full(key);
      try {
        await fs.access(target);
      } catch {
        return null;
      }
      return createReadStream(target);
    },
    async delete(key) {
      await fs.rm(full(key), { force: true });
    },
  };
}
