// Revenue and top creators on their PostgreSQL pre-aggregates (revenue_15m/_1h/_1d, creator_followers:
// docs/scale.md, docs/revenue-tiers.md) against the same figures computed here from the transactions and
// follows sent, over the windows of test/support/preaggregates-fixture.ts: Asia/Kathmandu from :15 and :45
// local, the 23-hour 2026-03-08 in America/Los_Angeles, one shorter than an hour and one of 30 days; then
// again after an upsert moves a transaction to another day and a delete. The video-event panels and the
// rebuild are in preaggregates.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestConsole } from '../support/console.js';
import type { TestSession } from '../support/auth.js';
import { pgQuery } from '../../server/db/catalog.js';
import { DashboardsService } from '../../server/features/dashboards/dashboards.service.js';
import { FACTS, USERS, WINDOWS, type Window, json, localKey, startPreaggregatesConsole, txRow } from '../support/preaggregates-fixture.js';

type Tx = (typeof FACTS.final)[number];

/** The revenue panel's series and payouts, from the transactions themselves. */
function expectedRevenue(txs: Tx[], w: Window) {
  const sums = new Map<string, bigint>();
  for (const x of txs.filter((x) => x.at >= Date.parse(w.from) && x.at < Date.parse(w.to))) {
    const k = `${localKey(x.at, w.tz, 'day')}|${x.kind}|${x.currency}`;
    sums.set(k, (sums.get(k) ?? 0n) + BigInt(x.amountMinor));
  }
  const rows = [...sums]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([k, amountMinor]) => {
      const [day, kind, currency] = k.split('|') as [string, string, string];
      return { day, kind, currency, amountMinor: String(amountMinor) }; // sums as digit strings
    });
  return {
    series: rows.filter((r) => r.kind !== 'payout').map(({ day, kind, amountMinor, currency }) => ({ day, kind, amountMinor, currency })),
    payouts: rows.filter((r) => r.kind === 'payout').map(({ day, amountMinor, currency }) => ({ day, amountMinor, currency })),
  };
}

/** The overview's revenue tile: the window and the one before it, USD when it has any, else the largest. */
function expectedTile(txs: Tx[], w: Window) {
  const [from, to] = [Date.parse(w.from), Date.parse(w.to)];
  const prevFrom = from - (to - from);
  const sum = (xs: Tx[]) => String(xs.reduce((a, x) => a + BigInt(x.amountMinor), 0n));
  const paid = txs.filter((x) => x.kind !== 'payout' && x.at >= prevFrom && x.at < to);
  const of = (c: string, a: number, b: number) => paid.filter((x) => x.currency === c && x.at >= a && x.at < b);
  const seen = [...new Set(paid.map((x) => x.currency))].sort(
    (a, b) => Number(BigInt(sum(of(b, from, to))) - BigInt(sum(of(a, from, to)))) || (a < b ? -1 : 1),
  );
  const currency = seen.includes('USD') ? 'USD' : (seen[0] ?? null);
  if (currency === null) return { value: null, previous: null, currency, otherCurrencies: 0, sparkline: [] };
  const days = new Map<string, Tx[]>();
  for (const x of of(currency, from, to)) days.set(localKey(x.at, w.tz, 'day'), [...(days.get(localKey(x.at, w.tz, 'day')) ?? []), x]);
  return {
    value: sum(of(currency, from, to)),
    previous: sum(of(currency, prevFrom, from)),
    currency,
    otherCurrencies: seen.length - 1,
    sparkline: [...days].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([at, xs]) => ({ at, value: sum(xs) })),
  };
}

let c: TestConsole;
let analyst: TestSession;

