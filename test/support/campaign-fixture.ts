// A small campaign data set written straight to the stores (no ingest API): advertisers and
// campaigns by SQL, ad events through the ClickHouse client. Every expected number of the tests is
// computed by hand from these rows (see the comments in test/integration/campaigns.test.ts).
import type { RunningConsole } from '../../server/server.js';

export interface FixtureEvent {
  ts: string;
  type: 'impression' | 'click' | 'conversion' | 'view_2s' | 'view_6s' | 'p25' | 'p50' | 'p75' | 'p100';
  campaign: number;
  user: number;
  region: string;
  device: string;
  cost?: number;
  value?: number;
  playMs?: number;
}

export const ADV_A = { id: 101, name: 'Himal Foods', timezone: 'Asia/Kathmandu', currency: 'NPR' };
export const ADV_B = { id: 102, name: 'Hudson Shoes', timezone: 'America/New_York', currency: 'USD' };

/** Names that a CSV must round-trip: quotes, commas, newlines, emoji, and formula starts. */
export const CAMPAIGNS = [
  { id: 1001, advertiser: ADV_A.id, name: 'Spring "Sale", 2026\nsecond line 🎉', status: 'active', start: '2026-11-01', end: null },
  { id: 1002, advertiser: ADV_A.id, name: '=HYPERLINK("http://evil.test","click")', status: 'paused', start: '2026-10-01', end: '2026-12-31' },
  { id: 1003, advertiser: ADV_A.id, name: '+1 deal', status: 'ended', start: '2026-09-01', end: '2026-09-30' },
  { id: 1004, advertiser: ADV_A.id, name: '-minus', status: 'active', start: '2026-11-01', end: null },
  { id: 1005, advertiser: ADV_A.id, name: '@mention', status: 'active', start: '2026-11-01', end: null },
  { id: 1006, advertiser: ADV_A.id, name: '\tTabbed', status: 'active', start: '2026-11-01', end: null },
  { id: 2001, advertiser: ADV_B.id, name: 'Fall boots', status: 'active', start: '2026-10-15', end: '2026-11-30' },
] as const;

const I = 250_000; // cost of an impression, micros
const C = 1_000_000; // cost of a click, micros

