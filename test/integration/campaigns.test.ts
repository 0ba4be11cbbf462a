// Campaign reports over real HTTP on the real stores (docs/metrics.md, docs/architecture.md#roles, README#campaigns): who lists
// what, days in the advertiser's zone, breakdowns, bad ranges, 404 across advertisers; the exports are in
// campaigns-exports.test.ts. The fixture (test/support/campaign-fixture.ts) is small enough that every number
// below was worked out by hand from its rows; nothing here is computed by the product's code.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestConsole } from '../support/console.js';
import type { TestSession } from '../support/auth.js';
import { ADV_A, ADV_B, CAMPAIGNS } from '../support/campaign-fixture.js';
import { RANGE, json, startCampaignsConsole } from '../support/campaign-console.js';

// Hand-worked days of campaign 1001 in Asia/Kathmandu (+05:45).
// 11-09: one impression (user 1). 11-10: impressions by users 1,2,3,4; a click and a conversion
// (value 5 NPR) by user 2; view_2s + view_6s (user 1, 3000 + 7000 ms); p25 + p100 (user 3, 4000 +
// 16000 ms). 11-11: impressions by users 1 and 5; clicks by users 5 and 1; view_2s (user 5, 2500 ms).
const DAY_0909 = {
  date: '2026-11-09',
  impressions: 1,
  reach: 1,
  clicks: 0,
  ctr: 0,
  spendMicros: '250000',
  cpc: null,
  cpm: 250_000_000,
  conversions: 0,
  cvr: null,
  costPerConversion: null,
  conversionValueMicros: '0',
  roas: 0,
  views2s: 0,
  views6s: 0,
  p25Rate: 0,
  p50Rate: 0,
  p75Rate: 0,
  completionRate: 0,
  avgPlayMs: null,
};
const DAY_1110 = {
  date: '2026-11-10',
  impressions: 4,
  reach: 4,
  clicks: 1,
  ctr: 0.25,
  spendMicros: '2000000',
  cpc: 2_000_000,
  cpm: 500_000_000,
  conversions: 1,
  cvr: 1,
  costPerConversion: 2_000_000,
  conversionValueMicros: '5000000',
  roas: 2.5,
  views2s: 1,
  views6s: 1,
  p25Rate: 0.25,
  p50Rate: 0,
  p75Rate: 0,
  completionRate: 0.25,
  avgPlayMs: 30_000,
};
const DAY_1111 = {
  date: '2026-11-11',
  impressions: 2,
  reach: 2,
  clicks: 2,
  ctr: 1,
  spendMicros: '2500000',
  cpc: 1_250_000,
  cpm: 1_250_000_000,
  conversions: 0,
  cvr: 0,
  costPerConversion: null,
  conversionValueMicros: '0',
  roas: 0,
  views2s: 1,
  views6s: 0,
  p25Rate: 0,
  p50Rate: 0,
  p75Rate: 0,
  completionRate: 0,
  avgPlayMs: 2500,
};
// Totals from raw sums: reach is 5 distinct users (1..5), not 1 + 4 + 2 = 7.
const TOTALS = {
  impressions: 7,
  reach: 5,
  clicks: 3,
  ctr: 3 / 7,
  spendMicros: '4750000',
  cpc: 1_583_333,
  cpm: 678_571_429,
  conversions: 1,
  cvr: 1 / 3,
  costPerConversion: 4_750_000,
  conversionValueMicros: '5000000',
  roas: 5 / 4.75,
  views2s: 2,
  views6s: 1,
  p25Rate: 1 / 7,
  p50Rate: 0,
  p75Rate: 0,
  completionRate: 1 / 7,
  avgPlayMs: 16_250,
};
let c: TestConsole;
let admin: TestSession;
let advA: TestSession;
let advB: TestSession;
let analyst: TestSession;
let moderator: TestSession;
let oncall: TestSession;

