// Pass 2 of the demo's video events reads the scratch table one time span per statement
// (docs/demo-load.md, "Time-ordered video events", "Session 16"): the spans must cover every instant
// once, or a row would be written twice or never.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPlan } from '../../server/features/demo/demo.plan.js';
import { videoSpans } from '../../server/features/demo/demo.clickhouse.js';

test('the time spans of the video events: contiguous, open at both ends, ~5M events each', () => {
  const now = new Date('2026-11-01T12:00:00Z');
  for (const [size, windows] of [
    ['small', 1],
    ['default', 1], // 2M events
    ['large', 10], // 50M events (size table) / 5M a span
  ] as const) {
    const plan = buildPlan(size, 42, now);
    const w = videoSpans(plan);
    assert.equal(w.length, windows, size);
    assert.equal(w[0]!.fromMs, 0);
    assert.equal(w.at(-1)!.toMs, Number.MAX_SAFE_INTEGER);
    for (let i = 1; i < w.length; i++) assert.equal(w[i]!.fromMs, w[i - 1]!.toMs, `${size}: window ${i} starts where ${i - 1} ends`);
    // Inner edges cut [lo, now) into equal spans.
    if (w.length > 1) assert.ok(Math.abs(w[1]!.fromMs - (plan.loMs + (plan.nowMs - plan.loMs) / windows)) <= 1);
  }
});
