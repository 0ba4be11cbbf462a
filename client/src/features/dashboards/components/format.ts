import { EMPTY_VALUE, formatNumber } from '../../../lib/format';
import type { Interval } from '../api/dashboardsApi';

export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return EMPTY_VALUE;
  return `${formatNumber(ratio * 100, digits)}%`;
}

export function formatChange(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return EMPTY_VALUE;
  return `${pct > 0 ? '+' : ''}${formatNumber(pct, 1)}%`;
}

/** Integer minor units shown in major units of the currency ("$1,234.50"); exact, never float-summed. */
export function formatMoney(minor: number | null | undefined, currency: string | null | undefined): string {
  if (minor === null || minor === undefined || !currency) return EMPTY_VALUE;
  try {
    const digits = new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 10 ** digits);
  } catch {
    return `${formatNumber(minor)} ${currency} (minor units)`;
  }
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return EMPTY_VALUE;
  if (ms >= 10_000) return `${formatNumber(ms / 1000, 1)} s`;
  return `${formatNumber(ms, ms < 10 ? 1 : 0)} ms`;
}

/** A bucket start in the viewer's zone: "Mar 8" for days, "Mar 8, 14:00" for hours. */
export function formatBucket(iso: string, interval: Interval, timeZone: string): string {
  const opts: Intl.DateTimeFormatOptions =
    interval === 'day'
      ? { month: 'short', day: 'numeric', timeZone }
      : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone };
  try {
    return new Intl.DateTimeFormat('en-US', opts).format(new Date(iso));
  } catch {
    return iso;
  }
}

export const METRIC_LABELS: Record<string, string> = {
  views: 'Views',
  engagementRate: 'Engagement rate',
  avgWatchMs: 'Average watch time',
  revenue: 'Revenue',
  openCases: 'Open moderation cases',
  latencyP95: 'API p95',
  alertsFiring: 'Alerts firing',
};
