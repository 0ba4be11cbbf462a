// The session lookup is a prepared statement named per pool connection (server/db/stores.ts,
// docs/architecture.md#engine-notes): it must work with several connections at once (PostgreSQL's
// pool of 10), across connections closed and reopened (PGlite's one backend keeps what a closed
// connection prepared: 42P05 "already exists" before), and it must not turn into a cache: a
// logged-out, disabled or demoted session is refused at its very next request, also when the
// change was made by another connection (another console process on the same PostgreSQL).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';

const rnd = () => Math.random().toString(36).slice(2, 10);
const PASSWORD = 'a-long-enough-password';

describe(`session lookup as a per-connection prepared statement on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let admin: TestSession;
  /** Another connection to the same database, outside the console's pool (another process's view). */
  let other: { query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>; close(): Promise<void> };

  async function account(role: string) {
    const email = `s-${rnd()}@test.local`;
    const res = await admin.call('POST', '/api/admin/accounts', { email, password: PASSWORD, role });
    assert.equal(res.status, 201, await res.clone().text());
    const id = ((await res.json()) as { account: { id: number } }).account.id;
    return { id, session: await login(c, email, PASSWORD) };
  }

  before(async () => {
    c = await startTestConsole(bootstrapAdminEnv);
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
    if (c.pgTarget === 'postgres') {
      const url = (c.stores.pg.handle.pool as unknown as { options: { connectionString: string } }).options.connectionString;
      // A connection of its own: what another console process on this PostgreSQL would write.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      other = { query: (sql, params) => client.query(sql, params), close: () => client.end() };
    } else {
      // PGlite: one process only (the data directory is locked); its pool is the only way in.
      other = { query: (sql, params) => c.stores.pg.handle.pool.query(sql, params), close: async () => {} };
    }
  });
  after(async () => {
    await other?.close();
    await c?.stop();
  });

  test('many parallel signed-in requests on several pool connections: all answered 200 with their own account', async () => {
    const users = await Promise.all(Array.from({ length: 8 }, () => account('analyst')));
    const calls = users.flatMap((u) => Array.from({ length: 12 }, () => u));
    const answers = await Promise.all(
      calls.map(async (u) => {
        const res = await u.session.call('GET', '/api/auth/me');
        return { status: res.status, id: res.status === 200 ? ((await res.json()) as { account: { id: number } }).account.id : null, want: u.id };
      }),
    );
    assert.deepEqual(
      answers.filter((a) => a.status !== 200 || a.id !== a.want),
      [],
    );
    // On PostgreSQL the burst opened several connections, each preparing its own statement.
    if (c.pgTarget === 'postgres') assert.ok(c.stores.pg.handle.pool.totalCount >= 2, `pool connections: ${c.stores.pg.handle.pool.totalCount}`);
  });

  test('connections closed and opened again: the lookup is prepared anew each time, and nothing piles up on the backend', async () => {
    const { session } = await account('analyst');
    for (let i = 0; i < 6; i++) {
      assert.equal((await session.call('GET', '/api/auth/me')).status, 200, `round ${i}`);
      // Close the pool's connection (as its 10 s idle timeout does): the next request opens another.
      const client = await c.stores.pg.handle.pool.connect();
      client.release(true);
    }
    assert.equal((await session.call('GET', '/api/auth/me')).status, 200);
    if (c.pgTarget === 'pglite') {
      // One backend for every connection: only the open connection's statement is left on it.
      const names = (await c.stores.pg.handle.pool.query('SELECT name FROM pg_prepared_statements ORDER BY name')).rows.map((r) => r.name as string);
      assert.equal(names.length, 1, names.join(', '));
      assert.match(names[0]!, /^auth\/find_session\/\d+$/);
    }
  });

  test('logout: the next request is refused; a demoted or disabled account, changed by another connection, at its next request', async () => {
    const a = await account('analyst');
    const b = await account('admin');
    const d = await account('analyst');
    // Warm: each session's lookup prepared and run on the connection(s).
    await Promise.all([a, b, d].flatMap((u) => [1, 2, 3].map(() => u.session.call('GET', '/api/auth/me'))));
    assert.equal((await b.session.call('GET', '/api/admin/accounts')).status, 200);

    assert.equal((await a.session.call('POST', '/api/auth/logout')).status, 204);
    assert.equal((await a.session.call('GET', '/api/auth/me')).status, 401);

    await other.query("UPDATE accounts SET role = 'analyst' WHERE id = $1", [b.id]);
    assert.equal((await b.session.call('GET', '/api/admin/accounts')).status, 403);
    assert.equal(((await (await b.session.call('GET', '/api/auth/me')).json()) as { account: { role: string } }).account.role, 'analyst');

    await other.query('UPDATE accounts SET disabled = true WHERE id = $1', [d.id]);
    assert.equal((await d.session.call('GET', '/api/auth/me')).status, 401);

    // A session deleted by another connection (a logout served by another console).
    const e = await account('analyst');
    assert.equal((await e.session.call('GET', '/api/auth/me')).status, 200);
    await other.query('DELETE FROM sessions WHERE account_id = $1', [e.id]);
    assert.equal((await e.session.call('GET', '/api/auth/me')).status, 401);
  });
});
