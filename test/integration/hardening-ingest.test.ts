// Issue 17, ingest findings, over real HTTP on real stores (both PostgreSQLs through
// TEST_DATABASE_URL): values the stores cannot keep are per-line rejections (the batch's good lines
// are stored), money per event is bounded so ClickHouse's UInt64 sums cannot wrap, a batch stores
// and answers a bounded number of rejections, and one API key runs a bounded number of batches.
// Expected values are written out by hand from the fixtures.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';

const NDJSON = 'application/x-ndjson';
const iso = (ms: number) => new Date(ms).toISOString();
const BASE = 8_000_000 + Math.floor(Math.random() * 1_000_000) * 100;

describe(`hardening: ingest on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let admin: TestSession;
  let key: string;

  const post = (stream: string, body: string) =>
    c.get(`/api/v1/ingest/${stream}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': NDJSON }, body });
  const lines = (rows: unknown[]) => rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
  async function ok(res: Response) {
    const text = await res.text();
    assert.equal(res.status, 200, text);
    return JSON.parse(text);
  }
  const pg = async (sql: string, params: unknown[] = []) => (await c.stores.pg.handle.pool.query(sql, params)).rows;
  async function ch(sql: string, params: Record<string, unknown> = {}) {
    const rs = await c.stores.ch.handle.client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return (await rs.json()) as Record<string, unknown>[];
  }

  before(async () => {
    // Small caps so that the test batches are small: 3 errors answered, 4 rejections stored one by one, 1 batch per key.
    c = await startTestConsole({ ...bootstrapAdminEnv, INGEST_ANSWERED_ERRORS: '3', INGEST_STORED_REJECTIONS: '4', INGEST_BATCHES_PER_KEY: '1' });
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
    const res = await admin.call('POST', '/api/admin/api-keys', { name: 'hardening', scopes: ['ingest'] });
    assert.equal(res.status, 201);
    ({ key } = await res.json());
  });
  after(async () => c?.stop());

  const T0 = Date.now() - 3600_000;
  const user = (id: number, over: Record<string, unknown> = {}) => ({
    id,
    username: `h${id}`,
    email: `h${id}@example.com`,
    region: 'IN',
    updated_at: iso(T0),
    ...over,
  });

  test('NUL, a lone surrogate and year 0000 are rejected line by line; the good lines of the batch are stored', async () => {
    // Written as JSON text so the escapes reach the server as the platform would send them.
    const body =
      [
        JSON.stringify(user(BASE + 1)), // 1 good
        JSON.stringify(user(BASE + 2)).replace(`"username":"h${BASE + 2}"`, `"username":"h\\u0000${BASE + 2}"`), // 2 NUL
        JSON.stringify(user(BASE + 3)).replace(`"username":"h${BASE + 3}"`, `"username":"h\\ud800${BASE + 3}"`), // 3 lone high surrogate
        JSON.stringify(user(BASE + 4, { updated_at: '0000-01-01T00:00:00Z' })), // 4 year 0
        JSON.stringify(user(BASE + 5, { display_name: 'ok \ud83d\ude00 pair' })), // 5 good: a real surrogate pair (an emoji)
        `{"id":${BASE + 6},"username":"h\u0000"`, // 6 a raw NUL in a malformed line: its sample must still store
      ].join('\n') + '\n';
    const res = await ok(await post('users', body));
    assert.equal(res.accepted, 2);
    assert.equal(res.rejected, 4);
    // Only 3 errors answered (INGEST_ANSWERED_ERRORS=3); the 4th is counted.
    assert.deepEqual(
      res.errors.map((e: { line: number; reason: string; field: string | null }) => [e.line, e.reason, e.field]),
      [
        [2, 'invalid_format', 'username'],
        [3, 'invalid_format', 'username'],
        [4, 'out_of_range', 'updated_at'],
      ],
    );
    assert.equal(res.errors[0].error, 'username contains U+0000 (NUL), which the stores cannot keep');
    assert.equal(res.errors[1].error, 'username contains a lone UTF-16 surrogate (U+D800), which the stores cannot keep');
    assert.equal(res.errors[2].error, 'updated_at is 0000-01-01T00:00:00Z, before 1900-01-01 (the earliest time the stores keep)');
    assert.equal(res.errorsOmitted, 1);
    assert.deepEqual(res.rejectedByReason, { invalid_format: 2, out_of_range: 1, malformed_json: 1 });
    const stored = await pg('SELECT id::int, display_name FROM users WHERE id = ANY($1) ORDER BY id', [
      [BASE + 1, BASE + 2, BASE + 3, BASE + 4, BASE + 5, BASE + 6],
    ]);
    assert.deepEqual(stored, [
      { id: BASE + 1, display_name: '' },
      { id: BASE + 5, display_name: 'ok \ud83d\ude00 pair' },
    ]);
    const rej = await pg(
      "SELECT line, reason, sample FROM ingest_rejections WHERE stream = 'users' AND batch_id = (SELECT max(id) FROM ingest_batches WHERE stream = 'users') ORDER BY line",
    );
    assert.deepEqual(
      rej.map((r) => [r.line, r.reason]),
      [
        [2, 'invalid_format'],
        [3, 'invalid_format'],
        [4, 'out_of_range'],
        [6, 'malformed_json'],
      ],
    );
    assert.equal(rej[3].sample, `{"id":${BASE + 6},"username":"h\ufffd"`);

    // A campaign starting in year 0000 and an event in year 0001 are rejected the same way.
    await pg('INSERT INTO advertisers (id, name, timezone, currency) VALUES ($1, $2, $3, $4)', [BASE + 1, 'Adv', 'UTC', 'USD']);
    const camp = {
      id: BASE + 1,
      advertiser_id: BASE + 1,
      name: 'c',
      objective: 'awareness',
      status: 'active',
      budget_micros: 1,
      bid_micros: 1,
      updated_at: iso(T0),
    };
    const cres = await ok(
      await post(
        'campaigns',
        lines([
          { ...camp, start_date: '0000-01-01' },
          { ...camp, start_date: '2026-01-01' },
        ]),
      ),
    );
    assert.deepEqual([cres.accepted, cres.errors.map((e: { line: number; field: string }) => [e.line, e.field])], [1, [[1, 'start_date']]]);
  });

  test('cost_micros past a million currency units is rejected; sums of stored amounts stay exact', async () => {
    await pg('INSERT INTO advertisers (id, name, timezone, currency) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [BASE + 1, 'Adv', 'UTC', 'USD']);
    await pg(
      "INSERT INTO campaigns (id, advertiser_id, name, objective, status, budget_micros, bid_micros, start_date) VALUES ($1, $2, 'm', 'awareness', 'active', 1, 1, '2026-01-01') ON CONFLICT DO NOTHING",
      [BASE + 2, BASE + 1],
    );
    const t = Date.now() - 60_000;
    const ad = (cost: number) => ({
      event_id: randomUUID(),
      ts: iso(t),
      type: 'impression',
      advertiser_id: BASE + 1,
      campaign_id: BASE + 2,
      user_id: 1,
      cost_micros: cost,
      region: 'IN',
      device: 'web',
    });
    // The attack: 2,100 impressions at 2^53 - 1 would sum past 2^64 and wrap.
    const attack = await ok(await post('ad-events', lines(Array.from({ length: 2100 }, () => ad(Number.MAX_SAFE_INTEGER)))));
    assert.deepEqual([attack.accepted, attack.rejected, attack.rejectedByReason], [0, 2100, { out_of_range: 2100 }]);
    assert.equal(attack.errors[0].error, 'cost_micros must be at most 1000000000000 (got 9007199254740991)');
    // At the bound: stored, and 3 of them sum to 3e12 exactly in the raw table and the rollup.
    await ok(await post('ad-events', lines([ad(1_000_000_000_000), ad(1_000_000_000_000), ad(1_000_000_000_000)])));
    const [raw] = await ch('SELECT toString(sum(cost_micros)) AS s FROM ad_events WHERE campaign_id = {c:UInt64}', { c: BASE + 2 });
    const [rolled] = await ch('SELECT toString(sum(spend_micros)) AS s FROM ad_stats_15m WHERE campaign_id = {c:UInt64}', { c: BASE + 2 });
    assert.deepEqual([raw!.s, rolled!.s], ['3000000000000', '3000000000000']);
  });

  test('a batch of bad lines stores a bounded number of rows, and the data-quality panel still counts every line', async () => {
    const before = (await pg("SELECT coalesce(sum(lines), 0)::int AS n, count(*)::int AS rows FROM ingest_rejections WHERE stream = 'request-metrics'"))[0];
    const t = iso(Date.now() - 1000);
    const bad = [
      ...Array.from({ length: 7 }, () => ({ ts: t, service: 'svc', route: '/v1/x', method: 'FETCH', status: 200, duration_ms: 1 })), // invalid_enum × 7
      ...Array.from({ length: 5 }, () => ({ ts: t, service: 'svc', route: '/v1/x', method: 'GET', status: 900, duration_ms: 1 })), // out_of_range × 5
    ];
    const res = await ok(await post('request-metrics', lines(bad)));
    assert.deepEqual([res.rejected, res.errors.length, res.errorsOmitted, res.rejectedByReason], [12, 3, 9, { invalid_enum: 7, out_of_range: 5 }]);
    const rows = await pg(
      "SELECT line, reason, lines, message FROM ingest_rejections WHERE stream = 'request-metrics' AND batch_id = (SELECT max(id) FROM ingest_batches WHERE stream = 'request-metrics') ORDER BY line, lines",
    );
    // 4 rows one by one (lines 1-4), then one row per reason and field for the other 8 lines.
    assert.deepEqual(
      rows.map((r) => [r.line, r.reason, r.lines]),
      [
        [1, 'invalid_enum', 1],
        [2, 'invalid_enum', 1],
        [3, 'invalid_enum', 1],
        [4, 'invalid_enum', 1],
        [5, 'invalid_enum', 3],
        [8, 'out_of_range', 5],
      ],
    );
    assert.match(rows[4].message, /^3 lines from line 5 on, not stored one by one; the first: method must be one of/);
    const after = (await pg("SELECT sum(lines)::int AS n, count(*)::int AS rows FROM ingest_rejections WHERE stream = 'request-metrics'"))[0];
    assert.deepEqual([after.n - before.n, after.rows - before.rows], [12, 6]);
    // The data-quality panel sums lines, not rows.
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const dq = await admin.call('GET', `/api/metrics/data-quality?from=${from}&to=${to}`);
    assert.equal(dq.status, 200);
    const panel = (await dq.json()) as { rejections: { stream: string; reason: string; rows: number }[] };
    const mine = panel.rejections.filter((r) => r.stream === 'request-metrics').map((r) => [r.reason, r.rows]);
    assert.deepEqual(mine, [
      ['invalid_enum', 7],
      ['out_of_range', 5],
    ]);
  });

  test('one API key runs one batch at a time here (INGEST_BATCHES_PER_KEY=1): a second is 429 with Retry-After, before its body is read', async () => {
    // Two batches held open (their bodies unfinished): whichever the server takes second is refused
    // at once, while the other is still being sent.
    const url = new URL(c.url);
    const line = JSON.stringify({ ts: iso(Date.now() - 1000), service: `held-${BASE}`, route: '/v1/x', method: 'GET', status: 200, duration_ms: 1 }) + '\n';
    const open = () => {
      const req = http.request({
        host: url.hostname,
        port: url.port,
        path: '/api/v1/ingest/request-metrics',
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': NDJSON, 'transfer-encoding': 'chunked' },
      });
      const answer = new Promise<{ status: number; retryAfter: string | undefined; body: string }>((resolve, reject) => {
        req.on('response', (r) => {
          let b = '';
          r.on('data', (d) => (b += d));
          r.on('end', () => resolve({ status: r.statusCode!, retryAfter: r.headers['retry-after'] as string | undefined, body: b }));
        });
        req.on('error', reject);
      });
      req.write(line);
      return { req, answer, done: false };
    };
    const a = open();
    const b = open();
    void a.answer.then(() => (a.done = true));
    void b.answer.then(() => (b.done = true));
    const refused = await Promise.race([a.answer.then(() => a), b.answer.then(() => b)]);
    const holder = refused === a ? b : a;
    const r = await refused.answer;
    assert.equal(r.status, 429, r.body);
    assert.equal(r.retryAfter, '2');
    assert.equal(JSON.parse(r.body).error.code, 'too_many_requests');
    assert.equal(holder.done, false);
    holder.req.end(line);
    refused.req.end();
    const held = await holder.answer;
    assert.equal(held.status, 200, held.body);
    assert.equal(JSON.parse(held.body).accepted, 2);
    // The slot is free again.
    assert.equal((await ok(await post('request-metrics', line))).accepted, 1);
  });
});
