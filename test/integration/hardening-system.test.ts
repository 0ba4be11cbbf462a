// Issue 17, what anonymous callers see and whether health tells the truth, over real HTTP on
// real stores (both PostgreSQLs through TEST_DATABASE_URL): /api/status gives the anonymous the
// start-up phase only and admins cheap cached counts; /metrics takes a bearer token or an admin
// session; /api/health writes and reads each store and says degraded per store; TRUST_PROXY is
// off by default (X-Forwarded-For and X-Request-Id from a client are not believed).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { METRICS_TOKEN, startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, loginRequest, type TestSession } from '../support/auth.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const migrationVersions = (store: string) =>
  fs
    .readdirSync(path.resolve('queries/migrations', store))
    .filter((f) => f.endsWith('.sql'))
    .map((f) => Number(f.slice(0, 3)))
    .sort((a, b) => a - b);

describe(`hardening: status, metrics, health on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let admin: TestSession;
  let analyst: TestSession;

  before(async () => {
    // TRUST_PROXY at its default (0), unlike the other test consoles.
    c = await startTestConsole({ ...bootstrapAdminEnv, TRUST_PROXY: '0' });
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
    const created = await admin.call('POST', '/api/admin/accounts', { email: 'ana@test.local', role: 'analyst', password: 'analyst-password-1' });
    assert.equal(created.status, 201, await created.text());
    analyst = await login(c, 'ana@test.local', 'analyst-password-1');
  });
  after(async () => c?.stop());

  test('/api/status: the phase for anonymous callers and other roles; counts and migrations for admins, cached', async () => {
    for (const res of [await c.get('/api/status'), await analyst.call('GET', '/api/status')]) {
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { phase: 'ready', demo: { state: 'off' } });
    }
    const res = await admin.call('GET', '/api/status');
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.phase, 'ready');
    const rows = (name: string) => body.postgres.tables.find((t: { name: string }) => t.name === name);
    // Two accounts (the bootstrap admin, the analyst); no users, no API keys: counted exactly.
    assert.deepEqual(
      [rows('accounts'), rows('users'), rows('api_keys')],
      [
        { name: 'accounts', rows: 2 },
        { name: 'users', rows: 0 },
        { name: 'api_keys', rows: 0 },
      ],
    );
    assert.deepEqual(
      body.postgres.migrations.map((m: { version: number }) => m.version),
      migrationVersions('postgres'),
    );
    assert.deepEqual(
      body.clickhouse.migrations.map((m: { version: number }) => m.version),
      migrationVersions('clickhouse'),
    );
    // Cached: a row added now is not counted until the 30 s are over.
    await c.stores.pg.handle.pool.query("INSERT INTO advertisers (id, name, timezone, currency) VALUES (1, 'A', 'UTC', 'USD')");
    const again = await (await admin.call('GET', '/api/status')).json();
    assert.equal(again.countedAt, body.countedAt);
    assert.equal(again.postgres.tables.find((t: { name: string }) => t.name === 'advertisers').rows, 0);
  });

  test('/metrics: 401 for anonymous callers and a wrong token, 403 for other roles; 200 with METRICS_TOKEN or an admin session', async () => {
    assert.equal((await c.get('/metrics')).status, 401);
    assert.equal((await analyst.call('GET', '/metrics')).status, 403);
    assert.equal((await c.get('/metrics', { headers: { authorization: 'Bearer not-the-token-at-all' } })).status, 401);
    const byToken = await c.get('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(byToken.status, 200);
    assert.match(await byToken.text(), /^process_cpu_user_seconds_total /m);
    assert.equal((await admin.call('GET', '/metrics')).status, 200);
  });

  test('/api/health writes and reads each store: a ClickHouse that answers SELECT 1 but cannot store is "down", the console degraded', async () => {
    const ok = await c.get('/api/health');
    assert.equal(ok.status, 200);
    // The probe row of this instance was written in both stores.
    const [pgRow] = (await c.stores.pg.handle.pool.query('SELECT count(*)::int AS n FROM health_probes')).rows;
    assert.equal(pgRow.n, 1);
    const client = c.stores.ch.handle.client;
    await client.command({ query: 'DETACH TABLE health_probes' });
    try {
      // SELECT 1 still answers: the old check said ok.
      const one = await (await client.query({ query: 'SELECT 1 AS x', format: 'JSONEachRow' })).json();
      assert.deepEqual(one, [{ x: 1 }]);
      await sleep(1100); // past the one-second health cache
      const res = await c.get('/api/health');
      assert.equal(res.status, 503);
      const body = await res.json();
      assert.deepEqual([body.status, body.postgres.status, body.clickhouse.status], ['degraded', 'ok', 'down']);
      assert.match(body.clickhouse.error, /health_probes/);
    } finally {
      await client.command({ query: 'ATTACH TABLE health_probes' });
    }
    // PostgreSQL that cannot write the probe: down, the console degraded.
    await c.stores.pg.handle.pool.query('ALTER TABLE health_probes RENAME TO health_probes_away');
    try {
      await sleep(1100);
      const body = await (await c.get('/api/health')).json();
      assert.deepEqual([body.status, body.postgres.status, body.clickhouse.status], ['degraded', 'down', 'ok']);
    } finally {
      await c.stores.pg.handle.pool.query('ALTER TABLE health_probes_away RENAME TO health_probes');
    }
    await sleep(1100);
    assert.equal((await c.get('/api/health')).status, 200);
  });

  test('TRUST_PROXY off: X-Forwarded-For does not pick the address of the login limit, X-Request-Id is not taken', async () => {
    // 10 failures per address per 15 minutes: each attempt claims another address, all are 127.0.0.1.
    for (let i = 0; i < 10; i++) {
      const res = await loginRequest(c, `nobody${i}@test.local`, 'wrong-password-1', `203.0.113.${i}`);
      assert.equal(res.status, 401);
    }
    const blocked = await loginRequest(c, 'nobody-else@test.local', 'wrong-password-1', '198.51.100.7');
    assert.equal(blocked.status, 429);
    const res = await c.get('/api/health', { headers: { 'x-request-id': 'forged-id-1' } });
    assert.match(res.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  test('crafted cursors answer 422 (audit log, review queue) or 400 (notifications), never 500', async () => {
    const b64 = (x: string) => Buffer.from(x).toString('base64url');
    for (const cursor of [
      b64('+275760-09-13T00:00:00.000Z|1'),
      b64('2026-01-01T00:00:00Z|99999999999999999999'),
      'not-base64-%%',
      b64('0000-01-01T00:00:00Z|1'),
    ]) {
      const res = await admin.call('GET', `/api/admin/audit-log?cursor=${encodeURIComponent(cursor)}`);
      assert.equal(res.status, 422, `${cursor}: ${await res.text()}`);
    }
    for (const cursor of [b64(JSON.stringify([1, '+275760-09-13T00:00:00.000Z', 1])), b64(JSON.stringify([1, '2026-01-01T00:00:00Z', -5])), b64('[1,')]) {
      const res = await admin.call('GET', `/api/moderation/queue?cursor=${encodeURIComponent(cursor)}`);
      assert.equal(res.status, 422, `${cursor}: ${await res.text()}`);
    }
    const res = await admin.call('GET', '/api/notifications?cursor=1e30');
    assert.equal(res.status, 400);
  });
});
