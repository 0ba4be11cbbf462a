// Pass 2 of the demo's video events reads the scratch table one time span per statement
// (docs/demo-load.md, "Time-ordered video events", "Session 16"): the spans must cover every instant
// once, or a row would be written twice or never. Since session 17 a span is up to 50M events: the large
// demo is one statement, and a larger plan (120M events here) is cut into three.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPlan } from '../../server/features/demo/demo.plan.js';
import { videoSpans } from '../../server/features/demo/demo.clickhouse.js';

test('the time spans of the video events: contiguous, open at both ends, up to 50M events each', () => {
  const now = new Date('2026-11-01T12:00:00Z');
  for (const [size, windows, events] of [
    ['small', 1, undefined],
    ['default', 1, undefined], // 2M events
    ['large', 1, undefined], // 50M events (size table)
    ['large', 3, 120_000_000], // 120M events / 50M a span, rounded up
  ] as const) {
    const built = buildPlan(size, 42, now);
    const plan = events ? { ...built, spec: { ...built.spec, videoEvents: events } } : built;
    const w = videoSpans(plan);
    assert.equal(w.length, windows, size);
    assert.equal(w[0]!.fromMs, 0);
    assert.equal(w.at(-1)!.toMs, Number.MAX_SAFE_INTEGER);
    for (let i = 1; i < w.length; i++) assert.equal(w[i]!.fromMs, w[i - 1]!.toMs, `${size}: window ${i} starts where ${i - 1} ends`);
    // Inner edges cut [lo, now) into equal spans.
    if (w.length > 1) assert.ok(Math.abs(w[1]!.fromMs - (plan.loMs + (plan.nowMs - plan.loMs) / windows)) <= 1);
  }
});