describe(`revenue and top creators on pre-aggregates against the rows sent, ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  before(async () => {
    ({ c, analyst } = await startPreaggregatesConsole());
  });
  after(async () => c?.stop());

  for (const w of WINDOWS) {
    test(`revenue per local day, kind and currency, payouts apart: ${w.name}`, async () => {
      const body = await json(analyst, `/api/metrics/revenue?from=${w.from}&to=${w.to}&tz=${encodeURIComponent(w.tz)}`);
      assert.deepEqual({ series: body.series, payouts: body.payouts }, expectedRevenue(FACTS.final, w));
    });

    test(`overview revenue tile, this window and the one before: ${w.name}`, async () => {
      const body = await json(analyst, `/api/metrics/overview?from=${w.from}&to=${w.to}&tz=${encodeURIComponent(w.tz)}`);
      const { value, previous, currency, otherCurrencies, sparkline } = body.tiles.find((t: { metric: string }) => t.metric === 'revenue');
      assert.deepEqual({ value, previous, currency, otherCurrencies, sparkline }, expectedTile(FACTS.final, w));
    });

    test(`top creators: followers at the window's end and growth inside it: ${w.name}`, async () => {
      const body = await json(analyst, `/api/metrics/top-creators?from=${w.from}&to=${w.to}&limit=10`);
      const expected = USERS.map((id) => ({
        userId: id,
        followers: FACTS.follows.filter((f) => f.followee === id && f.at < Date.parse(w.to)).length,
        followerGrowth: FACTS.follows.filter((f) => f.followee === id && f.at >= Date.parse(w.from) && f.at < Date.parse(w.to)).length,
      }))
        .filter((x) => x.followers > 0)
        .sort((a, b) => b.followers - a.followers || a.userId - b.userId);
      assert.deepEqual(
        body.rows.map(({ userId, followers, followerGrowth }: any) => ({ userId, followers, followerGrowth })),
        expected,
      );
    });
  }

  test('an upsert that moves a transaction to another day and a delete: every window and every tier still match the rows', async () => {
    // The ingest API's own upsert (one statement: an update that moves 7100 by 2 days 7 h 15 min to
    // another kind and amount, and a new transaction 7990 at 23:50 UTC), then a delete of 7101.
    const moved = FACTS.final.find((x) => x.id === 7100)!;
    const next = {
      ...moved,
      kind: moved.kind === 'gift' ? 'subscription' : 'gift',
      amountMinor: moved.amountMinor + 11,
      at: moved.at + 2 * 86_400_000 + 7.25 * 3_600_000,
    };
    const fresh = { id: 7990, kind: 'gift', amountMinor: 4321, currency: 'EUR', userId: moved.userId, at: Date.parse('2026-03-06T23:50:00Z') };
    await c.stores.pg.rows(pgQuery('ingest/upsert_transactions'), { rows: [next, fresh].map((x) => txRow(x, '2026-03-01T00:00:00Z')) });
    await c.stores.pg.handle.pool.query('DELETE FROM transactions WHERE id = $1', [7101]);
    const txs = [...FACTS.final.filter((x) => x.id !== 7100 && x.id !== 7101), next, fresh];
    assert.notEqual(localKey(moved.at, 'UTC', 'day'), localKey(next.at, 'UTC', 'day'));

    // A service of its own: the console's result cache still holds these windows' answers from before.
    const svc = new DashboardsService(c.stores);
    // And two more: UTC, where local days are whole UTC days (revenue_1d read per day), from 00:45 to
    // 13:15; and Kolkata (+05:30) from 09:15 local to 17:45 local a week later.
    const more: Window[] = [
      { name: 'UTC, 24 days from 00:45', from: '2026-02-25T00:45:00Z', to: '2026-03-21T13:15:00Z', tz: 'UTC', interval: 'day' },
      { name: 'Kolkata from 09:15 to 17:45 local', from: '2026-03-03T03:45:00Z', to: '2026-03-10T12:15:00Z', tz: 'Asia/Kolkata', interval: 'day' },
    ];
    for (const w of [...WINDOWS, ...more]) {
      const win = { from: new Date(w.from), to: new Date(w.to), tz: w.tz };
      const { series, payouts } = await svc.revenue(win);
      assert.deepEqual({ series, payouts }, expectedRevenue(txs, w), w.name);
      const tile = (await svc.overview(win)).tiles.find((t) => t.metric === 'revenue') as Record<string, unknown>;
      const { value, previous, currency, otherCurrencies, sparkline } = tile;
      assert.deepEqual({ value, previous, currency, otherCurrencies, sparkline }, expectedTile(txs, w), w.name);
    }

    // Each tier, row by row, against the transactions grouped here by UTC quarter-hour, hour and day
    // (rows left with no transaction, where every transaction moved away, read as absent).
    for (const [table, ms] of [
      ['revenue_15m', 900_000],
      ['revenue_1h', 3_600_000],
      ['revenue_1d', 86_400_000],
    ] as const) {
      const want = new Map<string, { amount: bigint; n: number }>();
      for (const x of txs) {
        const k = `${new Date(Math.floor(x.at / ms) * ms).toISOString()}|${x.kind}|${x.currency}`;
        const v = want.get(k) ?? { amount: 0n, n: 0 };
        want.set(k, { amount: v.amount + BigInt(x.amountMinor), n: v.n + 1 });
      }
      const { rows } = await c.stores.pg.handle.pool.query(
        `SELECT bucket, kind, currency, amount_minor::text AS amount, transactions::int AS n FROM ${table} WHERE transactions <> 0 ORDER BY 1, 2, 3`,
      );
      assert.deepEqual(
        rows.map((r: any) => [`${new Date(r.bucket).toISOString()}|${r.kind}|${r.currency}`, r.amount, r.n]),
        [...want].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([k, v]) => [k, String(v.amount), v.n]),
        table,
      );
    }
  });
});
