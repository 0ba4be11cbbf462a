// Revenue and top creators on their PostgreSQL pre-aggregates (revenue_15m, creator_followers: docs/scale.md)
// against the same figures computed here from the transactions and follows sent, over the windows of
// test/support/preaggregates-fixture.ts: Asia/Kathmandu from :15 and :45 local, the 23-hour 2026-03-08 in
// America/Los_Angeles, one shorter than an hour and one of 30 days. The video-event panels and the rebuild
// are in preaggregates.test.ts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestConsole } from '../support/console.js';
import type { TestSession } from '../support/auth.js';
import { FACTS, USERS, WINDOWS, json, localKey, startPreaggregatesConsole } from '../support/preaggregates-fixture.js';

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
      const sums = new Map<string, number>();
      for (const x of FACTS.final.filter((x) => x.at >= Date.parse(w.from) && x.at < Date.parse(w.to))) {
        const k = `${localKey(x.at, w.tz, 'day')}|${x.kind}|${x.currency}`;
        sums.set(k, (sums.get(k) ?? 0) + x.amountMinor);
      }
      const rows = [...sums]
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([k, amountMinor]) => {
          const [day, kind, currency] = k.split('|') as [string, string, string];
          return { day, kind, currency, amountMinor: String(amountMinor) }; // sums as digit strings
        });
      assert.deepEqual(
        body.series,
        rows.filter((r) => r.kind !== 'payout').map(({ day, kind, amountMinor, currency }) => ({ day, kind, amountMinor, currency })),
      );
      assert.deepEqual(
        body.payouts,
        rows.filter((r) => r.kind === 'payout').map(({ day, amountMinor, currency }) => ({ day, amountMinor, currency })),
      );
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
});
