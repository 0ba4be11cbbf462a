/**
 * IANA timezones offered in the user menu, and conversion of a wall-clock time typed into a
 * datetime-local field to a UTC instant in a chosen zone (the browser's Date only knows its own).
 */

export const COMMON_TIMEZONES = [
  'UTC',
  'America/Los_Angeles',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'Australia/Sydney',
] as const;

export function browserTimezone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** The common zones plus the browser's own and the current one, each once, in list order. */
export function timezoneOptions(current?: string): string[] {
  const zones: string[] = [...COMMON_TIMEZONES];
  for (const extra of [browserTimezone(), current]) {
    if (extra && !zones.includes(extra)) zones.push(extra);
  }
  return zones;
}

/** Offset of `timeZone` from UTC at the instant `utcMs`, in milliseconds (east positive). */
function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * "2025-11-22T09:30" (a datetime-local value) read as a wall-clock time in `timeZone` → ISO UTC.
 * Undefined for an empty or malformed value. Two passes settle the offset across a DST change.
 */
export function zonedLocalToUtcIso(local: string, timeZone: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? 0));
  let utc = wall - zoneOffsetMs(wall, timeZone);
  utc = wall - zoneOffsetMs(utc, timeZone);
  return new Date(utc).toISOString();
}
