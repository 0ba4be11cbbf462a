// Claims under concurrency over real HTTP (README#moderation): with any number of moderators a case is
// held by at most one. Runs on PGlite (one connection) and on the real PostgreSQL (a pool of 10,
// truly concurrent statements) when TEST_DATABASE_URL is set.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';
import { insertManyOpenCases } from '../support/moderation-fixture.js';

const MODERATORS = 50;
const PASSWORD = 'moderator-password-long';

describe(`moderation claims under concurrency on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  const mods: TestSession[] = [];

  before(async () => {
    c = await startTestConsole(bootstrapAdminEnv);
    await c.ready;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const emails = Array.from({ length: MODERATORS }, (_, i) => `mod-${i}@concurrency.test`);
    await Promise.all(
      emails.map(async (email) => {
        const res = await admin.call('POST', '/api/admin/accounts', { email, password: PASSWORD, role: 'moderator' });
        assert.equal(res.status, 201, await res.text());
      }),
    );
    mods.push(...(await Promise.all(emails.map((e) => login(c, e, PASSWORD)))));
  });
  after(async () => c?.stop());

  test('50 moderators claim one case at once: exactly one 200, 49 409', async () => {
    await insertManyOpenCases(c, 5001, 1);
    const answers = await Promise.all(mods.map((m) => m.call('POST', '/api/moderation/cases/5001/claim')));
    const statuses = answers.map((r) => r.status);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as any[];
    assert.equal(statuses.filter((s) => s === 200).length, 1, JSON.stringify(statuses));
    assert.equal(statuses.filter((s) => s === 409).length, 49);
    const winner = bodies[statuses.indexOf(200)].lease.assigneeId;
    const held = (await c.stores.pg.handle.pool.query('SELECT assignee_id FROM moderation_cases WHERE id = 5001')).rows;
    assert.deepEqual(held, [{ assignee_id: winner }]);
  });

  test('200 claim-next calls over 100 open cases: every case claimed once, none twice', async () => {
    const caseIds = await insertManyOpenCases(c, 7001, 100);
    // 4 calls per moderator, all in flight together.
    const calls = Array.from({ length: 200 }, (_, i) => mods[i % MODERATORS]!.call('POST', '/api/moderation/claim-next'));
    const answers = await Promise.all(calls);
    assert.deepEqual([...new Set(answers.map((r) => r.status))], [200]);
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as { lease: { caseId: number; assigneeId: number } | null }[];
    const leases = bodies.map((b) => b.lease).filter((l) => l !== null);
    assert.equal(leases.length, 100);
    assert.equal(bodies.filter((b) => b.lease === null).length, 100);
    const claimed = leases.map((l) => l.caseId).sort((a, b) => a - b);
    assert.deepEqual(claimed, caseIds); // 7001..7100 once each; case 5001 is held from the test above
    const rows = (await c.stores.pg.handle.pool.query('SELECT id, assignee_id FROM moderation_cases WHERE id BETWEEN 7001 AND 7100 ORDER BY id')).rows;
    const byCase = new Map(leases.map((l) => [l.caseId, l.assigneeId]));
    assert.deepEqual(
      rows.map((r) => [r.id, r.assignee_id]),
      caseIds.map((id) => [id, byCase.get(id)]),
    );
  });
});