describe(`campaigns on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  before(async () => {
    ({ c, admin, advA, advB, analyst, moderator, oncall } = await startCampaignsConsole());
  });
  after(async () => c?.stop());

  test('an advertiser lists only its own campaigns; admins and analysts list all, filtered by advertiser', async () => {
    const a = await json(advA, '/api/campaigns');
    assert.deepEqual(a.items.map((x: any) => x.id).sort(), [1001, 1002, 1003, 1004, 1005, 1006]);
    assert.deepEqual(
      a.advertisers.map((x: any) => x.id),
      [ADV_A.id],
    );
    // Spend to date: 1001 = 8 impressions × 0.25 + 3 clicks × 1 = 5 NPR (the 11-12 impression included).
    const c1001 = a.items.find((x: any) => x.id === 1001);
    assert.equal(c1001.spendMicros, '5000000');
    assert.equal(c1001.name, CAMPAIGNS[0].name);
    assert.equal(c1001.timezone, 'Asia/Kathmandu');
    assert.equal(c1001.currency, 'NPR');
    // An advertiser cannot widen its scope with the filter.
    assert.deepEqual((await json(advA, `/api/campaigns?advertiserId=${ADV_B.id}`)).items.map((x: any) => x.id).sort(), [1001, 1002, 1003, 1004, 1005, 1006]);
    assert.deepEqual(
      (await json(advB, '/api/campaigns')).items.map((x: any) => x.id),
      [2001],
    );
    assert.equal((await json(advB, '/api/campaigns')).items[0].spendMicros, '1000000');
    const all = await json(analyst, '/api/campaigns');
    assert.deepEqual(all.items.map((x: any) => x.id).sort(), [1001, 1002, 1003, 1004, 1005, 1006, 2001]);
    assert.deepEqual(all.advertisers.map((x: any) => x.id).sort(), [ADV_A.id, ADV_B.id]);
    assert.deepEqual(
      (await json(admin, `/api/campaigns?advertiserId=${ADV_B.id}`)).items.map((x: any) => x.id),
      [2001],
    );
  });

  test('moderators and on-call get 403; anonymous 401', async () => {
    for (const s of [moderator, oncall]) {
      assert.equal((await s.call('GET', '/api/campaigns')).status, 403);
      assert.equal((await s.call('GET', '/api/campaigns/1001/report.csv')).status, 403);
    }
    assert.equal((await c.get('/api/campaigns/1001/report')).status, 401);
  });

  test('daily report in Asia/Kathmandu: day boundaries at 18:15 UTC, ratios from sums, empty when the denominator is 0, totals from raw sums', async () => {
    const r = await json(advA, `/api/campaigns/1001/report?${RANGE}`);
    assert.equal(r.timezone, 'Asia/Kathmandu');
    assert.equal(r.currency, 'NPR');
    assert.equal(r.from, '2026-11-08T18:15:00.000Z');
    assert.equal(r.to, '2026-11-11T18:15:00.000Z');
    assert.deepEqual(r.rows, [DAY_0909, DAY_1110, DAY_1111]);
    assert.deepEqual(r.totals, TOTALS);
  });

  test('a day with no events is a row of zeros with empty ratios', async () => {
    const r = await json(advA, '/api/campaigns/1001/report?from=2026-11-12&to=2026-11-13');
    assert.equal(r.rows.length, 1);
    assert.equal(r.rows[0].date, '2026-11-12');
    // The 11-12 impression (user 6) is at local 00:00 of 11-12.
    assert.equal(r.rows[0].impressions, 1);
    const empty = await json(advA, '/api/campaigns/1001/report?from=2026-11-20&to=2026-11-21');
    assert.deepEqual(empty.rows, [
      {
        date: '2026-11-20',
        impressions: 0,
        reach: 0,
        clicks: 0,
        ctr: null,
        spendMicros: '0',
        cpc: null,
        cpm: null,
        conversions: 0,
        cvr: null,
        costPerConversion: null,
        conversionValueMicros: '0',
        roas: null,
        views2s: 0,
        views6s: 0,
        p25Rate: null,
        p50Rate: null,
        p75Rate: null,
        completionRate: null,
        avgPlayMs: null,
      },
    ]);
  });

  test('breakdowns by region and device merge reach per key', async () => {
    const region = await json(advA, `/api/campaigns/1001/report?${RANGE}&breakdown=region`);
    assert.equal(region.breakdown.by, 'region');
    assert.deepEqual(
      region.breakdown.rows.map((r: any) => [r.key, r.impressions, r.reach, r.clicks, r.conversions, r.spendMicros]),
      [
        ['NP', 5, 3, 3, 1, '4250000'],
        ['IN', 2, 2, 0, 0, '500000'],
      ],
    );
    assert.equal(region.breakdown.rows[1].cpc, null);
    const device = await json(advA, `/api/campaigns/1001/report?${RANGE}&breakdown=device`);
    assert.deepEqual(
      device.breakdown.rows.map((r: any) => [r.key, r.impressions, r.reach, r.clicks]),
      [
        ['ios', 3, 1, 1],
        ['android', 2, 2, 1],
        ['web', 2, 2, 1],
      ],
    );
  });

  test('a DST day in America/New_York has 25 hours', async () => {
    const r = await json(advB, '/api/campaigns/2001/report?from=2026-10-31&to=2026-11-03');
    assert.equal(r.from, '2026-10-31T04:00:00.000Z');
    assert.equal(r.to, '2026-11-03T05:00:00.000Z');
    assert.deepEqual(
      r.rows.map((x: any) => [x.date, x.impressions, x.reach]),
      [
        ['2026-10-31', 1, 1],
        ['2026-11-01', 2, 1],
        ['2026-11-02', 1, 1],
      ],
    );
    assert.equal(r.totals.reach, 3);
    assert.equal(r.totals.impressions, 4);
  });

  test('bad ranges answer 400 with the field', async () => {
    const off = await advA.call('GET', '/api/campaigns/1001/report?from=2026-11-01T04:07:00Z&to=2026-11-02');
    assert.equal(off.status, 400);
    assert.equal(((await off.json()) as any).error.details.field, 'from');
    const backwards = await advA.call('GET', '/api/campaigns/1001/report?from=2026-11-05&to=2026-11-01');
    assert.equal(backwards.status, 400);
    const garbage = await advA.call('GET', '/api/campaigns/1001/report?from=yesterday');
    assert.equal(garbage.status, 400);
    assert.equal(((await garbage.json()) as any).error.code, 'validation_failed');
    assert.equal((await advA.call('GET', '/api/campaigns/1001/report?breakdown=os')).status, 400);
  });

  test('advertiser B gets 404 for advertiser A\u2019s campaign, report and every export', async () => {
    for (const path of [
      '/api/campaigns/1001',
      `/api/campaigns/1001/report?${RANGE}`,
      `/api/campaigns/1001/report.csv?${RANGE}`,
      `/api/campaigns/1001/report.xlsx?${RANGE}`,
      `/api/campaigns/1001/events.csv?${RANGE}`,
      `/api/campaigns/1001/events.xlsx?${RANGE}`,
    ]) {
      const res = await advB.call('GET', path);
      assert.equal(res.status, 404, path);
      assert.equal(((await res.json()) as any).error.code, 'not_found');
    }
    // ... and an id that exists nowhere answers the same.
    assert.equal((await advB.call('GET', '/api/campaigns/999999')).status, 404);
  });
});
