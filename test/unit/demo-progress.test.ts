// Progress.runWatched (docs/architecture.md, "Demo data"): while a long step runs,
// its units are reported in part from the share its watch answers; the part never reaches the
// whole before the step ends, never goes back, and a failed step takes its part back. The figures
// below are worked out by hand from total 1,000 and a step of 400 units.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Progress, type DemoProgress } from '../../server/features/demo/demo.progress.js';

const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 2));
};

function step<T>() {
  let resolve!: (v: T) => void, reject!: (e: unknown) => void;
  const done = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { done, resolve, reject };
}

test('a watched step: its share reported in part, short of the whole, never going back, then whole', async () => {
  const seen: DemoProgress[] = [];
  const p = new Progress(1000, (x) => seen.push(x));
  await p.run('users', 100, async () => 0); // done 100
  const shares = [0.25, 0.1, 0.5, 1.2]; // 100 of 400; lower (skipped); 200; over 1 (capped at 399)
  const s = step<string>();
  let asked = 0;
  const running = p.runWatched(
    'video_events',
    400,
    () => s.done,
    async () => shares[Math.min(asked++, shares.length - 1)]!,
    1,
  );
  await until(() => asked >= shares.length + 1);
  // Another step ends meanwhile: its units add to what is shown, the part stays.
  await p.run('ads', 50, async () => 0);
  s.resolve('ok');
  assert.equal(await running, 'ok');
  assert.deepEqual(
    seen.map((x) => x.done),
    [100, 200, 300, 499, 549, 550],
  );
  assert.deepEqual(
    seen.map((x) => x.step),
    ['users', 'video_events', 'video_events', 'video_events', 'ads', 'video_events'],
  );
  assert.ok(seen.every((x) => x.total === 1000));
  assert.equal(p.done, 550);
});

test('a watched step that fails: its part is taken back, the error goes to the caller; a failing watch is skipped', async () => {
  const seen: number[] = [];
  const p = new Progress(1000, (x) => seen.push(x.done));
  const s = step<never>();
  let asked = 0;
  const running = p.runWatched(
    'video_events',
    400,
    () => s.done,
    async () => {
      asked++;
      if (asked === 1) throw new Error('engine busy');
      return 0.5;
    },
    1,
  );
  await until(() => seen.length === 1);
  s.reject(new Error('statement failed'));
  await assert.rejects(running, /statement failed/);
  assert.deepEqual(seen, [200]);
  await p.run('ads', 50, async () => 0);
  assert.deepEqual(seen, [200, 50], 'the failed step no longer counts');
});