export const EVENTS: FixtureEvent[] = [
  // Campaign 1001 (Asia/Kathmandu, +05:45: local midnight is 18:15 UTC the day before).
  { ts: '2026-11-09T18:14:59.999Z', type: 'impression', campaign: 1001, user: 1, region: 'NP', device: 'ios', cost: I }, // local 11-09 23:59:59.999
  { ts: '2026-11-09T18:15:00.000Z', type: 'impression', campaign: 1001, user: 1, region: 'NP', device: 'ios', cost: I }, // local 11-10 00:00
  { ts: '2026-11-09T18:16:00.000Z', type: 'view_2s', campaign: 1001, user: 1, region: 'NP', device: 'ios', playMs: 3000 },
  { ts: '2026-11-09T18:17:00.000Z', type: 'view_6s', campaign: 1001, user: 1, region: 'NP', device: 'ios', playMs: 7000 },
  { ts: '2026-11-09T20:00:00.000Z', type: 'impression', campaign: 1001, user: 2, region: 'NP', device: 'android', cost: I },
  { ts: '2026-11-09T20:01:00.000Z', type: 'click', campaign: 1001, user: 2, region: 'NP', device: 'android', cost: C },
  { ts: '2026-11-09T20:05:00.000Z', type: 'conversion', campaign: 1001, user: 2, region: 'NP', device: 'android', value: 5_000_000 },
  { ts: '2026-11-10T10:00:00.000Z', type: 'impression', campaign: 1001, user: 3, region: 'IN', device: 'android', cost: I },
  { ts: '2026-11-10T10:01:00.000Z', type: 'p25', campaign: 1001, user: 3, region: 'IN', device: 'android', playMs: 4000 },
  { ts: '2026-11-10T10:02:00.000Z', type: 'p100', campaign: 1001, user: 3, region: 'IN', device: 'android', playMs: 16000 },
  { ts: '2026-11-10T18:14:59.000Z', type: 'impression', campaign: 1001, user: 4, region: 'IN', device: 'web', cost: I }, // local 11-10 23:59:59
  { ts: '2026-11-10T18:15:00.000Z', type: 'impression', campaign: 1001, user: 1, region: 'NP', device: 'ios', cost: I }, // local 11-11 00:00
  { ts: '2026-11-11T01:00:00.000Z', type: 'impression', campaign: 1001, user: 5, region: 'NP', device: 'web', cost: I },
  { ts: '2026-11-11T01:01:00.000Z', type: 'click', campaign: 1001, user: 5, region: 'NP', device: 'web', cost: C },
  { ts: '2026-11-11T01:02:00.000Z', type: 'click', campaign: 1001, user: 1, region: 'NP', device: 'ios', cost: C },
  { ts: '2026-11-11T01:03:00.000Z', type: 'view_2s', campaign: 1001, user: 5, region: 'NP', device: 'web', playMs: 2500 },
  { ts: '2026-11-11T18:15:00.000Z', type: 'impression', campaign: 1001, user: 6, region: 'NP', device: 'ios', cost: I }, // local 11-12: outside the tests' range
  // Campaign 1002: text cells from ingest that start like formulas.
  { ts: '2026-11-10T06:00:00.000Z', type: 'impression', campaign: 1002, user: 7, region: '=1+2', device: '-cmd', cost: I },
  { ts: '2026-11-10T06:01:00.000Z', type: 'impression', campaign: 1002, user: 8, region: '@SUM(A1)', device: '+x', cost: I },
  // Campaign 2001 (America/New_York): 2026-11-01 is the 25-hour day DST ends (EDT -4 → EST -5).
  { ts: '2026-11-01T03:59:59.000Z', type: 'impression', campaign: 2001, user: 10, region: 'US', device: 'ios', cost: I }, // local 10-31 23:59:59 EDT
  { ts: '2026-11-01T04:00:00.000Z', type: 'impression', campaign: 2001, user: 11, region: 'US', device: 'ios', cost: I }, // local 11-01 00:00 EDT
  { ts: '2026-11-02T04:30:00.000Z', type: 'impression', campaign: 2001, user: 11, region: 'US', device: 'web', cost: I }, // local 11-01 23:30 EST
  { ts: '2026-11-02T05:00:00.000Z', type: 'impression', campaign: 2001, user: 12, region: 'US', device: 'web', cost: I }, // local 11-02 00:00 EST
];

function uuidFor(i: number): string {
  return `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;
}

export async function loadCampaignFixture(c: RunningConsole): Promise<void> {
  const pool = c.stores.pg.handle.pool;
  for (const a of [ADV_A, ADV_B]) {
    await pool.query('INSERT INTO advertisers (id, name, timezone, currency) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [
      a.id,
      a.name,
      a.timezone,
      a.currency,
    ]);
  }
  for (const k of CAMPAIGNS) {
    await pool.query(
      `INSERT INTO campaigns (id, advertiser_id, name, objective, status, budget_micros, bid_micros, start_date, end_date)
       VALUES ($1, $2, $3, 'traffic', $4, 500000000, 1000000, $5, $6) ON CONFLICT DO NOTHING`,
      [k.id, k.advertiser, k.name, k.status, k.start, k.end],
    );
  }
  const advertiserOf = new Map<number, number>(CAMPAIGNS.map((k) => [k.id, k.advertiser]));
  await c.stores.ch.insert(
    'ad_events',
    EVENTS.map((e, i) => ({
      event_id: uuidFor(i),
      ts: e.ts.replace('T', ' ').replace('Z', ''),
      type: e.type,
      advertiser_id: advertiserOf.get(e.campaign),
      campaign_id: e.campaign,
      user_id: e.user,
      cost_micros: e.cost ?? 0,
      conversion_value_micros: e.value ?? 0,
      play_ms: e.playMs ?? 0,
      region: e.region,
      device: e.device,
    })),
  );
}
