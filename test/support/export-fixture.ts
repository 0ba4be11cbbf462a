// A larger campaign for the export tests (docs/exports.md): 30,000 ad events of campaign 3001
// (advertiser 101, Asia/Kathmandu), made by a formula from the row number so that the expected
// CSV can be derived independently: many rows share a millisecond (the event_id breaks the tie),
// region and device cycle through formula starts, quotes, commas and non-ASCII text.
import type { RunningConsole } from '../../server/server.js';
import { ADV_A } from './campaign-fixture.js';

export const LARGE = { id: 3001, advertiser: ADV_A.id, name: 'Bulk export', rows: 30_000 };
export const LARGE_RANGE = 'from=2026-11-01&to=2026-11-08';
const TYPES = ['impression', 'click', 'conversion', 'view_2s', 'view_6s', 'p25', 'p50', 'p75', 'p100'] as const;
const REGIONS = ['NP', '=1+2', 'IN', '-x', 'a,b', '"q"', 'नेपाल', '@y', '+z', '\tt'];
const DEVICES = ['ios', 'android', 'web', '\rcr'];

export type LargeEvent = {
  event_id: string;
  ts: string;
  type: (typeof TYPES)[number];
  advertiser_id: number;
  campaign_id: number;
  user_id: number;
  cost_micros: number;
  conversion_value_micros: number;
  play_ms: number;
  region: string;
  device: string;
};

/** Row i of the large campaign: every 3 rows share one millisecond (ties on ts), 50 s apart. */
export function largeEvent(i: number): LargeEvent {
  const g = Math.floor(i / 3);
  const ms = Date.parse('2026-11-01T00:00:00Z') + g * 50_000 + (g % 7);
  // event ids not in ts order within a millisecond: the export orders ties by event_id.
  const hex = ((i * 2654435761) % 2 ** 32).toString(16).padStart(8, '0');
  return {
    event_id: `${hex}-0000-4000-8000-${String(i).padStart(12, '0')}`,
    ts: new Date(ms).toISOString().replace('T', ' ').replace('Z', ''),
    type: TYPES[i % TYPES.length]!,
    advertiser_id: LARGE.advertiser,
    campaign_id: LARGE.id,
    user_id: 1 + (i % 977),
    cost_micros: (i % 5) * 125_000,
    conversion_value_micros: i % 9 === 2 ? 3_000_000 : 0,
    play_ms: (i % 11) * 1000,
    region: REGIONS[i % REGIONS.length]!,
    device: DEVICES[i % DEVICES.length]!,
  };
}

export async function loadLargeExportFixture(c: RunningConsole): Promise<void> {
  await c.stores.pg.handle.pool.query(
    `INSERT INTO campaigns (id, advertiser_id, name, objective, status, budget_micros, bid_micros, start_date, end_date)
     VALUES ($1, $2, $3, 'traffic', 'active', 500000000, 1000000, '2026-11-01', NULL) ON CONFLICT DO NOTHING`,
    [LARGE.id, LARGE.advertiser, LARGE.name],
  );
  for (let start = 0; start < LARGE.rows; start += 10_000) {
    await c.stores.ch.insert(
      'ad_events',
      Array.from({ length: Math.min(10_000, LARGE.rows - start) }, (_, k) => largeEvent(start + k)),
    );
  }
}

/** The export's comment line carries its own generation time: blanked for comparisons. */
export function withoutGeneratedAt(csv: Buffer): Buffer {
  return Buffer.from(csv.toString('latin1').replace(/generated_at=[0-9TZ:.-]+/, 'generated_at=*'), 'latin1');
}
