import { currencyDigits, EMPTY_VALUE, formatCurrencyAmount, formatNumber, scaledDecimal } from '../../../lib/format';
import type { Interval } from '../api/dashboardsApi';

export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return EMPTY_VALUE;
  return `${formatNumber(ratio * 100, digits)}%`;
}

export function formatChange(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return EMPTY_VALUE;
  return `${pct > 0 ? '+' : ''}${formatNumber(pct, 1)}%`;
}

/**
 * Integer minor units as digits (exact past 2^53) shown in major units of the currency
 * ("$1,234.50"): formatted from the digit string, never through a double.
 */
export function formatMoney(minor: string | null | undefined, currency: string | null | undefined): string {
  return formatCurrencyAmount(minor, currency, 'minor');
}

/** What a chart plots: a Number of major units (a double: about 16 significant digits, enough to draw). */
export function majorUnits(minor: string, currency: string): number {
  return Number(scaledDecimal(minor, currencyDigits(currency)));
}

/** A plotted amount (a Number of major units) on a chart's axis or tooltip. */
export function formatMajorUnits(major: number, currency: string): string {
  return formatCurrencyAmount(major, currency, 0);
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
