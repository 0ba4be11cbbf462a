// The demo data set on real stores, its five injected incidents (docs/architecture.md#demo-data) found by
// plain queries written here, and the moderation cases' counts and priority parts. Expected numbers are
// written out by hand from the `small` row of the size table, not read from the generator. The load is
// test/support/demo-fixture.ts's; counts, references and determinism are in demo.test.ts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY, HOUR, MIN, NOW, at, chTime, useDemoStores } from '../support/demo-fixture.js';

describe(`demo data incidents and moderation, size small, on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'} + chDB`, () => {
  const demo = useDemoStores();
  const { pg, ch } = demo;

  test('incident (a): GET /v1/feed is ~10x slower with ~8% 5xx between now-3h and now-2h15m', async () => {
    const [w] = await ch<{ n: number; p95: number; err: number; base_p95: number }>(
      `SELECT
         countIf(inside) AS n,
         quantileIf(0.95)(duration_ms, inside) AS p95,
         countIf(inside AND status >= 500) / countIf(inside) AS err,
         quantileIf(0.95)(duration_ms, NOT inside AND ts >= {from:DateTime64(3, 'UTC')} - INTERVAL 7 DAY) AS base_p95
       FROM (SELECT *, ts >= {from:DateTime64(3, 'UTC')} AND ts < {to:DateTime64(3, 'UTC')} AS inside
             FROM request_metrics WHERE service = 'api' AND route = '/v1/feed' AND method = 'GET')`,
      { from: chTime(at(3 * HOUR)), to: chTime(at(2 * HOUR + 15 * MIN)) },
    );
    assert.ok(w!.n >= 200, `requests in the window: ${w!.n}`);
    assert.ok(w!.p95 / w!.base_p95 > 7 && w!.p95 / w!.base_p95 < 14, `p95 ${w!.p95} vs ${w!.base_p95}`);
    assert.ok(w!.err > 0.05 && w!.err < 0.11, `5xx share ${w!.err}`);
    // Outside the window no 15-minute bucket of any route comes near that.
    const hot = await ch<{ bucket: string }>(
      `SELECT toString(toStartOfFifteenMinutes(ts)) AS bucket FROM request_metrics WHERE route != '/v1/upload'
       GROUP BY bucket HAVING count() >= 5 AND quantile(0.5)(duration_ms) > 400 ORDER BY bucket`,
    );
    // NOW is at 14:23:45.678, so the window is 11:23:45.678-12:08:45.678: buckets 11:15 to 12:00.
    const quarter = 15 * MIN;
    const expectedBuckets: string[] = [];
    for (let b = Math.floor(at(3 * HOUR).getTime() / quarter) * quarter; b < at(2 * HOUR + 15 * MIN).getTime(); b += quarter) {
      expectedBuckets.push(new Date(b).toISOString().replace('T', ' ').slice(0, 19));
    }
    assert.deepEqual(
      hot.map((h) => h.bucket),
      expectedBuckets,
    );
    const templated = await ch<{ route: string }>(`SELECT DISTINCT route FROM request_metrics WHERE match(route, '/[0-9]+(/|$)')`);
    assert.deepEqual(templated, []);
    const instances = await ch<{ instance: string }>('SELECT DISTINCT instance FROM request_metrics ORDER BY instance');
    assert.deepEqual(
      instances.map((i) => i.instance),
      ['api-1', 'api-2', 'api-3'],
    );
  });

  test('incident (b): one top-20 video collapses: last 10 minutes below 10% of its 10-minute average over the hour before', async () => {
    const drops = await ch<{ video_id: number; prev: number; last: number }>(
      `SELECT video_id,
              countIf(ts >= {now:DateTime64(3, 'UTC')} - INTERVAL 70 MINUTE AND ts < {now:DateTime64(3, 'UTC')} - INTERVAL 10 MINUTE) AS prev,
              countIf(ts >= {now:DateTime64(3, 'UTC')} - INTERVAL 10 MINUTE) AS last
       FROM video_events
       WHERE type = 'view' AND ts >= {now:DateTime64(3, 'UTC')} - INTERVAL 70 MINUTE AND ts < {now:DateTime64(3, 'UTC')}
       GROUP BY video_id HAVING prev / 6 >= 10 AND last < 0.1 * prev / 6`,
      { now: chTime(NOW) },
    );
    assert.equal(drops.length, 1, JSON.stringify(drops));
    assert.equal(drops[0]!.last, 2);
    assert.ok(drops[0]!.prev >= 300);
    // Only this video mattered in that hour (an average of 10+ views per 10 minutes).
    const [busy] = await ch<{ n: number }>(
      `SELECT count() AS n FROM (SELECT video_id FROM video_events WHERE type = 'view'
         AND ts >= {now:DateTime64(3, 'UTC')} - INTERVAL 70 MINUTE AND ts < {now:DateTime64(3, 'UTC')} - INTERVAL 10 MINUTE
         GROUP BY video_id HAVING count() >= 60)`,
      { now: chTime(NOW) },
    );
    assert.equal(busy!.n, 1);
    const top = await ch<{ video_id: number }>(
      `SELECT video_id FROM video_events WHERE type = 'view' GROUP BY video_id ORDER BY count() DESC, video_id LIMIT 20`,
    );
    assert.ok(
      top.some((t) => t.video_id === drops[0]!.video_id),
      'the collapsing video is a top-20 video of the month',
    );
    const [v] = await pg<{ visibility: string }>('SELECT visibility FROM videos WHERE id = $1', [drops[0]!.video_id]);
    assert.equal(v!.visibility, 'public');
  });

  test('incident (c): three brigaded videos, 120+ distinct reporters within 2 hours in the last day, top the open queue', async () => {
    const brigades = await pg<{ video_id: number; reporters: number; span: number; reasons: string[] }>(
      `SELECT video_id, count(DISTINCT reporter_id)::int AS reporters,
              extract(epoch FROM max(created_at) - min(created_at))::float8 AS span, array_agg(DISTINCT reason ORDER BY reason) AS reasons
       FROM content_reports WHERE created_at >= $1 AND reason IN ('hate', 'harassment')
       GROUP BY video_id HAVING count(DISTINCT reporter_id) >= 120 ORDER BY video_id`,
      [at(DAY)],
    );
    assert.equal(brigades.length, 3);
    for (const b of brigades) {
      assert.ok(b.span <= 2 * 3600, `within 2 hours: ${b.span} s`);
      assert.deepEqual(b.reasons, ['harassment', 'hate']);
    }
    const queue = await pg<{ video_id: number; priority: number; report_count: number; distinct_reporters: number }>(
      `SELECT video_id, priority, report_count, distinct_reporters FROM moderation_cases WHERE status <> 'resolved'
       ORDER BY priority DESC, first_reported_at, id LIMIT 4`,
    );
    assert.deepEqual(
      queue
        .slice(0, 3)
        .map((q) => q.video_id)
        .sort((a, b) => a - b),
      brigades.map((b) => b.video_id),
    );
    assert.ok(queue[3]!.priority < queue[2]!.priority);
    assert.ok(queue.slice(0, 3).every((q) => q.distinct_reporters >= 130));
  });

  test('moderation: one open case per video over the last 7 days, resolved cases before, counts and priority parts consistent', async () => {
    const [c] = await pg<{
      open: number;
      resolved_recent: number;
      bad_recent: number;
      open_videos: number;
      reports_in_cases: number;
      unlinked: number;
      stale_open: number;
      unresolved_old: number;
    }>(
      `SELECT
         (SELECT count(*)::int FROM moderation_cases WHERE status = 'open') AS open,
         (SELECT count(*)::int FROM moderation_cases WHERE status = 'resolved' AND last_reported_at >= $1) AS resolved_recent,
         (SELECT count(*)::int FROM moderation_cases WHERE status = 'resolved' AND last_reported_at >= $1
            AND (distinct_reporters >= 20 OR resolved_at <= last_reported_at OR resolved_at > $2)) AS bad_recent,
         (SELECT count(DISTINCT video_id)::int FROM content_reports WHERE created_at >= $1) AS open_videos,
         (SELECT sum(report_count)::int FROM moderation_cases) AS reports_in_cases,
         (SELECT count(*)::int FROM content_reports WHERE case_id IS NULL) AS unlinked,
         (SELECT count(*)::int FROM content_reports r JOIN moderation_cases m ON m.id = r.case_id
            WHERE m.status = 'open' AND (r.created_at < $1 OR r.resolved_at IS NOT NULL)) AS stale_open,
         (SELECT count(*)::int FROM content_reports r JOIN moderation_cases m ON m.id = r.case_id
            WHERE r.created_at < $1 AND (m.status <> 'resolved' OR r.resolved_at IS NULL OR r.resolved_at < r.created_at)) AS unresolved_old`,
      [at(7 * DAY), NOW],
    );
    // One case per video reported in the window: open, or (about half of the small quiet ones)
    // resolved after its last report and before now.
    assert.equal(c!.open + c!.resolved_recent, c!.open_videos);
    assert.ok(c!.resolved_recent > 0.2 * c!.open_videos && c!.resolved_recent < 0.6 * c!.open_videos, JSON.stringify(c));
    assert.equal(c!.bad_recent, 0);
    assert.equal(c!.reports_in_cases, 1500);
    assert.deepEqual([c!.unlinked, c!.stale_open, c!.unresolved_old], [0, 0, 0]);
    const cases = await pg<{
      id: number;
      priority: number;
      parts: { reporters: number; severity: number; recency: number };
      distinct_reporters: number;
      reasons: string[];
      sla_hours: number;
      report_count: number;
      counted: number;
      reporters_counted: number;
    }>(
      `SELECT m.id, m.priority, m.priority_parts AS parts, m.distinct_reporters, m.reasons,
              extract(epoch FROM m.sla_due_at - m.first_reported_at)::int / 3600 AS sla_hours, m.report_count,
              count(r.id)::int AS counted, count(DISTINCT r.reporter_id)::int AS reporters_counted
       FROM moderation_cases m JOIN content_reports r ON r.case_id = m.id GROUP BY m.id`,
    );
    const severity: Record<string, number> = {
      self_harm: 30,
      violence: 25,
      nudity: 20,
      hate: 20,
      harassment: 15,
      misinformation: 10,
      copyright: 8,
      spam: 5,
      other: 3,
    };
    for (const k of cases) {
      assert.equal(k.report_count, k.counted);
      assert.equal(k.distinct_reporters, k.reporters_counted);
      assert.equal(k.sla_hours, k.reasons.some((r) => ['self_harm', 'violence', 'nudity'].includes(r)) ? 4 : 24);
      assert.equal(k.parts.severity, Math.max(...k.reasons.map((r) => severity[r]!)));
      assert.ok(Math.abs(k.parts.reporters - 15 * Math.log(1 + k.distinct_reporters)) < 0.006);
      assert.ok(k.parts.recency >= 0 && k.parts.recency <= 10);
      assert.ok(Math.abs(k.priority - (k.parts.reporters + k.parts.severity + k.parts.recency)) < 0.02);
    }
    const [seq] = await pg<{ next: number; max: number }>(
      `SELECT nextval('moderation_cases_id_seq')::int AS next, (SELECT max(id)::int FROM moderation_cases) AS max`,
    );
    assert.equal(seq!.next, seq!.max + 1);
    const [sources] = await pg<{ automated_with_reporter: number; automated: number }>(
      `SELECT count(*) FILTER (WHERE source = 'automated' AND reporter_id IS NOT NULL)::int AS automated_with_reporter,
              count(*) FILTER (WHERE source = 'automated')::int AS automated FROM content_reports`,
    );
    assert.equal(sources!.automated_with_reporter, 0);
    assert.ok(sources!.automated > 100);
  });

  test('incident (d): one day with ~1% blank regions, orphans above the last video id, a few dozen ingest rejections', async () => {
    const blank = await ch<{ day: string; share: number }>(
      `SELECT toString(toDate(ts)) AS day, countIf(region = '') / count() AS share FROM video_events GROUP BY day HAVING countIf(region = '') > 0`,
    );
    assert.equal(blank.length, 1);
    assert.equal(blank[0]!.day, new Date(Math.floor(NOW.getTime() / DAY) * DAY - 3 * DAY).toISOString().slice(0, 10)); // today - 3
    assert.ok(blank[0]!.share > 0.004 && blank[0]!.share < 0.02, `blank share ${blank[0]!.share}`);
    const [orphans] = await ch<{ n: number; first: string }>(`SELECT count() AS n, toString(min(ts)) AS first FROM video_events WHERE video_id > 4000`);
    assert.equal(orphans!.n, 100);
    assert.ok(orphans!.first >= chTime(at(3 * DAY)));
    const rejections = await pg<{ at: Date; stream: string; reason: string; field: string | null; sample: string }>(
      'SELECT at, stream, reason, field, sample FROM ingest_rejections',
    );
    assert.equal(rejections.length, 24);
    assert.ok(rejections.every((r) => r.at >= at(5 * DAY) && r.at < NOW && r.sample.length > 20));
    assert.ok(new Set(rejections.map((r) => r.stream)).size >= 3);
    assert.ok(rejections.some((r) => r.field === null && r.reason === 'malformed_json') || rejections.every((r) => r.field !== null));
    const [seq] = await pg<{ next: number }>(`SELECT nextval('ingest_rejections_id_seq')::int AS next`);
    assert.equal(seq!.next, 25);
  });

  test('incident (e): revenue with an evening peak, a daily payout stream, and a drop on the last complete day', async () => {
    const days = await pg<{ day: string; revenue: number; payouts: number }>(
      `SELECT (occurred_at AT TIME ZONE 'UTC')::date::text AS day,
              count(*) FILTER (WHERE kind <> 'payout')::int AS revenue, count(*) FILTER (WHERE kind = 'payout')::int AS payouts
       FROM transactions WHERE occurred_at >= $1 AND occurred_at < $2 GROUP BY 1 ORDER BY 1`,
      [new Date(Math.ceil(at(30 * DAY).getTime() / DAY) * DAY), new Date(Math.floor(NOW.getTime() / DAY) * DAY)], // the complete UTC days
    );
    assert.equal(days.length, 29);
    const last = days.at(-1)!;
    const before = days.at(-2)!;
    assert.equal(last.day, new Date(Math.floor(NOW.getTime() / DAY) * DAY - DAY).toISOString().slice(0, 10)); // yesterday
    assert.ok(last.revenue < 0.75 * before.revenue, `day over day ${last.revenue} vs ${before.revenue}`);
    const lastRatio = last.revenue / before.revenue;
    for (let i = 1; i < days.length - 1; i++) {
      assert.ok(days[i]!.revenue / days[i - 1]!.revenue > lastRatio + 0.1, `no drop like it on ${days[i]!.day}`);
    }
    assert.ok(
      days.every((d) => d.payouts >= 1),
      'payouts every day',
    );
    const [hours] = await pg<{ evening: number; morning: number; payouts_off_hours: number; bad_owner: number }>(
      `SELECT count(*) FILTER (WHERE kind <> 'payout' AND extract(hour FROM occurred_at AT TIME ZONE 'UTC') BETWEEN 18 AND 21)::int AS evening,
              count(*) FILTER (WHERE kind <> 'payout' AND extract(hour FROM occurred_at AT TIME ZONE 'UTC') BETWEEN 6 AND 9)::int AS morning,
              count(*) FILTER (WHERE kind = 'payout' AND extract(hour FROM occurred_at AT TIME ZONE 'UTC') NOT IN (2, 3))::int AS payouts_off_hours,
              count(*) FILTER (WHERE (kind = 'ad_payment') <> (advertiser_id IS NOT NULL))::int AS bad_owner
       FROM transactions`,
    );
    assert.ok(hours!.evening > 2 * hours!.morning, JSON.stringify(hours));
    assert.equal(hours!.payouts_off_hours, 0);
    assert.equal(hours!.bad_owner, 0);
    const [currencies] = await pg<{ wrong: number }>(
      `SELECT count(*)::int AS wrong FROM transactions t LEFT JOIN advertisers a ON a.id = t.advertiser_id
       WHERE t.currency <> coalesce(a.currency, 'USD')`,
    );
    assert.equal(currencies!.wrong, 0);
  });
});
