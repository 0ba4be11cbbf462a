// Content reports through the ingest API (issue 4, README#ingest-api) over real HTTP on real stores:
// reports join the open moderation case of their video or open one, a retry counts once, and
// concurrent batches share one case.
// Expectations are written out by hand; the entities the tests refer to (users U1-U3, video V1,
// advertiser A1, campaign C1) are seeded by test/support/ingest-fixture.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { ingestConsole, ingestIds, iso, lines, ok, seedEntities } from '../support/ingest-fixture.js';

describe(`ingest: reports on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  // Four concurrent report batches from one key below: above the default of 2 per key (docs/hardening.md).
  const ing = ingestConsole({ INGEST_BATCHES_PER_KEY: '4' });
  const { post, pg } = ing;
  const ids = ingestIds();
  const { BASE, T0, U1, U2, U3 } = ids;

  before(async () => {
    await ing.start();
    await seedEntities(ing, ids);
  });
  after(() => ing.stop());

  test('reports join the open case of their video, open one when none is, and a retry counts once', async () => {
    const video = BASE + 30;
    await ok(await post('videos', lines([{ id: video, creator_id: U1, title: 'Reported', duration_ms: 5000, region: 'IN', updated_at: iso(T0) }])));
    const r0 = Date.now() - 2 * 3600_000;
    const rep = (id: number, over: Record<string, unknown>) => ({
      id: BASE + id,
      video_id: video,
      source: 'user',
      reason: 'spam',
      created_at: iso(r0),
      ...over,
    });
    const k = `reports-${randomUUID()}`;
    const body = lines([
      rep(1, { reporter_id: U2, reason: 'spam' }),
      rep(2, { reporter_id: U3, reason: 'violence', created_at: iso(r0 + 600_000) }),
      rep(3, { reporter_id: null, source: 'automated', reason: 'spam', details: 'Flagged by spam-graph-v2 (score 0.91)', created_at: iso(r0 + 1_200_000) }),
      rep(4, { reporter_id: U2, reason: 'hate', created_at: iso(r0 + 1_800_000) }),
      rep(5, { video_id: BASE + 31, reporter_id: U2 }), // unknown video
      rep(6, { source: 'user' }), // a user report without its reporter
    ]);
    const res = await ok(await post('reports', body, { 'idempotency-key': k }));
    assert.deepEqual(
      [res.accepted, res.errors.map((e: { line: number; reason: string }) => [e.line, e.reason])],
      [
        4,
        [
          [5, 'unknown_reference'],
          [6, 'missing_field'],
        ],
      ],
    );
    const cases = async () =>
      pg(
        'SELECT id::int, status, report_count, distinct_reporters, reasons, first_reported_at, last_reported_at, sla_due_at, priority, priority_parts FROM moderation_cases WHERE video_id = $1 ORDER BY id',
        [video],
      );
    const [cs] = await cases();
    // 4 reports, 2 distinct reporters (U2, U3; the automated one has none), violence makes it urgent.
    const reporters = 15 * Math.log(3);
    const recency = 10 * Math.exp(-(Date.now() - (r0 + 1_800_000)) / 86_400_000);
    assert.deepEqual(
      { ...cs, id: 0, priority: 0, priority_parts: 0 },
      {
        id: 0,
        status: 'open',
        report_count: 4,
        distinct_reporters: 2,
        reasons: ['hate', 'spam', 'violence'],
        first_reported_at: new Date(r0),
        last_reported_at: new Date(r0 + 1_800_000),
        sla_due_at: new Date(r0 + 4 * 3600_000),
        priority: 0,
        priority_parts: 0,
      },
    );
    // The video has no views in ClickHouse: the reach part is 5·ln(1 + 0) = 0.
    assert.deepEqual(cs.priority_parts, { reporters: Math.round(reporters * 100) / 100, severity: 25, recency: Math.round(recency * 100) / 100, reach: 0 });
    assert.ok(Math.abs(cs.priority - (reporters + 25 + recency)) < 0.011, `priority ${cs.priority}`);
    assert.deepEqual(await pg('SELECT count(*)::int AS n, min(case_id)::int AS c, max(case_id)::int AS d FROM content_reports WHERE video_id = $1', [video]), [
      { n: 4, c: cs.id, d: cs.id },
    ]);

    // The retry changes no count.
    const again = await post('reports', body, { 'idempotency-key': k });
    assert.equal(again.headers.get('idempotent-replayed'), 'true');
    const [after1] = await cases();
    assert.equal(after1.report_count, 4);
    // Replayed report ids without the key change nothing either.
    const replay = await ok(await post('reports', lines([rep(1, { reporter_id: U2 })])));
    assert.deepEqual([replay.accepted, replay.unchanged], [1, 1]);
    assert.equal((await cases())[0].report_count, 4);

    // A later report joins the same open case; once the case is resolved, a report opens a new one.
    await ok(await post('reports', lines([rep(7, { reporter_id: U1, reason: 'other', created_at: iso(r0 + 2_400_000) })])));
    assert.deepEqual(
      (await cases()).map((x) => [x.status, x.report_count, x.distinct_reporters]),
      [['open', 5, 3]],
    );
    await pg("UPDATE moderation_cases SET status = 'resolved', resolved_at = now() WHERE video_id = $1", [video]);
    await ok(await post('reports', lines([rep(8, { reporter_id: U3, reason: 'copyright', created_at: iso(r0 + 3_000_000) })])));
    const two = await cases();
    assert.deepEqual(
      two.map((x) => [x.status, x.report_count, x.reasons, x.sla_due_at]),
      [
        ['resolved', 5, ['hate', 'other', 'spam', 'violence'], new Date(r0 + 4 * 3600_000)],
        ['open', 1, ['copyright'], new Date(r0 + 3_000_000 + 24 * 3600_000)],
      ],
    );
    assert.equal((await pg('SELECT case_id::int AS c FROM content_reports WHERE id = $1', [BASE + 8]))[0].c, two[1].id);
  });

  test('concurrent report batches for one video share one open case', async () => {
    const video = BASE + 40;
    await ok(await post('videos', lines([{ id: video, creator_id: U1, title: 'Brigaded', duration_ms: 5000, region: 'IN', updated_at: iso(T0) }])));
    const at = iso(Date.now() - 60_000);
    const results = await Promise.all(
      [0, 1, 2, 3].map((b) =>
        post(
          'reports',
          lines(
            [0, 1].map((j) => ({
              id: BASE + 100 + b * 10 + j,
              video_id: video,
              source: 'user',
              reporter_id: [U1, U2, U3][(b + j) % 3],
              reason: 'hate',
              created_at: at,
            })),
          ),
        ),
      ),
    );
    for (const r of results) assert.equal((await ok(r)).accepted, 2);
    assert.deepEqual(await pg('SELECT status, report_count, distinct_reporters FROM moderation_cases WHERE video_id = $1', [video]), [
      { status: 'open', report_count: 8, distinct_reporters: 3 },
    ]);
  });
});
