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
