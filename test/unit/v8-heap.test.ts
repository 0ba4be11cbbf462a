// ChunkGc (server/db/v8-heap.ts): a young-generation collection every N bytes of engine chunks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import vm from 'node:vm';
import { ChunkGc, ownGrowth } from '../../server/db/v8-heap.js';

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

test('the real collector runs minor collections in a process without --expose-gc, and leaves no gc behind', async () => {
  assert.equal((globalThis as { gc?: unknown }).gc, undefined);
  const minors: number[] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minors.push(e.startTime);
  });
  obs.observe({ entryTypes: ['gc'] });
  const before = performance.now();
  const gc = new ChunkGc(1);
  gc.count(1);
  gc.count(1);
  await new Promise((r) => setTimeout(r, 50)); // gc entries are delivered asynchronously
  obs.disconnect();
  assert.ok(minors.filter((t) => t >= before).length >= 2, `two scavenges at least, saw ${minors.length}`);
  assert.equal((globalThis as { gc?: unknown }).gc, undefined);
  assert.equal(vm.runInNewContext('typeof gc'), 'undefined', 'a context made afterwards has no gc');
});

test("the process's own growing factor is kept, given either way", () => {
  assert.equal(ownGrowth('--import tsx'), false);
  assert.equal(ownGrowth('--import tsx', '--max-old-space-size=4096'), false);
  assert.equal(ownGrowth('--heap-growing-percent=50'), true);
  assert.equal(ownGrowth('--heap_growing_percent=50'), true);
  assert.equal(ownGrowth('', '--heap-growing-percent=50'), true);
  assert.equal(ownGrowth('', '--heap_growing-percent=50 --max-old-space-size=1000'), true);
});
