// growingFile (server/db/engine-file.ts): a file read while it grows, in chunks that are views of
// two reused buffers; every chunk stays intact until the generator is resumed twice more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { growingFile, READ_BYTES } from '../../server/db/engine-file.js';

test('a file appended to while it is read arrives whole, each chunk intact until the second resume after it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-growing-'));
  try {
    const file = path.join(dir, 'x.csv');
    // More than two reads' worth, written in pieces that do not line up with the reads.
    const pieces = Array.from({ length: 5 }, () => crypto.randomBytes(Math.floor(READ_BYTES * 0.7) + 12_345));
    const statement = (async () => {
      for (const p of pieces) {
        fs.appendFileSync(file, p);
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    const copies: Buffer[] = [];
    let previous: { view: Buffer; copy: Buffer } | undefined;
    for await (const chunk of growingFile(file, statement, new AbortController().signal)) {
      // The chunk before this one has not been overwritten by this read.
      if (previous) assert.ok(previous.view.equals(previous.copy), 'the previous chunk changed under its reader');
      const copy = Buffer.from(chunk);
      copies.push(copy);
      previous = { view: chunk, copy };
    }
    assert.ok(copies.length > 2, `${copies.length} chunks`);
    assert.ok(Buffer.concat(copies).equals(Buffer.concat(pieces)));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a statement that fails before writing throws its error, with no chunk', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-growing-'));
  try {
    const failed = Promise.reject(new Error('engine said no'));
    failed.catch(() => {});
    const chunks: Buffer[] = [];
    await assert.rejects(async () => {
      for await (const c of growingFile(path.join(dir, 'none.csv'), failed, new AbortController().signal)) chunks.push(c);
    }, /engine said no/);
    assert.equal(chunks.length, 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
