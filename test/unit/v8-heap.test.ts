// ChunkGc (server/db/v8-heap.ts): a young-generation collection every N bytes of engine chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChunkGc } from '../../server/db/v8-heap.js';

test('collects once every `every` bytes handed over, counting from the last collection', () => {
  const at: number[] = [];
  let i = 0;
  const gc = new ChunkGc(10, () => at.push(i));
  // Running totals since the last collection, by hand: 4, 8, 12 → collect; 10 → collect; 1, 10 → collect; 0.
  for (const bytes of [4, 4, 4, 10, 1, 9, 0]) {
    gc.count(bytes);
    i++;
  }
  assert.deepEqual(at, [2, 3, 5]);
});

test('the real collector runs in a process without --expose-gc and leaves its global without gc', () => {
  assert.equal((globalThis as { gc?: unknown }).gc, undefined);
  const gc = new ChunkGc(1);
  gc.count(1);
  gc.count(1);
  assert.equal((globalThis as { gc?: unknown }).gc, undefined);
});
