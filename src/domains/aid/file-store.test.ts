import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { diskFileStore } from './file-store.ts';

test('disk file store: put, get, delete, and keys cannot escape the root', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'uc-files-'));
  try {
    const store = diskFileStore(root);
    await store.put('aid/claims/abc/doc1.pdf', Buffer.from('%PDF-1.4 hello'));
    const stream = await store.get('aid/claims/abc/doc1.pdf');
    assert.ok(stream);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    assert.equal(Buffer.concat(chunks).toString(), '%PDF-1.4 hello');
    assert.equal(await store.get('aid/claims/abc/missing.pdf'), null);
    await store.delete('aid/claims/abc/doc1.pdf');
    assert.equal(await store.get('aid/claims/abc/doc1.pdf'), null);
    await assert.rejects(store.put('../outside', Buffer.from('x')), /invalid file key/);
    await assert.rejects(store.put('a/../../b', Buffer.from('x')), /invalid file key/);
    assert.deepEqual(fs.readdirSync(path.join(root, 'aid', 'claims', 'abc')), []);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
