import { EMPTY_VALUE, formatCurrencyAmount, formatNumber } from '../../../lib/format';

/**
 * Micros of a currency shown with that currency's minor units (JPY 0, USD 2, KWD 3). Money sums
 * arrive as digit strings (exact past 2^53); Intl formats a numeric string without a double.
 */
export function formatMoney(micros: number | string | null | undefined, currency: string): string {
  return formatCurrencyAmount(micros, currency, 6);
}

export function formatPercent(ratio: number | null | undefined, digits = 2): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return EMPTY_VALUE;
  return `${formatNumber(ratio * 100, digits)}%`;
}

export function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY_VALUE;
  return `${formatNumber(value, 2)}×`;
}

/** "Nov 9, 2026" for a YYYY-MM-DD calendar date (no timezone shift: it is already local). */
export function formatDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** The current calendar date in an IANA zone. */
export function todayIn(timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
