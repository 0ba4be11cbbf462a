// moderation_decision_times (PostgreSQL 017, docs/scale.md "Moderation"), on PGlite and, with
// TEST_DATABASE_URL, PostgreSQL: each decision with its case's first report, kept by triggers, read
// by the moderation panel's median time to decision, decision count and per-moderator counts.
// Reports arrive through the ingest API (cases opened and refreshed as in production), decisions
// through the moderation API; a late report moves an escalated case's first report earlier before
// its final decision, and a correction moves a resolved case's. Every expected figure is worked
// out in the test from the first reports it sent and the decision rows.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';
import { DashboardsService } from '../../server/features/dashboards/dashboards.service.js';
import { rebuildPgRollups } from '../../server/db/rollups.js';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const T = Date.now();
const VIDEOS = [7701, 7702, 7703, 7704];
// First report of each video's case, hours before T (two reports each; the earlier one counts).
const FIRST_H = [10, 8, 6, 3];
const LATE_H = 20; // the late report of video 7703, older than its case's first report

describe(`moderation_decision_times on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let admin: TestSession;
  let key: string;
  const pg = async (sql: string, params: unknown[] = []) => (await c.stores.pg.handle.pool.query(sql, params)).rows;
  const ingestReports = async (rows: object[]) => {
    const res = await c.get('/api/v1/ingest/reports', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`,
    });
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.equal((JSON.parse(text) as { accepted: number }).accepted, rows.length);
  };
  const caseOf = async (video: number) => (await pg('SELECT id::int, version FROM moderation_cases WHERE video_id = $1 ORDER BY id DESC LIMIT 1', [video]))[0];
  const decide = async (video: number, outcome: string) => {
    const k = await caseOf(video);
    const res = await admin.call('POST', `/api/moderation/cases/${k.id}/decision`, { outcome, reason: 'spam', version: k.version });
    assert.equal(res.status, 200, await res.clone().text());
  };
  // A new service each time: its result cache never answers from an earlier state.
  const panel = () => new DashboardsService(c.stores).moderation({ from: new Date(T - 2 * 24 * HOUR), to: new Date(T + 24 * HOUR) });
  // The table against its definition over the raw rows.
  const expectedRows = () =>
    pg(`SELECT d.id::int, d.decided_at, d.outcome, d.reviewer_id::int, c.first_reported_at
        FROM moderation_decisions d JOIN moderation_cases c ON c.id = d.case_id ORDER BY d.id`);
  const tableRows = () =>
    pg('SELECT decision_id::int AS id, decided_at, outcome, reviewer_id::int, first_reported_at FROM moderation_decision_times ORDER BY decision_id');
  /** Median (seconds) of decided_at − first report over the final decisions, first reports as sent. */
  const expectedMedian = async (firstMs: Map<number, number>) => {
    const rows = await pg(
      `SELECT c.video_id::int AS video, extract(epoch FROM d.decided_at)::float8 AS at FROM moderation_decisions d
       JOIN moderation_cases c ON c.id = d.case_id WHERE d.outcome <> 'escalate'`,
    );
    const waits = rows.map((r) => r.at - firstMs.get(r.video)! / 1000).sort((a, b) => a - b);
    const m = waits.length / 2;
    return Math.round(waits.length % 2 ? waits[Math.floor(m)]! : (waits[m - 1]! + waits[m]!) / 2);
  };

  before(async () => {
    c = await startTestConsole({ ...bootstrapAdminEnv });
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
    ({ key } = (await (await admin.call('POST', '/api/admin/api-keys', { name: 'decision times', scopes: ['ingest'] })).json()) as { key: string });
    await pg(`INSERT INTO users (id, username, email, role, region) VALUES (7601, 'dt_creator', 'creator@dt.test', 'creator', 'US'),
      (7602, 'dt_viewer', 'viewer@dt.test', 'viewer', 'US')`);
    await pg(`INSERT INTO videos (id, creator_id, title, duration_ms, region) SELECT g, 7601, 'Reported ' || g, 30000, 'US' FROM unnest($1::bigint[]) g`, [
      VIDEOS,
    ]);
    // Two reports per video, an hour apart: each opens (then joins) its video's case.
    await ingestReports(
      VIDEOS.flatMap((v, i) => [
        { id: 77_000 + 2 * i, video_id: v, reporter_id: 7602, source: 'user', reason: 'spam', created_at: iso(T - FIRST_H[i]! * HOUR + HOUR) },
        { id: 77_001 + 2 * i, video_id: v, reporter_id: 7602, source: 'user', reason: 'spam', created_at: iso(T - FIRST_H[i]! * HOUR) },
      ]),
    );
  });
  after(async () => c?.stop());

  test('each decision keeps its case first report, moved by a late report and by a correction', async () => {
    const first = new Map(VIDEOS.map((v, i) => [v, T - FIRST_H[i]! * HOUR]));
    for (const v of VIDEOS)
      assert.deepEqual(
        (await pg('SELECT first_reported_at FROM moderation_cases WHERE video_id = $1', [v]))[0].first_reported_at,
        new Date(first.get(v)!),
        `case of ${v}`,
      );
    await decide(7701, 'dismiss');
    await decide(7702, 'remove');
    await decide(7703, 'escalate');
    await decide(7704, 'age_restrict');
    assert.deepEqual(await tableRows(), await expectedRows());
    let m = await panel();
    assert.equal(m.decisions, 4);
    assert.equal(m.medianDecisionSeconds, await expectedMedian(first));

    // A late report of the escalated case (still open): its first report moves 14 h earlier, and so
    // does the escalation's row; the admin's final decision then counts from the earlier time.
    await ingestReports([{ id: 77_100, video_id: 7703, reporter_id: 7602, source: 'user', reason: 'spam', created_at: iso(T - LATE_H * HOUR) }]);
    first.set(7703, T - LATE_H * HOUR);
    assert.deepEqual((await pg('SELECT first_reported_at FROM moderation_cases WHERE video_id = 7703'))[0].first_reported_at, new Date(first.get(7703)!));
    assert.deepEqual(await tableRows(), await expectedRows());
    assert.deepEqual(
      (await tableRows()).filter((r) => r.outcome === 'escalate').map((r) => r.first_reported_at),
      [new Date(T - LATE_H * HOUR)],
    );
    await decide(7703, 'remove');
    assert.deepEqual(await tableRows(), await expectedRows());

    // A correction of a resolved case's first report (no report path moves it; the trigger does not care).
    await pg("UPDATE moderation_cases SET first_reported_at = first_reported_at - interval '5 hours' WHERE video_id = 7701");
    first.set(7701, first.get(7701)! - 5 * HOUR);
    assert.deepEqual(await tableRows(), await expectedRows());

    m = await panel();
    assert.equal(m.decisions, 5);
    // Four final decisions: waits of about 15, 8, 20 and 3 h; the median is the mean of the middle two.
    assert.equal(m.medianDecisionSeconds, await expectedMedian(first));
    assert.ok(Math.abs(m.medianDecisionSeconds! - 11.5 * 3600) < 120, `${m.medianDecisionSeconds}`);
    assert.deepEqual(m.moderators, [{ reviewerId: admin.account.id, email: ADMIN.email, decisions: 5, removals: 2, dismissals: 1 }]);

    // The rebuild recounts the same rows and answers.
    const rows = await tableRows();
    await pg('DELETE FROM moderation_decision_times');
    await rebuildPgRollups(c.stores);
    assert.deepEqual(await tableRows(), rows);
    assert.deepEqual(await panel(), m);

    // A decision deleted (test cleanups do) leaves the table with it.
    const gone = rows[0]!.id;
    await pg('DELETE FROM moderation_decisions WHERE id = $1', [gone]);
    assert.deepEqual(await tableRows(), await expectedRows());
    assert.equal((await panel()).decisions, 4);
  });
});
