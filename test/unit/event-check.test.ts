// The fast check of video and ad events (event-check.ts) against the zod schemas it stands in
// for: on a valid line it gives exactly the value written out here by hand (zod's output, defaults
// included, unknown fields dropped); on every line the schema or the time window would reject,
// and on the doubtful ones, it says nothing (undefined), so zod words the answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastAdEvent, fastVideoEvent } from '../../server/features/ingest/event-check.js';
import { checkLine } from '../../server/features/ingest/ingest.schemas.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');
// checkTimes' window at NOW: 400 days back, 5 minutes ahead.
const W = { from: NOW - 400 * 86_400_000, to: NOW + 5 * 60_000 };
const video = {
  event_id: '6f1c8c0e-8a8e-4d3c-9a55-1c2b3d4e5f60',
  ts: '2026-11-22T11:59:00.123+05:30',
  type: 'like',
  video_id: 1,
  creator_id: 2,
  user_id: 0,
  region: 'US',
  device: 'ios',
};
const ad = {
  event_id: '00000000-0000-0000-0000-000000000000',
  ts: '2026-11-22T11:59:00Z',
  type: 'click',
  advertiser_id: 4,
  campaign_id: 5,
  user_id: 6,
  cost_micros: 1_000_000_000_000,
  region: 'in-01',
  device: 'web',
};

test('a valid video or ad event: the value zod gives, defaults in, unknown fields out', () => {
  const expectedVideo = { ...video, watch_ms: 0 };
  assert.deepEqual(fastVideoEvent({ ...video, extra: 'x' }, W), expectedVideo);
  assert.deepEqual(checkLine('video-events', { ...video, extra: 'x' }, NOW), { ok: true, value: expectedVideo });
  assert.deepEqual(fastVideoEvent({ ...video, watch_ms: 86_400_000 }, W), { ...video, watch_ms: 86_400_000 });
  const expectedAd = { ...ad, conversion_value_micros: 0, play_ms: 0 };
  assert.deepEqual(fastAdEvent(ad, W), expectedAd);
  assert.deepEqual(checkLine('ad-events', ad, NOW), { ok: true, value: expectedAd });
  // The window's edges are inside (as checkTimes has them).
  assert.ok(fastVideoEvent({ ...video, ts: '2026-11-22T12:05:00Z' }, W));
  assert.ok(fastVideoEvent({ ...video, ts: '2025-10-18T12:00:00Z' }, W));
});

test('every line zod or the window rejects, and every doubtful one, is left to zod', () => {
  const badVideo: Record<string, unknown>[] = [
    { ...video, event_id: '6f1c8c0e-8a8e-4d3c-9a55-1c2b3d4e5f6' },
    { ...video, event_id: '6f1c8c0e-8a8e-9d3c-9a55-1c2b3d4e5f60' }, // version 9: not a UUID to zod
    { ...video, event_id: undefined },
    { ...video, ts: '2026-11-22 11:59:00Z' },
    { ...video, ts: '2026-11-22T11:59:00' }, // no zone
    { ...video, ts: '2026-02-30T11:59:00Z' },
    { ...video, ts: '2026-11-22T12:05:01Z' }, // 5 minutes and 1 second ahead
    { ...video, ts: '2025-10-18T11:59:59Z' }, // 400 days and 1 second back
    { ...video, type: 'VIEW' },
    { ...video, video_id: 0 },
    { ...video, video_id: '1' },
    { ...video, creator_id: 1.5 },
    { ...video, user_id: -1 },
    { ...video, user_id: 2 ** 53 },
    { ...video, watch_ms: null },
    { ...video, watch_ms: 86_400_001 },
    { ...video, region: 'U' },
    { ...video, region: 'US_EAST' },
    { ...video, device: '' },
    { ...video, device: 'x'.repeat(33) },
    { ...video, device: 'io\u0000s' },
    { ...video, device: 'io\ud800s' },
  ];
  for (const line of badVideo) {
    assert.equal(fastVideoEvent(line, W), undefined, JSON.stringify(line));
  }
  // The doubtful line with a paired surrogate is valid to zod; the fast check still leaves it.
  assert.equal(fastVideoEvent({ ...video, device: 'i\ud83d\ude00' }, W), undefined);
  assert.equal(checkLine('video-events', { ...video, device: 'i\ud83d\ude00' }, NOW).ok, true);
  // Every bad line is rejected by checkLine, with the schema's words (one example written out).
  for (const line of badVideo) assert.equal(checkLine('video-events', line, NOW).ok, false, JSON.stringify(line));
  assert.deepEqual(checkLine('video-events', { ...video, watch_ms: 86_400_001 }, NOW), {
    ok: false,
    reason: 'out_of_range',
    field: 'watch_ms',
    error: 'watch_ms must be at most 86400000 (got 86400001)',
  });
  const badAd: Record<string, unknown>[] = [
    { ...ad, type: 'view' },
    { ...ad, cost_micros: 1_000_000_000_001 },
    { ...ad, conversion_value_micros: -1 },
    { ...ad, play_ms: 0.5 },
    { ...ad, advertiser_id: null },
    { ...ad, campaign_id: undefined },
  ];
  for (const line of badAd) {
    assert.equal(fastAdEvent(line, W), undefined, JSON.stringify(line));
    assert.equal(checkLine('ad-events', line, NOW).ok, false, JSON.stringify(line));
  }
});
