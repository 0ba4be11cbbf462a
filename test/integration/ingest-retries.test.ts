// Retries and ordering in the ingest API (issue 4, README#ingest-api) over real HTTP on real stores:
// an Idempotency-Key makes a retried event batch count once in ClickHouse's raw table and rollups
// (even when the first answer was lost), entity rows keep the newest updated_at, and a retried entity
// batch changes nothing.
// Expectations are written out by hand; the entities the tests refer to (users U1-U3, video V1,
// advertiser A1, campaign C1) are seeded by test/support/ingest-fixture.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ingestConsole, ingestIds, iso, lines, ok, seedEntities } from '../support/ingest-fixture.js';

describe(`ingest: retries and ordering on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  const ing = ingestConsole();
  const { post, pg, ch } = ing;
  const ids = ingestIds();
  const { BASE, T0, U1, U3, user } = ids;

  before(async () => {
    await ing.start();
    await seedEntities(ing, ids);
  });
  after(() => ing.stop());

  test('Idempotency-Key: a retried event batch counts once in the raw table and the rollups, even when the first answer was lost', async () => {
    const video = BASE + 600; // unknown to PostgreSQL: its own rollup rows
    const t = Date.now() - 30_000;
    const body = lines(
      [1, 2, 3].map((i) => ({
        event_id: randomUUID(),
        ts: iso(t + i),
        type: 'view',
        video_id: video,
        creator_id: U1,
        user_id: U3,
        watch_ms: 1000 * i,
        region: 'IN',
        device: 'web',
      })),
    );
    const k = `retry-${randomUUID()}`;
    const first = await post('video-events', body, { 'idempotency-key': k });
    assert.equal(first.headers.get('idempotent-replayed'), 'false');
    const firstBody = await ok(first);
    const again = await post('video-events', body, { 'idempotency-key': k });
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await ok(again), firstBody);
    const counts = async () => ({
      raw: Number((await ch('SELECT count() AS n FROM video_events WHERE video_id = {v:UInt64}', { v: video }))[0]!.n),
      views: Number((await ch('SELECT sum(views) AS n FROM video_stats_15m WHERE video_id = {v:UInt64}', { v: video }))[0]!.n),
      watch: Number((await ch('SELECT sum(watch_ms) AS n FROM video_stats_15m WHERE video_id = {v:UInt64}', { v: video }))[0]!.n),
      batches: (await pg("SELECT count(*)::int AS n FROM ingest_batches WHERE stream = 'video-events' AND idempotency_key = $1", [k]))[0].n,
    });
    assert.deepEqual(await counts(), { raw: 3, views: 3, watch: 6000, batches: 1 });
    // The answer was lost after ClickHouse stored the rows (the batch record is gone): the retry
    // finds its own insert token on the three events, inserts the same block with the same token,
    // and ClickHouse drops it in the table and the rollups.
    await pg("DELETE FROM ingest_batches WHERE stream = 'video-events' AND idempotency_key = $1", [k]);
    const third = await post('video-events', body, { 'idempotency-key': k });
    assert.equal(third.headers.get('idempotent-replayed'), 'false');
    assert.deepEqual(await ok(third).then((a) => [a.accepted, a.duplicates]), [3, 0]);
    assert.deepEqual(await counts(), { raw: 3, views: 3, watch: 6000, batches: 1 });
    // Later inserts without a key are not mistaken for duplicates (chDB session settings do not
    // leak); the same event sent again without a key is a duplicate by its event_id.
    const later = lines([
      { event_id: randomUUID(), ts: iso(t), type: 'view', video_id: video, creator_id: U1, user_id: U3, watch_ms: 500, region: 'IN', device: 'web' },
    ]);
    assert.deepEqual(await ok(await post('video-events', later)).then((a) => [a.accepted, a.duplicates]), [1, 0]);
    assert.deepEqual(await ok(await post('video-events', later)).then((a) => [a.accepted, a.duplicates]), [0, 1]);
    assert.deepEqual(await counts(), { raw: 4, views: 4, watch: 6500, batches: 1 });
    // The same key with another body is refused.
    const other = await post('video-events', later, { 'idempotency-key': k });
    assert.equal(other.status, 422);
    assert.equal((await other.json()).error.code, 'idempotency_key_reused');
  });

  test('entities: an older row never overwrites a newer one; a retried batch changes nothing', async () => {
    const id = BASE + 20;
    const newer = user(id, { display_name: 'Newest name', updated_at: iso(T0 + 2000) });
    const r1 = await ok(
      await post(
        'users',
        lines([user(id, { display_name: 'First', updated_at: iso(T0) }), newer, user(id, { display_name: 'Stale in batch', updated_at: iso(T0 + 1000) })]),
      ),
    );
    assert.deepEqual([r1.accepted, r1.unchanged], [3, 2]);
    const r2 = await ok(await post('users', lines([user(id, { display_name: 'Older', region: 'BR', updated_at: iso(T0 + 1000) })])));
    assert.deepEqual([r2.accepted, r2.unchanged], [1, 1]);
    assert.deepEqual(await pg('SELECT display_name, region, updated_at FROM users WHERE id = $1', [id]), [
      { display_name: 'Newest name', region: 'IN', updated_at: new Date(T0 + 2000) },
    ]);
    const r3 = await ok(await post('users', lines([user(id, { display_name: 'Newer still', updated_at: iso(T0 + 3000) })])));
    assert.deepEqual([r3.accepted, r3.unchanged], [1, 0]);
    assert.equal((await pg('SELECT display_name FROM users WHERE id = $1', [id]))[0].display_name, 'Newer still');
    // A username held by another user is a conflict for that line only.
    const r4 = await ok(await post('users', lines([user(BASE + 21, { username: `u${U1}` }), user(BASE + 22)])));
    assert.deepEqual([r4.accepted, r4.errors], [1, [{ line: 1, reason: 'conflict', field: 'username', error: `username "u${U1}" belongs to user ${U1}` }]]);

    const k = `users-${randomUUID()}`;
    const batch = lines([user(BASE + 23, { display_name: 'Keyed' })]);
    const a = await ok(await post('users', batch, { 'idempotency-key': k }));
    await pg('UPDATE users SET display_name = $1 WHERE id = $2', ['Changed since', BASE + 23]);
    const b = await post('users', batch, { 'idempotency-key': k });
    assert.equal(b.headers.get('idempotent-replayed'), 'true');
    assert.deepEqual(await ok(b), a);
    assert.equal((await pg('SELECT display_name FROM users WHERE id = $1', [BASE + 23]))[0].display_name, 'Changed since');
  });
});
