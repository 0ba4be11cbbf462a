// Issue 17, sign-in and passwords (docs/hardening.md#sign-in, #passwords), on PGlite and on the
// PostgreSQL at TEST_DATABASE_URL:
// - before: five wrong passwords from anywhere locked the account for 15 minutes (the real user
//   included), and the limiter lived in one console's memory. Now each account+address pair waits
//   1, 2, 4 … s (capped), each address has a failure budget, and the counts are rows of PostgreSQL.
// - before: no way to change or reset a password. Now a change (current password required, other
//   sessions end), an admin reset to a one-time password, and `npm run accounts -- reset-password`.
// The console's clock stands still and is moved by hand (`advance`): the waits are read exactly, without sleeping.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createTestDatabase, startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, loginRequest, sessionCall, type TestSession } from '../support/auth.js';
import { AuthService } from '../../server/features/auth/auth.service.js';

const run = promisify(execFile);
const rnd = () => Math.random().toString(36).slice(2, 10);
const PASSWORD = 'a-long-enough-password';
const CAP = 5;
const BUDGET = 8;
const WINDOW_MINUTES = 15;

describe(`sign-in limits and passwords on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let admin: TestSession;
  // A clock that stands still unless advanced: the waits read back are exact, however slow the machine.
  const base = Date.now();
  let shift = 0;
  const advance = (seconds: number) => (shift += seconds * 1000);
  const clock = () => new Date(base + shift);
  const env = {
    ...bootstrapAdminEnv,
    LOGIN_DELAY_CAP_SECONDS: String(CAP),
    LOGIN_FAILURES_PER_ADDRESS: String(BUDGET),
    LOGIN_WINDOW_MINUTES: String(WINDOW_MINUTES),
  };

  async function createAccount() {
    const email = `u-${rnd()}@test.local`;
    const res = await admin.call('POST', '/api/admin/accounts', { email, password: PASSWORD, role: 'analyst' });
    assert.equal(res.status, 201, await res.clone().text());
    return { email, password: PASSWORD, id: ((await res.json()) as { account: { id: number } }).account.id };
  }
  async function auditOf(id: number, action: string) {
    const res = await c.stores.pg.handle.pool.query('SELECT actor_email, after FROM audit_log WHERE target_id = $1 AND action = $2 ORDER BY id', [
      String(id),
      action,
    ]);
    return res.rows as { actor_email: string | null; after: unknown }[];
  }

  before(async () => {
    c = await startTestConsole(env, { now: clock });
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password, '10.9.9.9');
  });
  after(async () => c?.stop());

  test('one account+address pair waits 1, 2, 4 s after its failures, capped; the real user from another address is never held back', async () => {
    const u = await createAccount();
    const attacker = '10.20.0.1';
    const statusAndWait = async (password: string, ip = attacker) => {
      const r = await loginRequest(c, u.email, password, ip);
      return [r.status, r.headers.get('retry-after')];
    };
    // Failure n makes the pair wait 2^(n-1) s: 1, 2, 4, then 8 capped at CAP = 5. A refused
    // attempt (429) counts as nothing: asked twice, the wait is the same.
    const expectedWaits = ['1', '2', '4', String(CAP)];
    for (const wait of expectedWaits) {
      assert.deepEqual(await statusAndWait('wrong-password-x'), [401, null]);
      assert.deepEqual(await statusAndWait(u.password), [429, wait]);
      assert.deepEqual(await statusAndWait('wrong-password-x'), [429, wait]);
      // Meanwhile the user signs in from home.
      assert.deepEqual(await statusAndWait(u.password, '10.30.0.1'), [200, null]);
      advance(Number(wait));
    }
    // The wait over, the right password signs in and clears the pair: the next failure waits 1 s again.
    assert.deepEqual(await statusAndWait(u.password), [200, null]);
    assert.deepEqual(await statusAndWait('wrong-password-x'), [401, null]);
    assert.deepEqual(await statusAndWait(u.password), [429, '1']);
    advance(1);
    // A pair idle for the window starts over: after 15 minutes the 2nd failure waits 1 s, not 2.
    assert.deepEqual(await statusAndWait('wrong-password-x'), [401, null]);
    advance(WINDOW_MINUTES * 60);
    assert.deepEqual(await statusAndWait('wrong-password-x'), [401, null]);
    assert.deepEqual(await statusAndWait(u.password), [429, '1']);
    advance(1);
  });

  test('an address has a budget of failures per window: past it every attempt from it waits for the window to end', async () => {
    const u = await createAccount();
    const sprayer = '10.21.0.1';
    // BUDGET = 8 failures on eight different (unknown) accounts: each pair is new, all 401.
    for (let i = 0; i < BUDGET; i++) assert.equal((await loginRequest(c, `spray-${i}-${rnd()}@test.local`, 'x', sprayer)).status, 401);
    // The window opened at the first failure, at this same (standing) instant: the wait is the whole window.
    const blocked = await loginRequest(c, u.email, u.password, sprayer);
    assert.equal(blocked.status, 429);
    assert.equal(blocked.headers.get('retry-after'), String(WINDOW_MINUTES * 60));
    assert.equal((await loginRequest(c, u.email, u.password, '10.21.0.2')).status, 200);
    advance(WINDOW_MINUTES * 60);
    assert.equal((await loginRequest(c, u.email, u.password, sprayer)).status, 200);
  });

  test('the counts are rows of PostgreSQL: another console on the same database sees the wait', async () => {
    const u = await createAccount();
    assert.equal((await loginRequest(c, u.email, 'wrong-password-x', '10.22.0.1')).status, 401);
    // A second AuthService on the same PostgreSQL stands for a second console (PGlite serves one process).
    const other = new AuthService(c.stores, { capSeconds: CAP, addressBudget: BUDGET, windowSeconds: WINDOW_MINUTES * 60, now: clock });
    assert.equal(await other.throttle.wait(u.email.toUpperCase(), '10.22.0.1'), 1);
    assert.equal(await other.throttle.wait(u.email, '10.22.0.2'), 0);
    const rows = await c.stores.pg.handle.pool.query('SELECT scope, failures FROM login_throttle WHERE key IN ($1, $2) ORDER BY scope', [
      `${u.email}|10.22.0.1`,
      '10.22.0.1',
    ]);
    assert.deepEqual(rows.rows, [
      { scope: 'account_ip', failures: 1 },
      { scope: 'ip', failures: 1 },
    ]);
    advance(1);
  });

  test('password change: the current password is required, the other sessions end, the change is audited without the password', async () => {
    const u = await createAccount();
    const s1 = await login(c, u.email, u.password, '10.23.0.1');
    const s2 = await login(c, u.email, u.password, '10.23.0.2');
    const next = `new-password-${rnd()}`;
    const wrong = await s1.call('POST', '/api/auth/password', { currentPassword: 'not-the-password', newPassword: next });
    assert.equal(wrong.status, 422);
    assert.deepEqual((await wrong.json()).error.details, { field: 'currentPassword' });
    advance(1); // that wrong current password counted as a failure of this pair
    const same = await s1.call('POST', '/api/auth/password', { currentPassword: u.password, newPassword: u.password });
    assert.equal(same.status, 422);
    assert.equal((await s1.call('POST', '/api/auth/password', { currentPassword: u.password, newPassword: 'short' })).status, 400);
    const noCsrf = await s1.call('POST', '/api/auth/password', { currentPassword: u.password, newPassword: next }, { 'x-csrf-token': 'nope' });
    assert.equal(noCsrf.status, 403);
    const ok = await s1.call('POST', '/api/auth/password', { currentPassword: u.password, newPassword: next });
    assert.equal(ok.status, 200, await ok.clone().text());
    assert.deepEqual(await ok.json(), { otherSessionsEnded: 1 });
    assert.equal((await s1.call('GET', '/api/auth/me')).status, 200);
    assert.equal((await s2.call('GET', '/api/auth/me')).status, 401);
    assert.equal((await loginRequest(c, u.email, u.password, '10.23.0.3')).status, 401);
    assert.equal((await loginRequest(c, u.email, next, '10.23.0.4')).status, 200);
    const audited = await auditOf(u.id, 'account.password_changed');
    assert.deepEqual(audited, [{ actor_email: u.email, after: { otherSessionsEnded: 1 } }]);
    const whole = await c.stores.pg.handle.pool.query('SELECT count(*)::int AS n FROM audit_log WHERE before::text LIKE $1 OR after::text LIKE $1', [
      `%${next}%`,
    ]);
    assert.equal(whole.rows[0].n, 0);
  });

  test('admin reset: a one-time password, every session ends, the next sign-in must choose a new password; audited', async () => {
    const u = await createAccount();
    const s = await login(c, u.email, u.password, '10.24.0.1');
    assert.equal((await s.call('POST', `/api/admin/accounts/${u.id}/password-reset`)).status, 403); // analysts cannot
    assert.equal((await admin.call('POST', '/api/admin/accounts/987654321/password-reset')).status, 404);
    assert.equal((await admin.call('POST', `/api/admin/accounts/${admin.account.id}/password-reset`)).status, 422);
    const res = await admin.call('POST', `/api/admin/accounts/${u.id}/password-reset`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const { oneTimePassword, sessionsEnded } = (await res.json()) as { oneTimePassword: string; sessionsEnded: number };
    assert.equal(sessionsEnded, 1);
    assert.match(oneTimePassword, /^[A-Za-z0-9_-]{16}$/);
    assert.equal((await s.call('GET', '/api/auth/me')).status, 401);
    assert.equal((await loginRequest(c, u.email, u.password, '10.24.0.2')).status, 401);
    const plain = await loginRequest(c, u.email, oneTimePassword, '10.24.0.3');
    assert.equal(plain.status, 403);
    assert.equal((await plain.json()).error.code, 'password_change_required');
    assert.equal(plain.headers.get('set-cookie'), null);
    const withNew = (newPassword: string, ip: string) =>
      c.get('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ email: u.email, password: oneTimePassword, newPassword }),
      });
    assert.equal((await withNew('short', '10.24.0.3')).status, 422);
    assert.equal((await withNew(oneTimePassword, '10.24.0.3')).status, 422);
    const next = `chosen-password-${rnd()}`;
    const signedIn = await withNew(next, '10.24.0.3');
    assert.equal(signedIn.status, 200);
    assert.match(signedIn.headers.get('set-cookie') ?? '', /^pulse_session=/);
    assert.equal((await loginRequest(c, u.email, oneTimePassword, '10.24.0.4')).status, 401);
    assert.equal((await loginRequest(c, u.email, next, '10.24.0.5')).status, 200);
    assert.deepEqual(await auditOf(u.id, 'account.password_reset'), [{ actor_email: ADMIN.email, after: { sessionsEnded: 1 } }]);
    assert.deepEqual(await auditOf(u.id, 'account.password_changed'), [{ actor_email: u.email, after: { via: 'one_time_password' } }]);
  });
});

describe('npm run accounts -- reset-password', () => {
  test('prints a one-time password, ends the sessions, and the next sign-in must replace it', async () => {
    const dataDir = tempDataDir();
    const base = process.env.TEST_DATABASE_URL;
    const db = base ? await createTestDatabase(base) : undefined;
    const open = () => startTestConsole(bootstrapAdminEnv, { dataDir, keepDatabase: db?.url });
    let c = await open();
    try {
      await c.ready;
      const admin = await login(c, ADMIN.email, ADMIN.password);
      const email = `cli-${rnd()}@test.local`;
      assert.equal((await admin.call('POST', '/api/admin/accounts', { email, password: PASSWORD, role: 'oncall' })).status, 201);
      const s = await login(c, email, PASSWORD);
      await c.stop();
      // The command opens the same stores (the console is stopped: PGlite and chDB hold one process).
      const out = await run(process.execPath, ['--import', 'tsx', 'scripts/accounts.ts', 'reset-password', email], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, ...(db ? { DATABASE_URL: db.url } : {}), LOG_LEVEL: 'warn' },
      });
      const m = new RegExp(`^one-time password for ${email.replaceAll('.', '\\.')}: ([A-Za-z0-9_-]{16})$`, 'm').exec(out.stdout);
      assert.ok(m, out.stdout + out.stderr);
      assert.match(out.stdout, /1 session\(s\) ended/);
      const unknown = await run(process.execPath, ['--import', 'tsx', 'scripts/accounts.ts', 'reset-password', 'nobody@test.local'], {
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, ...(db ? { DATABASE_URL: db.url } : {}) },
      }).catch((err: { code: number; stderr: string }) => err);
      assert.equal((unknown as { code: number }).code, 1);
      assert.match((unknown as { stderr: string }).stderr, /No account has the email nobody@test\.local/);
      c = await open();
      await c.ready;
      // The old session's cookie, sent to the console started again on the same stores.
      assert.equal((await sessionCall(c, s.cookie, s.csrfToken)('GET', '/api/auth/me')).status, 401);
      const plain = await loginRequest(c, email, m[1]!);
      assert.equal(plain.status, 403);
      const rows = await c.stores.pg.handle.pool.query("SELECT actor_email, after FROM audit_log WHERE action = 'account.password_reset'");
      assert.deepEqual(rows.rows, [{ actor_email: 'cli', after: { sessionsEnded: 1 } }]);
    } finally {
      await c.stop();
      await db?.drop();
      (await import('node:fs')).rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
