// The foundation over real HTTP on real stores: health, status, metrics, the error shape,
// request metrics landing in ClickHouse, security headers, and data kept across a restart.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { metricsHeaders, startTestConsole, type TestConsole } from '../support/console.js';
import { tableCount, chCount } from '../support/sql.js';

const migrationFiles = (store: string) => fs.readdirSync(path.resolve('queries/migrations', store)).filter((f) => f.endsWith('.sql')).length;

describe(`foundation on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'} + chDB`, () => {
  let c: TestConsole;
  before(async () => {
    c = await startTestConsole();
    await c.ready;
  });
  after(async () => c?.stop());

  test('GET /api/health answers ok for both stores with their mode', async () => {
    const res = await c.get('/api/health');
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.postgres.status, 'ok');
    assert.equal(body.postgres.mode, process.env.TEST_DATABASE_URL ? 'external' : 'embedded');
    assert.equal(body.clickhouse.status, 'ok');
    assert.equal(body.clickhouse.mode, 'embedded');
    assert.equal(body.evaluator.lastRunAt, null);
    // An empty start: every stream exists and has no events yet.
    assert.deepEqual(
      body.freshness.map((f: { stream: string; newestAt: null }) => [f.stream, f.newestAt]),
      [
        ['video-events', null],
        ['ad-events', null],
        ['request-metrics', null],
      ],
    );
  });

  test('GET /api/status tells an anonymous caller the start-up phase only (admins: test/integration/hardening-system.test.ts)', async () => {
    const res = await c.get('/api/status');
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { phase: 'ready', demo: { state: 'off' } });
  });

  test('an unknown API route answers 404 in the error shape; a bad JSON body 400', async () => {
    const res = await c.get('/api/no-such-thing');
    assert.equal(res.status, 404);
    assert.deepEqual(Object.keys((await res.json()).error).sort(), ['code', 'message']);
    const bad = await c.get('/api/no-such-thing', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).error.code, 'malformed_json');
  });

  test('security headers and request ids', async () => {
    const res = await c.get('/api/health', { headers: { 'x-request-id': 'abc-123' } });
    assert.equal(res.headers.get('x-request-id'), 'abc-123');
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('x-powered-by'), null);
    const unsafe = await c.get('/api/health', { headers: { 'x-request-id': 'bad id with spaces' } });
    assert.match(unsafe.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  test('every request lands in ClickHouse request_metrics with its templated route, in batches', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await c.get(`/api/no-such-thing/${i}`)).status, 404);
    for (let i = 0; i < 2; i++) assert.equal((await c.get('/api/status')).status, 200);
    // The flush interval is a minute in tests: nothing is written on the request's path.
    assert.equal(await chCount(c, "route = 'unmatched'"), 0);
    await c.writer.flush();
    assert.equal(await chCount(c, "route = 'unmatched' AND status = 404 AND method = 'GET'"), 3 + 1); // + the 404 of the test above
    assert.equal(await chCount(c, "route = '/api/status' AND status = 200"), 2 + 1);
    assert.equal(await chCount(c, "route LIKE '%no-such-thing%'"), 0);
  });

  test('GET /metrics serves Prometheus text with the request histogram', async () => {
    const res = await c.get('/metrics', { headers: metricsHeaders });
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.match(text, /pulse_http_request_duration_seconds_count\{method="GET",route="\/api\/status",status="200"\} \d+/);
    assert.match(text, /process_cpu_user_seconds_total/);
  });

  test('pages are served by the SPA fallback, not the API', async () => {
    const res = await c.get('/status');
    assert.ok([200, 503].includes(res.status), `status ${res.status}`);
    assert.notEqual(res.headers.get('content-type')?.includes('application/json'), true);
  });

  test('every table of the data model exists', async () => {
    for (const t of [
      'users',
      'follows',
      'videos',
      'content_reports',
      'moderation_cases',
      'moderation_decisions',
      'advertisers',
      'campaigns',
      'transactions',
      'accounts',
      'sessions',
      'api_keys',
      'audit_log',
      'report_schedules',
      'export_jobs',
      'alert_instances',
      'silences',
      'notification_outbox',
    ]) {
      assert.equal(await tableCount(c, t), 0, t);
    }
    // Rules of alerts/*.yaml are provisioned at start: platform 4, business 3, data quality 17
    // (a null-rate rule per required column: video events 5, ad events 4, request metrics 4; orphans,
    // unlinked reports, rejected rows, follower z-score).
    assert.equal(await tableCount(c, 'alert_rules'), 24);
  });
});

describe('a restart on the same DATA_DIR keeps the data and applies nothing twice', () => {
  test('restart', async () => {
    const first = await startTestConsole();
    const dataDir = first.dataDir;
    const dbUrl = process.env.TEST_DATABASE_URL ? (first.stores.pg.handle.pool.options as { connectionString?: string }).connectionString : undefined;
    await first.stores.pg.handle.pool.query("INSERT INTO advertisers (id, name, timezone, currency) VALUES (1, 'Kept', 'Asia/Kathmandu', 'NPR')");
    await first.stores.ch.handle.client.command({
      query:
        "INSERT INTO video_events (event_id, ts, type, video_id, creator_id, user_id, watch_ms, region, device) VALUES (generateUUIDv4(), '2026-01-01 00:00:00', 'view', 1, 2, 3, 1000, 'NP', 'ios')",
    });
    await first.close();

    const second = await startTestConsole({}, { dataDir, keepDatabase: dbUrl });
    try {
      await second.ready;
      const adv = await second.stores.pg.handle.pool.query('SELECT name, timezone FROM advertisers');
      assert.deepEqual(adv.rows, [{ name: 'Kept', timezone: 'Asia/Kathmandu' }]);
      assert.equal(await chCount(second, '1', 'video_events'), 1);
      const applied = await second.stores.pg.handle.pool.query('SELECT count(*)::int AS n FROM schema_migrations');
      assert.equal(applied.rows[0].n, migrationFiles('postgres'));
    } finally {
      await second.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      if (dbUrl) {
        const { default: pg } = await import('pg');
        const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS ${new URL(dbUrl).pathname.slice(1)} WITH (FORCE)`);
        await admin.end();
      }
    }
  });
});
