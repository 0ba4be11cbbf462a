// Line validation of the ingest streams (pure): reason codes and the sentences a sender reads,
// written out by hand; and the SETTINGS clause the embedded ClickHouse insert is given.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLine } from '../../server/features/ingest/ingest.schemas.js';
import { settingsClause } from '../../server/db/insert-text.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const event = {
  event_id: '6f1c8c0e-8a8e-4d3c-9a55-1c2b3d4e5f60',
  ts: '2026-11-22T11:59:00Z',
  type: 'view',
  video_id: 1,
  creator_id: 2,
  user_id: 3,
  region: 'US',
  device: 'ios',
};
const fail = (r: ReturnType<typeof checkLine>) => (r.ok ? null : [r.reason, r.field, r.error]);

test('a valid event gets its defaults; a timestamp window of 5 minutes ahead and 400 days back', () => {
  const ok = checkLine('video-events', event, NOW);
  assert.deepEqual(ok, { ok: true, value: { ...event, watch_ms: 0 } });
  assert.equal(checkLine('video-events', { ...event, ts: '2026-11-22T12:05:00Z' }, NOW).ok, true);
  assert.deepEqual(fail(checkLine('video-events', { ...event, ts: '2026-11-22T12:05:01Z' }, NOW)), [
    'future_timestamp',
    'ts',
    'ts is 2026-11-22T12:05:01Z, more than 5 minutes in the future (console time 2026-11-22T12:00:00.000Z)',
  ]);
  assert.deepEqual(fail(checkLine('video-events', { ...event, ts: '2025-10-17T11:59:59Z' }, NOW)), [
    'out_of_range',
    'ts',
    'ts is 2025-10-17T11:59:59Z, older than the 400 days an event may be',
  ]);
  // Entities may be old; they may not be from the future either.
  assert.equal(checkLine('users', { id: 1, username: 'a', email: 'a@b.co', region: 'US', updated_at: '2019-01-01T00:00:00Z' }, NOW).ok, true);
  assert.deepEqual(
    fail(checkLine('users', { id: 1, username: 'a', email: 'a@b.co', region: 'US', updated_at: '2026-11-23T00:00:00+05:30' }, NOW))?.slice(0, 2),
    ['future_timestamp', 'updated_at'],
  );
});

test('reasons and sentences per kind of mistake', () => {
  assert.deepEqual(fail(checkLine('video-events', { ...event, user_id: -1 }, NOW)), ['out_of_range', 'user_id', 'user_id must be at least 0 (got -1)']);
  assert.deepEqual(fail(checkLine('video-events', { ...event, video_id: 1.5 }, NOW)), ['invalid_type', 'video_id', 'video_id must be an integer (got 1.5)']);
  assert.deepEqual(fail(checkLine('video-events', { ...event, ts: '2026-11-22 11:59:00' }, NOW)), [
    'invalid_timestamp',
    'ts',
    'ts must be an ISO-8601 timestamp with Z or an offset, such as 2026-11-22T10:15:00Z (got "2026-11-22 11:59:00")',
  ]);
  assert.deepEqual(fail(checkLine('video-events', 'hello', NOW)), ['not_an_object', null, 'a line must be one JSON object (got "hello")']);
  assert.deepEqual(
    fail(
      checkLine(
        'request-metrics',
        {
          ts: '2026-11-22T11:00:00Z',
          service: 'api',
          route: '/v1/users/6f1c8c0e-8a8e-4d3c-9a55-1c2b3d4e5f60/feed',
          method: 'GET',
          status: 200,
          duration_ms: 1,
        },
        NOW,
      ),
    ),
    ['invalid_format', 'route', 'route must be a templated path such as /videos/:id, not a raw one (segment "6f1c8c0e-8a8e-4d3c-9a55-1c2b3d4e5f60")'],
  );
  assert.deepEqual(fail(checkLine('advertisers', { id: 1, name: 'x', timezone: 'Asia/Kathmandu', currency: 'usd', updated_at: '2026-11-22T11:00:00Z' }, NOW)), [
    'invalid_format',
    'currency',
    'currency must be an ISO 4217 currency code such as USD (got "usd")',
  ]);
  assert.equal(checkLine('advertisers', { id: 1, name: 'x', timezone: 'Asia/Kathmandu', currency: 'NPR', updated_at: '2026-11-22T11:00:00Z' }, NOW).ok, true);
  assert.deepEqual(
    fail(checkLine('videos', { id: 1, creator_id: 2, title: 't'.repeat(301), duration_ms: 1, region: 'US', updated_at: '2026-11-22T11:00:00Z' }, NOW)),
    ['too_long', 'title', 'title must have at most 300 characters (got 301)'],
  );
  assert.deepEqual(
    fail(checkLine('reports', { id: 1, video_id: 2, source: 'automated', reporter_id: 5, reason: 'spam', created_at: '2026-11-22T11:00:00Z' }, NOW)),
    ['missing_field', 'reporter_id', 'reporter_id must be null when source is automated'],
  );
});

test('settingsClause: plain names, numbers, booleans and token-like strings only', () => {
  assert.equal(
    settingsClause({ insert_deduplication_token: 'ingest-ab12', deduplicate_blocks_in_dependent_materialized_views: 1, date_time_input_format: 'best_effort' }),
    "insert_deduplication_token = 'ingest-ab12', deduplicate_blocks_in_dependent_materialized_views = 1, date_time_input_format = 'best_effort'",
  );
  assert.throws(() => settingsClause({ insert_deduplication_token: "x'; DROP TABLE t; --" }), /token-like/);
  assert.throws(() => settingsClause({ ['max_threads = 1, x' as 'max_threads']: 1 }), /setting name/);
});
