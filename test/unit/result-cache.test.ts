// The dashboards' result cache: bounded, short-lived, one computation per key at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ResultCache } from '../../server/features/dashboards/result-cache.js';

test('a hit within the TTL reuses the value; after it, the value is computed again', async () => {
  let now = 0;
  let calls = 0;
  const cache = new ResultCache(10, 1000, () => now);
  const compute = async () => ++calls;
  assert.equal(await cache.get('k', compute), 1);
  now = 999;
  assert.equal(await cache.get('k', compute), 1);
  now = 1000;
  assert.equal(await cache.get('k', compute), 2);
});

test('concurrent misses share one computation; a failure is not kept', async () => {
  let calls = 0;
  const cache = new ResultCache(10, 1000, () => 0);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const a = cache.get('k', async () => (await gate, ++calls));
  const b = cache.get('k', async () => (await gate, ++calls));
  release();
  assert.deepEqual(await Promise.all([a, b]), [1, 1]);
  await assert.rejects(
    cache.get('bad', async () => {
      throw new Error('boom');
    }),
  );
  assert.equal(await cache.get('bad', async () => 'ok'), 'ok');
});

test('the least recently used entry goes first when full', async () => {
  const cache = new ResultCache(2, 1000, () => 0);
  await cache.get('a', async () => 'a1');
  await cache.get('b', async () => 'b1');
  await cache.get('a', async () => 'a2'); // a is now the most recent
  await cache.get('c', async () => 'c1'); // evicts b
  assert.equal(cache.size, 2);
  assert.equal(await cache.get('a', async () => 'a3'), 'a1');
  assert.equal(await cache.get('b', async () => 'b2'), 'b2');
});
