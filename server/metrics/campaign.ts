// Campaign report metrics (docs/metrics.md): one definition used by the report API, the CSV and XLSX
// exports and the scheduled emails. Inputs are sums at the output grain (a day, a region, the
// whole range) plus reach merged from uniq states at that grain; every ratio is computed here from
// those sums, never averaged, and is null when its denominator is 0.

// Money sums are BigInts: the rollup sums micros in UInt128 (docs/hardening.md), past what a
// double holds exactly; the API answers them as decimal strings.
import type { CampaignMetrics } from '../../contract/campaigns.js';

/** Sums of one output row, as the rollup queries answer them (counts, and micros as BigInts). */
export interface CampaignTotals {
  impressions: number;
  /** Unique impression users, merged from uniq states at this row's grain (never a sum of rows). */
  reach: number;
  clicks: number;
  conversions: number;
  views2s: number;
  views6s: number;
  p25: number;
  p50: number;
  p75: number;
  p100: number;
  spendMicros: bigint;
  conversionValueMicros: bigint;
  playMs: number;
}

export type { CampaignMetrics } from '../../contract/campaigns.js';

export const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);
/** micros × scale / den rounded half up to a whole micro, in BigInt so a large sum keeps every digit. */
const money = (micros: bigint, den: number, scale = 1): number | null => {
  if (den === 0) return null;
  const d = BigInt(den);
  return Number((micros * BigInt(scale) * 2n + d) / (2n * d));
};

export function campaignMetrics(t: CampaignTotals): CampaignMetrics {
  return {
    impressions: t.impressions,
    reach: t.reach,
    clicks: t.clicks,
    ctr: ratio(t.clicks, t.impressions),
    spendMicros: t.spendMicros.toString(),
    cpc: money(t.spendMicros, t.clicks),
    cpm: money(t.spendMicros, t.impressions, 1000),
    conversions: t.conversions,
    cvr: ratio(t.conversions, t.clicks),
    costPerConversion: money(t.spendMicros, t.conversions),
    conversionValueMicros: t.conversionValueMicros.toString(),
    roas: ratio(Number(t.conversionValueMicros), Number(t.spendMicros)),
    views2s: t.views2s,
    views6s: t.views6s,
    p25Rate: ratio(t.p25, t.impressions),
    p50Rate: ratio(t.p50, t.impressions),
    p75Rate: ratio(t.p75, t.impressions),
    completionRate: ratio(t.p100, t.impressions),
    avgPlayMs: ratio(t.playMs, t.views2s),
  };
}

/** Column order and labels shared by the report table, CSV and XLSX. `money` columns are micros. */
export const CAMPAIGN_METRIC_COLUMNS: { key: keyof CampaignMetrics; label: string; kind: 'count' | 'ratio' | 'money' | 'ms' }[] = [
  { key: 'impressions', label: 'impressions', kind: 'count' },
  { key: 'reach', label: 'reach', kind: 'count' },
  { key: 'clicks', label: 'clicks', kind: 'count' },
  { key: 'ctr', label: 'ctr', kind: 'ratio' },
  { key: 'spendMicros', label: 'spend_micros', kind: 'money' },
  { key: 'cpc', label: 'cpc_micros', kind: 'money' },
  { key: 'cpm', label: 'cpm_micros', kind: 'money' },
  { key: 'conversions', label: 'conversions', kind: 'count' },
  { key: 'cvr', label: 'cvr', kind: 'ratio' },
  { key: 'costPerConversion', label: 'cost_per_conversion_micros', kind: 'money' },
  { key: 'conversionValueMicros', label: 'conversion_value_micros', kind: 'money' },
  { key: 'roas', label: 'roas', kind: 'ratio' },
  { key: 'views2s', label: 'views_2s', kind: 'count' },
  { key: 'views6s', label: 'views_6s', kind: 'count' },
  { key: 'p25Rate', label: 'p25_rate', kind: 'ratio' },
  { key: 'p50Rate', label: 'p50_rate', kind: 'ratio' },
  { key: 'p75Rate', label: 'p75_rate', kind: 'ratio' },
  { key: 'completionRate', label: 'completion_rate', kind: 'ratio' },
  { key: 'avgPlayMs', label: 'avg_play_ms', kind: 'ms' },
];
