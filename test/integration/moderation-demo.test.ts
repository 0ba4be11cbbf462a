// The demo's moderation history (docs/moderation.md#demo-data): on a first start with demo data
// every resolved case carries the decision that resolved it, by several moderators with
// plausible handle times, some of them in the last day and week (so the KPIs show something),
// the videos' visibility follows the decisions, and account actions exist, audited.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';

describe(`demo moderation history on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let admin: TestSession;
  const sql = async (text: string, values: unknown[] = []) => (await c.stores.pg.handle.pool.query(text, values)).rows;
  before(async () => {
    c = await startTestConsole({ ...bootstrapAdminEnv, DEMO_DATA: '1', DEMO_SIZE: 'small', DEMO_SEED: '42' }, { now: () => new Date('2026-11-20T12:00:00Z') });
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
  });
  after(async () => c?.stop());

  test('every resolved case has the one decision that resolved it, by three moderators, at its resolution time', async () => {
    const [k] = await sql(`SELECT
        (SELECT count(*)::int FROM moderation_cases WHERE status = 'resolved') AS resolved,
        (SELECT count(*)::int FROM moderation_decisions) AS decisions,
        (SELECT count(*)::int FROM moderation_cases c WHERE c.status = 'resolved'
           AND (SELECT count(*) FROM moderation_decisions d WHERE d.case_id = c.id AND d.decided_at = c.resolved_at) <> 1) AS mismatched,
        (SELECT count(DISTINCT d.reviewer_id)::int FROM moderation_decisions d JOIN accounts a ON a.id = d.reviewer_id AND a.role = 'moderator') AS reviewers,
        (SELECT count(*)::int FROM moderation_decisions WHERE decided_at - claimed_at NOT BETWEEN interval '40 seconds' AND interval '25 minutes') AS odd_handle,
        (SELECT count(*)::int FROM (SELECT DISTINCT ON (video_id) video_id, outcome FROM moderation_decisions ORDER BY video_id, decided_at DESC, id DESC) d
           JOIN videos v ON v.id = d.video_id WHERE d.outcome = 'remove' AND v.visibility <> 'removed') AS visible_removed`);
    assert.ok(k.resolved > 100, JSON.stringify(k));
    assert.equal(k.decisions, k.resolved);
    assert.deepEqual([k.mismatched, k.reviewers, k.odd_handle, k.visible_removed], [0, 3, 0, 0]);
    const outcomes = await sql('SELECT outcome, count(*)::int AS n FROM moderation_decisions GROUP BY outcome ORDER BY outcome');
    assert.deepEqual(
      outcomes.map((o) => o.outcome),
      ['age_restrict', 'dismiss', 'remove'],
    );
  });

  test('the KPIs of the last day and week have decisions; account actions exist and are audited', async () => {
    const now = Date.parse('2026-11-20T12:00:00Z');
    const week = (await (
      await admin.call('GET', `/api/moderation/stats?from=${new Date(now - 7 * 86_400_000).toISOString()}&to=${new Date(now).toISOString()}`)
    ).json()) as any;
    assert.ok(week.resolvedInWindow > 10, JSON.stringify(week));
    assert.equal(week.moderators.length, 3);
    assert.ok(week.moderators.every((m: any) => m.decisions > 0 && m.medianHandleSeconds >= 40 && /^moderator\d?@pulse\.local$/.test(m.reviewerEmail)));
    const [day] = await sql('SELECT count(*)::int AS n FROM moderation_decisions WHERE decided_at >= $1', [new Date(now - 86_400_000)]);
    assert.ok(day.n > 0);
    const actions = await sql('SELECT kind, subject, count(*)::int AS n FROM account_actions GROUP BY 1, 2 ORDER BY 1, 2');
    const kinds = actions.map((a) => `${a.kind}/${a.subject}`);
    for (const k of ['suspend/creator', 'warn/creator', 'warn/reporter', 'lift/creator']) assert.ok(kinds.includes(k), kinds.join(' '));
    const [audit] = await sql(`SELECT
        (SELECT count(*)::int FROM audit_log WHERE action LIKE 'moderation.account_action%') AS actions,
        (SELECT count(*)::int FROM account_actions) AS rows,
        (SELECT count(*)::int FROM audit_log WHERE action = 'moderation.decision') AS decisions`);
    assert.equal(audit.actions, audit.rows);
    assert.ok(audit.decisions > 100);
  });
});
