/**
 * Display formatting. Numbers use en-US grouping ("1,234,567") on every machine so that
 * screenshots, browser tests and exports read the same whatever the OS locale.
 */

const integerFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const dateTimeFormat = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
});

export const EMPTY_VALUE = '—';

export function formatNumber(value: number | null | undefined, fractionDigits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY_VALUE;
  if (fractionDigits === 0) return integerFormat.format(value);
  return new Intl.NumberFormat('en-US', {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(value);
}

/**
 * An integer amount of 10^-scale units as a decimal Intl formats without a double: a digit string
 * (exact past 2^53) becomes "1234.56" for ("123456", 2); a number is divided.
 */
export function scaledDecimal(amount: number | string, scale: number): number | `${number}` {
  if (typeof amount === 'number') return amount / 10 ** scale;
  if (scale === 0) return amount as `${number}`;
  const digits = amount.padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}` as `${number}`;
}

/**
 * Money: an integer amount of 10^-scale units of a currency (micros: 6; `'minor'`: the currency's
 * own minor units, JPY 0, USD 2, KWD 3), shown with that currency's minor units. Money sums arrive
 * as digit strings (exact past 2^53) and stay exact: Intl formats a numeric string without a double.
 * An unknown currency code shows the amount and the code ("1,234.50 XYZ"; minor units as they are).
 */
export function formatCurrencyAmount(amount: number | string | null | undefined, currency: string | null | undefined, scale: number | 'minor'): string {
  if (amount === null || amount === undefined || !currency) return EMPTY_VALUE;
  if (typeof amount === 'number' ? !Number.isFinite(amount) : !/^\d+$/.test(amount)) return EMPTY_VALUE;
  let money: Intl.NumberFormat;
  try {
    money = new Intl.NumberFormat('en-US', { style: 'currency', currency });
  } catch {
    if (scale === 'minor') return `${integerFormat.format(scaledDecimal(amount, 0))} ${currency} (minor units)`;
    return `${new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(scaledDecimal(amount, scale))} ${currency}`;
  }
  return money.format(scaledDecimal(amount, scale === 'minor' ? (money.resolvedOptions().maximumFractionDigits ?? 2) : scale));
}

/** The digits of a currency's minor unit (USD 2, JPY 0, KWD 3); 2 for a code Intl does not know. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** Binary units, as ClickHouse's formatReadableSize reports them. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return EMPTY_VALUE;
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const sign = bytes < 0 ? '-' : '';
  const digits = unit === 0 ? integerFormat.format(value) : decimalFormat.format(value);
  return `${sign}${digits} ${BYTE_UNITS[unit]}`;
}

/** "850 ms", "12 ms", "1.2 s" */
export function formatMilliseconds(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return EMPTY_VALUE;
  if (ms < 1) return '< 1 ms';
  if (ms < 1000) return `${integerFormat.format(ms)} ms`;
  return `${decimalFormat.format(ms / 1000)} s`;
}

/** A length of time, two units at most: "45 s", "12 min", "3 h 5 min", "2 d 4 h". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return EMPTY_VALUE;
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total} s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

function toDate(value: string | Date): Date | undefined {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * "just now", "45 s ago", "3 h 5 min ago", "in 2 min".
 * Differences under 5 s either way read "just now", so small clock skew between the
 * server and the browser does not show as a time in the future.
 */
export function formatRelativeTime(value: string | Date | null | undefined, now: Date = new Date()): string {
  if (value === null || value === undefined) return EMPTY_VALUE;
  const date = toDate(value);
  if (!date) return EMPTY_VALUE;
  const diffSeconds = (now.getTime() - date.getTime()) / 1000;
  if (Math.abs(diffSeconds) < 5) return 'just now';
  return diffSeconds > 0 ? `${formatDuration(diffSeconds)} ago` : `in ${formatDuration(-diffSeconds)}`;
}

/** Absolute time in the browser's timezone, with the zone named: "Nov 22, 2025, 01:54:03 UTC". */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return EMPTY_VALUE;
  const date = toDate(value);
  return date ? dateTimeFormat.format(date) : EMPTY_VALUE;
}

/** Absolute time in the given IANA zone, with the zone named: "Nov 22, 2025, 07:24:03 GMT+5:30". */
export function formatDateTimeInZone(value: string | Date | null | undefined, timeZone: string): string {
  if (value === null || value === undefined) return EMPTY_VALUE;
  const date = toDate(value);
  if (!date) return EMPTY_VALUE;
  try {
    return new Intl.DateTimeFormat('en-US', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
      timeZone,
    }).format(date);
  } catch {
    return dateTimeFormat.format(date);
  }
}

/** The calendar day in the given IANA zone: "Nov 22, 2025". */
export function formatDateInZone(value: string | Date | null | undefined, timeZone: string): string {
  if (value === null || value === undefined) return EMPTY_VALUE;
  const date = toDate(value);
  if (!date) return EMPTY_VALUE;
  try {
    return new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}
