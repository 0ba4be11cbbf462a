// Calendar arithmetic in an IANA timezone for campaign reports and their schedules (README#campaigns):
// local midnights as UTC instants, the due time of a schedule (06:00 in the advertiser's
// timezone) and the period of local dates a run reports on. Pure functions, unit-tested with
// explicit instants (Asia/Kathmandu +05:45, DST days in America/New_York and Europe/Berlin).

import type { Frequency } from '../../../contract/campaigns.js';

export type { Frequency } from '../../../contract/campaigns.js';

/** The hour of the advertiser's morning at which scheduled reports go out. */
export const SEND_HOUR = 6;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Offset of `tz` from UTC at the instant `utcMs`, in ms (east positive). */
export function zoneOffsetMs(utcMs: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** The wall-clock time `date` `hour`:00 in `tz` as a UTC instant (two passes settle a DST change). */
export function zonedTimeToUtc(date: string, tz: string, hour = 0): Date {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a YYYY-MM-DD date: ${date}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), hour);
  let utc = wall - zoneOffsetMs(wall, tz);
  utc = wall - zoneOffsetMs(utc, tz);
  return new Date(utc);
}

/** The local calendar date of an instant in `tz`, as YYYY-MM-DD. */
export function localDate(instant: Date, tz: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(date: string, days: number): string {
  const m = DATE.exec(date)!;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days)).toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const m = DATE.exec(date)!;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1 + months, Number(m[3]))).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, of a calendar date. */
function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** Whether a schedule of this frequency runs on this local date: every day, Mondays, the 1st. */
export function runsOn(frequency: Frequency, date: string): boolean {
  if (frequency === 'daily') return true;
  if (frequency === 'weekly') return weekday(date) === 1;
  return date.endsWith('-01');
}

/** The first run strictly after `after`: 06:00 local in `tz` on a day the frequency runs. */
export function nextRunAt(frequency: Frequency, tz: string, after: Date): Date {
  let day = localDate(after, tz);
  for (let i = 0; i < 40; i++, day = addDays(day, 1)) {
    if (!runsOn(frequency, day)) continue;
    const at = zonedTimeToUtc(day, tz, SEND_HOUR);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error(`no ${frequency} run found after ${after.toISOString()}`);
}

/** The latest run at or before `at`: 06:00 local in `tz` on a day the frequency runs. */
export function lastRunAt(frequency: Frequency, tz: string, at: Date): Date {
  let day = localDate(at, tz);
  for (let i = 0; i < 40; i++, day = addDays(day, -1)) {
    if (!runsOn(frequency, day)) continue;
    const run = zonedTimeToUtc(day, tz, SEND_HOUR);
    if (run.getTime() <= at.getTime()) return run;
  }
  throw new Error(`no ${frequency} run found before ${at.toISOString()}`);
}

/**
 * The local dates [from, to) a run on local date `runDate` reports on: the day before (daily), the
 * seven days before (weekly, Monday to Sunday when run on a Monday) or the previous calendar
 * month (monthly, run on the 1st).
 */
export function reportPeriod(frequency: Frequency, runDate: string): { from: string; to: string } {
  if (frequency === 'daily') return { from: addDays(runDate, -1), to: runDate };
  if (frequency === 'weekly') return { from: addDays(runDate, -7), to: runDate };
  const firstOfMonth = `${runDate.slice(0, 8)}01`;
  return { from: addMonths(firstOfMonth, -1), to: firstOfMonth };
}

/** The last complete period as of `now` (what "send now" sends). */
export function lastCompletePeriod(frequency: Frequency, tz: string, now: Date): { from: string; to: string } {
  const today = localDate(now, tz);
  if (frequency === 'daily') return reportPeriod('daily', today);
  if (frequency === 'weekly') {
    const sinceMonday = (weekday(today) + 6) % 7;
    return reportPeriod('weekly', addDays(today, -sinceMonday));
  }
  return reportPeriod('monthly', today);
}
