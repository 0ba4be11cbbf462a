// The moderators' CSV (GET /api/metrics/export/moderators, docs/metrics.md): its rows, not only its
// status. Decisions are written straight to PostgreSQL by two moderator accounts and one reviewer
// id that is no account, inside and just outside a window; every cell below is counted by hand.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';

describe(`the moderators' CSV on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let moderator: TestSession;
  const ids: Record<string, number> = {};

  before(async () => {
    c = await startTestConsole(bootstrapAdminEnv);
    await c.ready;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    for (const name of ['moda', 'modb']) {
      const res = await admin.call('POST', '/api/admin/accounts', { email: `${name}@csv.test`, password: 'csv-test-password', role: 'moderator' });
      assert.equal(res.status, 201, await res.clone().text());
      ids[name] = Number(((await res.json()) as { account: { id: number } }).account.id);
    }
    moderator = await login(c, 'moda@csv.test', 'csv-test-password');
    const pool = c.stores.pg.handle.pool;
    await pool.query(`INSERT INTO users (id, username, email, role, region) VALUES (9501, 'csv_creator', 'creator@csv.test', 'creator', 'US')`);
    await pool.query(`INSERT INTO videos (id, creator_id, title, duration_ms, region) VALUES (9601, 9501, 'Reviewed', 30000, 'US')`);
    const kase = await pool.query(
      `INSERT INTO moderation_cases (video_id, status, first_reported_at, last_reported_at, sla_due_at, resolved_at)
       VALUES (9601, 'resolved', '2026-03-06T00:00:00Z', '2026-03-06T00:00:00Z', '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z') RETURNING id`,
    );
    const decisions: [number, string, string][] = [
      [ids.moda!, '2026-03-06T23:59:59Z', 'remove'], // before the window
      [ids.moda!, '2026-03-08T10:00:00Z', 'remove'],
      [ids.moda!, '2026-03-08T11:00:00Z', 'dismiss'],
      [ids.moda!, '2026-03-09T09:00:00Z', 'age_restrict'],
      [ids.modb!, '2026-03-08T12:00:00Z', 'dismiss'],
      [424242, '2026-03-09T10:00:00Z', 'escalate'], // a reviewer id with no console account
      [ids.modb!, '2026-03-10T00:00:00Z', 'remove'], // at the window's end: outside [from, to)
    ];
    for (const [reviewer, at, outcome] of decisions) {
      await pool.query(
        `INSERT INTO moderation_decisions (case_id, video_id, reviewer_id, decided_at, outcome, policy_reason, state_before, state_after)
         VALUES ($1, 9601, $2, $3, $4, 'spam', '{}', '{}')`,
        [kase.rows[0].id, reviewer, at, outcome],
      );
    }
  });
  after(async () => c?.stop());

  test('rows per reviewer in [from, to): decisions, removals, dismissals; most decisions first, then by id; no account, no email', async () => {
    const res = await moderator.call('GET', '/api/metrics/export/moderators?from=2026-03-07T00:00:00Z&to=2026-03-10T00:00:00Z&tz=UTC');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    // moda: remove, dismiss, age_restrict (3; 1 removal, 1 dismissal). modb: one dismissal (its
    // removal at 03-10 00:00 is outside). 424242: one escalation. Ties on 1 decision go by id.
    assert.ok(ids.modb! < 424242);
    assert.deepEqual((await res.text()).trim().split('\r\n'), [
      '# Decisions per moderator',
      '# window [2026-03-07T00:00:00.000Z, 2026-03-10T00:00:00.000Z)',
      '# timezone UTC',
      'Reviewer id,Email,Decisions,Removals,Dismissals',
      `${ids.moda},moda@csv.test,3,1,1`,
      `${ids.modb},modb@csv.test,1,0,1`,
      '424242,,1,0,0',
    ]);
  });
});
