// Issue 17, "money sums in types that cannot wrap", over real HTTP on real stores (both PostgreSQLs
// through TEST_DATABASE_URL). ClickHouse sums a campaign's money in UInt128 (migration
// clickhouse/054) and the API answers those sums as decimal strings; PostgreSQL keeps
// revenue_15m.amount_minor in numeric (migration postgres/054) and the revenue API answers its sums
// as decimal strings too. Every total below is computed by hand with BigInt from the rows the test writes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestConsole, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';

const NDJSON = 'application/x-ndjson';
const BASE = 7_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
const MAX_EVENT = 10n ** 12n; // the per-event bound of ingest (MAX_MONEY_MICROS)

describe(`hardening: money sums on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let c: TestConsole;
  let admin: TestSession;
  let key: string;

  const post = (stream: string, rows: unknown[]) =>
    c.get(`/api/v1/ingest/${stream}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': NDJSON },
      body: rows.map((r) => JSON.stringify(r)).join('\n') + '\n',
    });
  const pg = async (sql: string, params: unknown[] = []) => (await c.stores.pg.handle.pool.query(sql, params)).rows;
  async function ch(sql: string, params: Record<string, unknown> = {}) {
    const rs = await c.stores.ch.handle.client.query({ query: sql, query_params: params, format: 'JSONEachRow' });
    return (await rs.json()) as Record<string, unknown>[];
  }
  async function json(path: string) {
    const res = await admin.call('GET', path);
    const text = await res.text();
    assert.equal(res.status, 200, text);
    return JSON.parse(text);
  }

  before(async () => {
    c = await startTestConsole({ ...bootstrapAdminEnv });
    await c.ready;
    admin = await login(c, ADMIN.email, ADMIN.password);
    const res = await admin.call('POST', '/api/admin/api-keys', { name: 'money', scopes: ['ingest'] });
    assert.equal(res.status, 201);
    ({ key } = await res.json());
  });
  after(async () => c?.stop());

  test('a campaign whose spend passes 2^64 micros: the rollup, the report, the list and the CSV show the exact total', async () => {
    const [adv, camp] = [BASE + 1, BASE + 2];
    await pg('INSERT INTO advertisers (id, name, timezone, currency) VALUES ($1, $2, $3, $4)', [adv, 'Big spender', 'UTC', 'USD']);
    await pg(
      "INSERT INTO campaigns (id, advertiser_id, name, objective, status, budget_micros, bid_micros, start_date) VALUES ($1, $2, 'big', 'awareness', 'active', 1, 1, '2026-01-01')",
      [camp, adv],
    );
    const t = Date.now() - 60_000;
    const day = new Date(t).toISOString().slice(0, 10);
    const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const event = (type: string, money: Record<string, number | string>) => ({
      event_id: randomUUID(),
      ts: new Date(t).toISOString(),
      type,
      advertiser_id: adv,
      campaign_id: camp,
      user_id: 1,
      region: 'IN',
      device: 'web',
      ...money,
    });
    // Through ingest: 3 impressions and a conversion at the per-event bound.
    const res = await post('ad-events', [
      event('impression', { cost_micros: 1e12 }),
      event('impression', { cost_micros: 1e12 }),
      event('impression', { cost_micros: 1e12 }),
      event('conversion', { conversion_value_micros: 1e12 }),
    ]);
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json()).accepted, 4);
    // 2^64 micros at the bound is 18.4 million events, more than a test sends: what the rollup would
    // hold after them is written as raw events the way the stores keep them (UInt64 amounts). Two in
    // one insert (one block of the view: its sum used to wrap there) and one at 2^64 - 1 in another.
    const raw = (money: Record<string, string>) => ({ ...event('impression', money), ts: new Date(t).toISOString().replace('T', ' ').replace('Z', '') });
    await c.stores.ch.insert('ad_events', [
      raw({ cost_micros: '10000000000000000000', conversion_value_micros: '10000000000000000000' }),
      raw({ cost_micros: '10000000000000000000', conversion_value_micros: '10000000000000000000' }),
    ]);
    await c.stores.ch.insert('ad_events', [raw({ cost_micros: '18446744073709551615' })]);

    const spend = 3n * MAX_EVENT + 2n * 10n ** 19n + (2n ** 64n - 1n); // 38446747073709551615
    const value = MAX_EVENT + 2n * 10n ** 19n; // 20000001000000000000
    assert.equal(spend.toString(), '38446747073709551615');
    assert.ok(spend > 2n ** 65n && value > 2n ** 64n);

    const report = await json(`/api/campaigns/${camp}/report?from=${day}&to=${next}`);
    assert.deepEqual([report.totals.impressions, report.totals.spendMicros, report.totals.conversionValueMicros], [6, spend.toString(), value.toString()]);
    assert.deepEqual([report.rows[0].spendMicros, report.rows[0].conversionValueMicros], [spend.toString(), value.toString()]);
    // cpm = spend × 1000 / 6 impressions, rounded half up to a whole micro, from the exact sum.
    assert.equal(report.totals.cpm, Number((spend * 1000n * 2n + 6n) / 12n));
    const list = await json(`/api/campaigns?advertiserId=${adv}`);
    assert.deepEqual(
      list.items.map((x: { id: number; spendMicros: string }) => [x.id, x.spendMicros]),
      [[camp, spend.toString()]],
    );
    const csv = await (await admin.call('GET', `/api/campaigns/${camp}/report.csv?from=${day}&to=${next}`)).text();
    const lines = csv.split('\r\n');
    const header = lines[1]!.split(',');
    const total = lines.find((l) => l.startsWith('total,'))!.split(',');
    assert.equal(total[header.indexOf('spend_micros')], spend.toString());

    // The rollup's column is a UInt128 sum, and a merge of its rows keeps the exact total.
    const [type] = await ch("SELECT type FROM system.columns WHERE database = currentDatabase() AND table = 'ad_stats_15m' AND name = 'spend_micros'");
    assert.equal(type!.type, 'SimpleAggregateFunction(sum, UInt128)');
    await c.stores.ch.handle.client.command({ query: 'OPTIMIZE TABLE ad_stats_15m FINAL' });
    const merged = await ch('SELECT toString(spend_micros) AS s, toString(conversion_value_micros) AS v FROM ad_stats_15m WHERE campaign_id = {c:UInt64}', {
      c: camp,
    });
    assert.deepEqual(merged, [{ s: spend.toString(), v: value.toString() }]);
  });

  test('revenue of one 15-minute bucket past bigint: the transactions are stored, revenue_15m holds the exact sum', async () => {
    // 1,025 gifts at 2^53 - 1 minor units (the largest amount ingest takes) in one bucket: their sum
    // passes 2^63 - 1, where the bigint revenue_15m raised 22003 and failed the batch (500).
    const max = 2n ** 53n - 1n;
    await pg('INSERT INTO advertisers (id, name, timezone, currency) VALUES ($1, $2, $3, $4)', [BASE + 3, 'Big payer', 'UTC', 'CHF']);
    const rows = Array.from({ length: 1025 }, (_, i) => ({
      id: BASE + 100 + i,
      kind: 'gift',
      amount_minor: Number(max),
      currency: 'CHF',
      advertiser_id: BASE + 3,
      occurred_at: '2025-02-03T10:05:00Z',
      updated_at: '2025-02-03T10:05:00Z',
    }));
    const res = await post('transactions', rows);
    const text = await res.text();
    assert.equal(res.status, 200, text);
    assert.equal(JSON.parse(text).accepted, 1025, text.slice(0, 500));
    const exact = 1025n * max; // 9232379236109515775 > 2^63 - 1 = 9223372036854775807
    assert.equal(exact.toString(), '9232379236109515775');
    const [row] = await pg(
      "SELECT amount_minor::text AS a, transactions::int AS n FROM revenue_15m WHERE currency = 'CHF' AND bucket = '2025-02-03T10:00:00Z'",
    );
    assert.deepEqual(row, { a: exact.toString(), n: 1025 });
  });

  test('revenue sums past 2^53 reach the revenue panel and the overview tile digit-exact, as strings', async () => {
    // 1,025 gifts at 2^53 - 1 on 2025-02-10 and 3 on 2025-02-11 (CHF only in this window): PostgreSQL
    // sums each day in numeric, the server adds the days in BigInt, the API sends the digits.
    const max = 2n ** 53n - 1n;
    await pg('INSERT INTO advertisers (id, name, timezone, currency) VALUES ($1, $2, $3, $4)', [BASE + 4, 'Bigger payer', 'UTC', 'CHF']);
    const gifts = (day: string, n: number, firstId: number) =>
      Array.from({ length: n }, (_, i) => ({
        id: firstId + i,
        kind: 'gift',
        amount_minor: Number(max),
        currency: 'CHF',
        advertiser_id: BASE + 4,
        occurred_at: `${day}T10:05:00Z`,
        updated_at: `${day}T10:05:00Z`,
      }));
    const res = await post('transactions', [...gifts('2025-02-10', 1025, BASE + 2000), ...gifts('2025-02-11', 3, BASE + 3100)]);
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal((await res.json()).accepted, 1028);
    // By hand: 1025 × 9007199254740991 and 3 × 9007199254740991; their total 1028 × 9007199254740991.
    const [day1, day2, total] = [1025n * max, 3n * max, 1028n * max];
    assert.deepEqual([day1, day2, total].map(String), ['9232379236109515775', '27021597764222973', '9259400833873738748']);
    // A JSON number could not carry them: the nearest double of the total is another integer.
    assert.notEqual(BigInt(Number(total)), total);
    const panel = await json('/api/metrics/revenue?from=2025-02-10T00:00:00Z&to=2025-02-12T00:00:00Z&tz=UTC');
    assert.deepEqual(panel.series, [
      { day: '2025-02-10', kind: 'gift', amountMinor: day1.toString(), currency: 'CHF' },
      { day: '2025-02-11', kind: 'gift', amountMinor: day2.toString(), currency: 'CHF' },
    ]);
    assert.deepEqual(panel.totals, [{ kind: 'gift', currency: 'CHF', amountMinor: total.toString() }]);
    assert.deepEqual(panel.revenueTotal, [{ currency: 'CHF', amountMinor: total.toString() }]);
    assert.deepEqual(panel.payoutTotal, []);
    const csv = await (await admin.call('GET', '/api/metrics/export/revenue?from=2025-02-10T00:00:00Z&to=2025-02-12T00:00:00Z&tz=UTC')).text();
    assert.ok(csv.includes(`\r\n2025-02-10,gift,${day1},CHF\r\n`), csv);
    // The overview's tile: the window's revenue and the previous window's (none), by local day.
    const overview = await json('/api/metrics/overview?from=2025-02-10T00:00:00Z&to=2025-02-12T00:00:00Z&tz=UTC');
    const tile = overview.tiles.find((t: { metric: string }) => t.metric === 'revenue');
    assert.deepEqual(tile, {
      metric: 'revenue',
      value: total.toString(),
      previous: '0',
      changePct: null,
      sparkline: [
        { at: '2025-02-10', value: day1.toString() },
        { at: '2025-02-11', value: day2.toString() },
      ],
      currency: 'CHF',
      otherCurrencies: 0,
    });
  });
});
