// Each shipped rule of alerts/*.yaml (the z-score rule has its own test in alerting-paths.test.ts)
// on a hand-built fixture: it fires with the exact value worked out below, after its own `for`,
// and stays quiet on a near miss (the threshold itself, a row under the rule's minimum, a row
// outside the window). The rules are evaluated as shipped, through the engine's evaluate-at-time
// entry point; states and values are read back from alert_instances and alert_history.
// Every rule has its own stretch of time (days after BASE, inside request_metrics' 90-day TTL),
// so each test runs alone (--test-name-pattern) and none sees another's rows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';
import { simpleParser } from 'mailparser';
import { chTime, insertRequests } from '../support/request-metrics.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// UTC midnight 20 days before the test's clock.
const BASE = Math.floor(Date.now() / DAY) * DAY - 20 * DAY;
const iso = (ms: number) => new Date(ms).toISOString();

interface Instance {
  state: string;
  value: number | null;
  labels: Record<string, string>;
}

describe('the shipped alert rules on hand-built fixtures', () => {
  let c: TestConsole;
  const pool = () => c.stores.pg.handle.pool;

  before(async () => {
    c = await startTestConsole({ ...bootstrapAdminEnv });
    await c.ready;
    // One creator, one video (the cases' and reports' video), one reporter.
    await pool().query(`INSERT INTO users (id, username, email, role, region) VALUES (9001, 'rules_creator', 'creator@rules.test', 'creator', 'US'),
      (9002, 'rules_reporter', 'reporter@rules.test', 'viewer', 'US')`);
    await pool().query(`INSERT INTO videos (id, creator_id, title, duration_ms, region) VALUES (9101, 9001, 'Rules video', 60000, 'US')`);
  });
  after(async () => c?.stop());

  const evaluate = async (ruleId: string, at: number) => {
    const rule = c.alerting.service.rule(ruleId);
    assert.ok(rule, `shipped rule ${ruleId}`);
    const report = await c.alerting.service.engine.evaluateAt([rule], new Date(at));
    assert.equal(report.errors, 0, `${ruleId} at ${iso(at)}`);
  };
  const instances = async (ruleId: string): Promise<Instance[]> =>
    (await pool().query('SELECT state, value, labels FROM alert_instances WHERE rule_id = $1 ORDER BY id', [ruleId])).rows as Instance[];
  /** "label=value:state" of each instance, by the labels that tell the rule's rows apart. */
  const states = async (ruleId: string, label?: string) => (await instances(ruleId)).map((i) => `${label ? `${i.labels[label]}:` : ''}${i.state}`);
  const history = async (ruleId: string) =>
    (
      await pool().query(
        `SELECT h.at, h.from_state, h.to_state FROM alert_history h JOIN alert_instances i ON i.id = h.instance_id
         WHERE i.rule_id = $1 AND h.detail->>'event' = 'state' ORDER BY h.id`,
        [ruleId],
      )
    ).rows.map((r) => `${new Date(r.at).toISOString()} ${r.from_state}->${r.to_state}`);
  /** Evaluates at each instant; answers the rule's instance states after each (one instance, or none: "-"). */
  const timeline = async (ruleId: string, ats: number[]) => {
    const seen: string[] = [];
    for (const at of ats) {
      await evaluate(ruleId, at);
      const all = await instances(ruleId);
      assert.ok(all.length <= 1, JSON.stringify(all));
      seen.push(all[0]?.state ?? '-');
    }
    return seen;
  };
  const minutes = (from: number, to: number, step = 1) => Array.from({ length: (to - from) / step + 1 }, (_, i) => (from + i * step) * MIN);

  test('moderation_backlog (> 2000 open cases for 15m): 2000 is quiet, 2001 pending then firing after 15 minutes, resolved when closed', async () => {
    const R = BASE + DAY + 12 * HOUR;
    // 2000 cases reported at R-1h, one more at R-30m; all resolved at R+1h.
    await pool().query(
      `INSERT INTO moderation_cases (video_id, status, first_reported_at, last_reported_at, sla_due_at, resolved_at)
       SELECT 9101, 'resolved', CASE WHEN n <= 2000 THEN $1::timestamptz ELSE $2::timestamptz END, $2, $3, $4 FROM generate_series(1, 2001) AS n`,
      [iso(R - HOUR), iso(R - 30 * MIN), iso(R + DAY), iso(R + HOUR)],
    );
    const seen = await timeline('moderation_backlog', [R - 45 * MIN, R - 30 * MIN, R - 25 * MIN, R - 20 * MIN, R - 15 * MIN]);
    assert.deepEqual(seen, ['-', 'pending', 'pending', 'pending', 'firing']);
    assert.equal((await instances('moderation_backlog'))[0]!.value, 2001);
    await evaluate('moderation_backlog', R + HOUR + 5 * MIN);
    assert.deepEqual(await states('moderation_backlog'), ['normal']);
    assert.deepEqual(await history('moderation_backlog'), [
      `${iso(R - 30 * MIN)} normal->pending`,
      `${iso(R - 15 * MIN)} pending->firing`,
      `${iso(R + HOUR + 5 * MIN)} firing->normal`,
    ]);
  });

  test('moderation_sla_breaches (> 0): quiet at the due instant itself, fires a minute after it with 1, resolved with the case', async () => {
    const R = BASE + 2 * DAY + 12 * HOUR;
    // Both reported at R-2h and resolved at R+1h; one due at R-1h, the other a day later (on time).
    await pool().query(
      `INSERT INTO moderation_cases (video_id, status, first_reported_at, last_reported_at, sla_due_at, resolved_at)
       VALUES (9101, 'resolved', $1, $1, $2, $4), (9101, 'resolved', $1, $1, $3, $4)`,
      [iso(R - 2 * HOUR), iso(R - HOUR), iso(R + DAY), iso(R + HOUR)],
    );
    const seen = await timeline('moderation_sla_breaches', [R - HOUR, R - HOUR + MIN, R + HOUR]);
    assert.deepEqual(seen, ['-', 'firing', 'normal']);
    assert.deepEqual(await history('moderation_sla_breaches'), [`${iso(R - HOUR + MIN)} normal->firing`, `${iso(R + HOUR)} firing->normal`]);
  });

  test('dq_unlinked_reports (> 0): a report outside any case fires once it is an hour old; a linked report never counts', async () => {
    const R = BASE + 3 * DAY + 12 * HOUR;
    const kase = await pool().query(
      `INSERT INTO moderation_cases (video_id, status, first_reported_at, last_reported_at, sla_due_at, resolved_at)
       VALUES (9101, 'resolved', $1, $1, $2, $2) RETURNING id`,
      [iso(R - 3 * HOUR), iso(R + HOUR)],
    );
    await pool().query(
      `INSERT INTO content_reports (id, video_id, reporter_id, source, reason, case_id, created_at)
       VALUES (93001, 9101, 9002, 'user', 'spam', $1, $2), (93002, 9101, 9002, 'user', 'spam', NULL, $3)`,
      [kase.rows[0].id, iso(R - 3 * HOUR), iso(R - 61 * MIN)],
    );
    // At R-2m the unlinked report is 59 minutes old; at R, 61.
    const seen = await timeline('dq_unlinked_reports', [R - 2 * MIN, R]);
    assert.deepEqual(seen, ['-', 'firing']);
    assert.equal((await instances('dq_unlinked_reports'))[0]!.value, 1);
  });

  test('revenue_drop (< 0.7 day over day): USD at 6900/10000 = 0.69 fires (its payout ignored); EUR at 7000/10000 = 0.7 is quiet', async () => {
    const D = BASE + 5 * DAY; // evaluated at D+1h: yesterday is [D-1d, D), the day before [D-2d, D-1d)
    const tx = [
      [94001, 'subscription', 10_000, 'USD', D - 2 * DAY + 10 * HOUR],
      [94002, 'gift', 6_900, 'USD', D - DAY + 10 * HOUR],
      [94003, 'payout', 50_000, 'USD', D - DAY + 3 * HOUR],
      [94004, 'subscription', 10_000, 'EUR', D - 2 * DAY + 10 * HOUR],
      [94005, 'ad_payment', 7_000, 'EUR', D - DAY + 10 * HOUR],
    ] as const;
    for (const [id, kind, amount, currency, at] of tx) {
      await pool().query('INSERT INTO transactions (id, kind, amount_minor, currency, user_id, occurred_at) VALUES ($1, $2, $3, $4, 9002, $5)', [
        id,
        kind,
        amount,
        currency,
        iso(at),
      ]);
    }
    await evaluate('revenue_drop', D + HOUR);
    const all = await instances('revenue_drop');
    assert.deepEqual(
      all.map((i) => `${i.labels.currency}:${i.state}:${i.value}`),
      ['USD:firing:0.69'],
    );
  });

  test('dq_rejected_rows (> 100 per stream and reason, last hour): 60 + 41 fire with 101; 100 is quiet; rows outside the hour do not count', async () => {
    const R = BASE + 6 * DAY + 12 * HOUR;
    const rows = [
      ['video-events', 'invalid_value', 60, R - 30 * MIN],
      ['video-events', 'invalid_value', 41, R - 50 * MIN],
      ['video-events', 'invalid_value', 500, R - 61 * MIN], // before the hour
      ['video-events', 'invalid_value', 500, R], // the hour is [R-1h, R)
      ['ad-events', 'invalid_value', 100, R - 20 * MIN],
    ] as const;
    for (const [stream, reason, lines, at] of rows) {
      await pool().query('INSERT INTO ingest_rejections (at, stream, reason, lines) VALUES ($1, $2, $3, $4)', [iso(at), stream, reason, lines]);
    }
    await evaluate('dq_rejected_rows', R);
    assert.deepEqual(
      (await instances('dq_rejected_rows')).map((i) => `${i.labels.stream}/${i.labels.reason}:${i.state}:${i.value}`),
      ['video-events/invalid_value:firing:101'],
    );
  });

  test('the daily digest says what fired: the info alert of the day, its time and its summary with the value', async () => {
    const R = BASE + 8 * DAY + 12 * HOUR;
    await pool().query('INSERT INTO ingest_rejections (at, stream, reason, lines) VALUES ($1, $2, $3, $4)', [
      iso(R - 10 * MIN),
      'ad-events',
      'digest_reason',
      150,
    ]);
    await evaluate('dq_rejected_rows', R);
    const sentAt = R + HOUR;
    assert.equal(await c.alerting.service.sendDigest(new Date(sentAt)), 1);
    await c.alerting.delivery.deliverDue();
    const dir = path.join(c.dataDir, 'outbox');
    const day = iso(sentAt).slice(0, 10);
    const mails = await Promise.all(fs.readdirSync(dir).map((f) => simpleParser(fs.readFileSync(path.join(dir, f)))));
    const digest = mails.filter((m) => m.subject?.startsWith(`Pulse daily digest ${day}`));
    assert.equal(digest.length, 1, mails.map((m) => m.subject).join(' | '));
    assert.equal(digest[0]!.subject, `Pulse daily digest ${day}: 1 info alert(s)`);
    // The summary template of dq_rejected_rows: '{{stream}}: {{value}} rows rejected for {{reason}} in the last hour'.
    assert.equal(
      digest[0]!.text!.trim(),
      [
        `Info alerts that fired between ${iso(sentAt - DAY)} and ${iso(sentAt)}:`,
        '',
        `- ${iso(R)} ad-events: 150 rows rejected for digest_reason in the last hour`,
      ].join('\n'),
    );
  });

  /** Video events straight to ClickHouse (the region '' rows cannot come through ingest, which refuses them). */
  const videoEvents = async (rows: { ts: number; videoId: number; region?: string }[]) =>
    c.stores.ch.insert(
      'video_events',
      rows.map((r) => ({
        event_id: randomUUID(),
        ts: chTime(r.ts),
        type: 'view',
        video_id: r.videoId,
        creator_id: 9001,
        user_id: 9002,
        watch_ms: 1000,
        region: r.region ?? 'US',
        device: 'ios',
      })),
    );
  /** `n` events spread evenly over [from, to), the first `empty` of them with region ''. */
  const spread = (videoId: number, from: number, to: number, n: number, empty = 0) =>
    Array.from({ length: n }, (_, i) => ({ ts: from + Math.floor((i * (to - from)) / n), videoId, region: i < empty ? '' : 'US' }));

  test('dq_null_rate_video_events_region (> 5% of a day): 50 of 1000 is quiet; 103 of 2000 = 0.0515 fires', async () => {
    const R = BASE + 10 * DAY;
    await videoEvents(spread(9101, R - DAY, R - 12 * HOUR, 1000, 50));
    await videoEvents(spread(9101, R - 12 * HOUR, R, 1000, 53));
    // At R-12h the day [R-36h, R-12h) holds the first 1000; at R both halves.
    const seen = await timeline('dq_null_rate_video_events_region', [R - 12 * HOUR, R]);
    assert.deepEqual(seen, ['-', 'firing']);
    const [inst] = await instances('dq_null_rate_video_events_region');
    assert.equal(inst!.value, 0.0515);
    assert.equal(inst!.labels.column_name, 'video_events.region');
  });

  test('dq_orphans (> 0 over 3 days): events of known videos are quiet; two events of an unknown video, ingested, fire with 2', async () => {
    const R = BASE + 15 * DAY;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const { key } = (await (await admin.call('POST', '/api/admin/api-keys', { name: 'rules fixture', scopes: ['ingest'] })).json()) as { key: string };
    const line = (ts: number, videoId: number) =>
      JSON.stringify({
        event_id: randomUUID(),
        ts: iso(ts),
        type: 'view',
        video_id: videoId,
        creator_id: 9001,
        user_id: 9002,
        watch_ms: 1000,
        region: 'US',
        device: 'ios',
      });
    // Three views of the known video 9101 at R-2d-1h; two of 999001 (in no table) at R-2d+1h.
    const lines = [...[1, 2, 3].map(() => line(R - 2 * DAY - HOUR, 9101)), line(R - 2 * DAY + HOUR, 999001), line(R - 2 * DAY + HOUR, 999001)];
    const res = await c.get('/api/v1/ingest/video-events', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: `${lines.join('\n')}\n`,
    });
    const answer = (await res.json()) as { accepted: number; orphans: number };
    assert.deepEqual([res.status, answer.accepted, answer.orphans], [200, 5, 2]);
    // At R-2d the 3 days [R-5d, R-2d) hold the three known views only; at R all five.
    const seen = await timeline('dq_orphans', [R - 2 * DAY, R]);
    assert.deepEqual(seen, ['-', 'firing']);
    const [orphans] = await instances('dq_orphans');
    assert.deepEqual([orphans!.labels.reference, orphans!.value], ['video_events.video_id', 2]);
  });

  test('ingest_freshness (> 900 s for 5m): video events 901 s old go pending, fire 5 minutes on at 1201 s; ad events exactly 900 s old stay quiet', async () => {
    const T = BASE + 19 * DAY;
    // The newest video event at T-901s, and one at T+30m that an evaluation at T+5m must leave out
    // (it is after the evaluation time); the newest ad event at T-10m.
    await videoEvents([
      { ts: T - 901_000, videoId: 9101 },
      { ts: T - HOUR, videoId: 9101 },
      { ts: T + 30 * MIN, videoId: 9101 },
    ]);
    await c.stores.ch.insert('ad_events', [
      {
        event_id: randomUUID(),
        ts: chTime(T - 10 * MIN),
        type: 'impression',
        advertiser_id: 1,
        campaign_id: 1,
        user_id: 9002,
        cost_micros: 1,
        conversion_value_micros: 0,
        play_ms: 0,
        region: 'US',
        device: 'ios',
      },
    ]);
    const at = [T - MIN, ...minutes(0, 5).map((m) => T + m)];
    const seen: string[] = [];
    for (const a of at) {
      await evaluate('ingest_freshness', a);
      seen.push((await states('ingest_freshness', 'stream')).join(',') || '-');
    }
    // T-1m: video 841 s, ads 540 s. T..T+4m: video 901..1141 s (pending). T+5m: 1201 s; ads 900 s.
    assert.deepEqual(seen, [
      '-',
      'video_events:pending',
      'video_events:pending',
      'video_events:pending',
      'video_events:pending',
      'video_events:pending',
      'video_events:firing',
    ]);
    assert.equal((await instances('ingest_freshness'))[0]!.value, 1201);
  });

  test('video_view_drop (< 0.5 of the hourly pace, at least 200 views an hour): 29 of 60 fires, 30 of 60 is quiet, 199 an hour is not considered', async () => {
    const R = BASE + 17 * DAY;
    // Per video: views in [R-70m, R-10m) (the hour: pace = views / 6 per 10 minutes), then in [R-10m, R).
    await videoEvents([
      ...spread(8001, R - 70 * MIN, R - 10 * MIN, 360),
      ...spread(8001, R - 10 * MIN, R, 29),
      ...spread(8002, R - 70 * MIN, R - 10 * MIN, 360),
      ...spread(8002, R - 10 * MIN, R, 30),
      ...spread(8003, R - 70 * MIN, R - 10 * MIN, 199),
    ]);
    await evaluate('video_view_drop', R);
    const all = await instances('video_view_drop');
    assert.deepEqual(
      all.map((i) => `${i.labels.video_id}:${i.state}`),
      ['8001:firing'],
    );
    assert.ok(Math.abs(all[0]!.value! - 29 / 60) < 1e-12, String(all[0]!.value));
  });

  /** Request metrics straight to ClickHouse: per minute over [from, to), `slow` of `n` requests at `slowMs`, the rest at 100 ms. */
  const requests = async (route: string, from: number, to: number, n: number, slow: number, slowMs: number) => {
    const rows: Record<string, unknown>[] = [];
    for (let t = from; t < to; t += MIN) {
      for (let i = 0; i < n; i++) {
        rows.push({ ts: chTime(t + i * 500), service: 'svc-p95', route, method: 'GET', status: 200, duration_ms: i < slow ? slowMs : 100, instance: 'test' });
      }
    }
    await c.stores.ch.insert('request_metrics', rows);
  };

  test('api_p95_latency (> 1000 ms for 5m, 50 requests): 6% at 3 s gives p95 3000 (±1 %) and fires after 5 minutes; p95 985 and 45 requests are quiet', async () => {
    const T = BASE + 18 * DAY;
    // Each 5-minute window holds 500 requests of a route. /v1/slow: 30 at 3000 ms, 470 at 100 ms:
    // sorted, positions 470..499 are 3000, so the 95th percentile (position 0.95 × 499 = 474.05,
    // between 474 and 475) is 3000. The rule reads the minute rollup's DDSketch (docs/scale.md,
    // "Alert rules"), whose answer is within 1 % of the true quantile: /v1/edge, the same at
    // 985 ms, has p95 985, at most 994.85 as read, not above 1000. /v1/few: 9 a minute, 45 in a
    // window, under min_requests 50.
    await requests('/v1/slow', T - 5 * MIN, T + 5 * MIN, 100, 6, 3000);
    await requests('/v1/edge', T - 5 * MIN, T + 5 * MIN, 100, 6, 985);
    await requests('/v1/few', T - 5 * MIN, T + 5 * MIN, 9, 9, 3000);
    const seen: string[] = [];
    for (const at of minutes(0, 5).map((m) => T + m)) {
      await evaluate('api_p95_latency', at);
      seen.push((await states('api_p95_latency', 'route')).join(','));
    }
    assert.deepEqual(seen, [...Array(5).fill('/v1/slow:pending'), '/v1/slow:firing']);
    const p95 = (await instances('api_p95_latency'))[0]!.value as number;
    assert.ok(Math.abs(p95 - 3000) <= 30, `p95 ${p95} is within 1 % of 3000`);
    assert.deepEqual(await history('api_p95_latency'), [`${iso(T)} normal->pending`, `${iso(T + 5 * MIN)} pending->firing`]);
  });

  test('api_5xx_rate (> 5% for 2m, 50 requests): 6 of 100 go pending, fire at +2m with 0.06; 5 of 100 are quiet', async () => {
    const T = BASE + 18 * DAY + 6 * HOUR;
    // 100 requests a minute over [T-5m, T+2m): 6 (or 5) of each 100 answer 500.
    await insertRequests(c, 'svc-5xx', T - 5 * MIN, T + 2 * MIN, 6);
    await insertRequests(c, 'svc-5xx-edge', T - 5 * MIN, T + 2 * MIN, 5);
    const seen: string[] = [];
    for (const at of minutes(0, 2).map((m) => T + m)) {
      await evaluate('api_5xx_rate', at);
      seen.push((await states('api_5xx_rate', 'service')).join(','));
    }
    assert.deepEqual(seen, ['svc-5xx:pending', 'svc-5xx:pending', 'svc-5xx:firing']);
    // 30 of the 500 requests of [T-3m, T+2m).
    assert.equal((await instances('api_5xx_rate'))[0]!.value, 0.06);
  });
});
