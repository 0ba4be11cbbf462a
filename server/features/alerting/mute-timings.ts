// Mute timings (issue 15): recurring windows with Alertmanager's `time_intervals` semantics. A
// named timing holds a list of intervals and is active when any of them is; an interval is active
// when every field it sets matches (an unset field matches always), read in its `location`
// (IANA zone, default UTC):
//   times          [{ start_time: "HH:MM", end_time: "HH:MM" }]  start inclusive, end exclusive, end may be 24:00
//   weekdays       ["monday:friday", "sunday"]
//   days_of_month  ["1:5", "-1"]  (negative: from the end of the month, -1 is the last day)
//   months         ["january:march", "12"]
//   years          ["2026:2027"]
// Timings are named in alerts/routing.yaml (`time_intervals`) or made in the console; a route
// lists the names that mute it (`mute_time_intervals`, not inherited by child routes).
import { z } from 'zod';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const zClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM (00:00-24:00)');
const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));

function zRangeList(parse: (s: string) => number | undefined, what: string) {
  return z
    .array(
      z.string().refine((s) => {
        const [a, b, extra] = s.toLowerCase().split(':');
        if (extra !== undefined || a === undefined) return false;
        const lo = parse(a);
        const hi = b === undefined ? lo : parse(b);
        return lo !== undefined && hi !== undefined && lo <= hi;
      }, `each must be ${what} or a range of them (a:b)`),
    )
    .min(1);
}

const weekday = (s: string) => (WEEKDAYS.includes(s) ? WEEKDAYS.indexOf(s) : undefined);
const month = (s: string) => (MONTHS.includes(s) ? MONTHS.indexOf(s) + 1 : /^(1[0-2]|[1-9])$/.test(s) ? Number(s) : undefined);
const dayOfMonth = (s: string) => (/^-?\d{1,2}$/.test(s) && Number(s) !== 0 && Math.abs(Number(s)) <= 31 ? Number(s) : undefined);
const year = (s: string) => (/^\d{4}$/.test(s) ? Number(s) : undefined);

function validZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const zTimeInterval = z
  .object({
    times: z
      .array(
        z
          .object({ start_time: zClock, end_time: zClock })
          .strict()
          .refine((t) => minutes(t.start_time) < minutes(t.end_time), 'start_time must be before end_time'),
      )
      .min(1)
      .optional(),
    weekdays: zRangeList(weekday, 'a weekday name (monday)').optional(),
    days_of_month: zRangeList(dayOfMonth, 'a day of the month (1 to 31, or -1 to -31 from the end)').optional(),
    months: zRangeList(month, 'a month name or number (january, 1)').optional(),
    years: zRangeList(year, 'a year (2026)').optional(),
    location: z.string().refine(validZone, 'must be an IANA time zone, e.g. Europe/Berlin').optional(),
  })
  .strict();

export type TimeInterval = z.infer<typeof zTimeInterval>;

export const zMuteTimingName = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, 'must be 1-80 of a-z, 0-9, _ and - (starting with a letter or digit)');

export const zMuteTiming = z.object({ name: zMuteTimingName, time_intervals: z.array(zTimeInterval).min(1) }).strict();
export type MuteTiming = z.infer<typeof zMuteTiming>;

function inRanges(value: number, ranges: string[] | undefined, parse: (s: string) => number | undefined, normalise: (n: number) => number = (n) => n): boolean {
  if (!ranges) return true;
  return ranges.some((r) => {
    const [a, b] = r.toLowerCase().split(':');
    const lo = normalise(parse(a!)!);
    const hi = normalise(parse(b ?? a!)!);
    return value >= lo && value <= hi;
  });
}

/** The wall-clock parts of `at` in `tz`. */
function localParts(at: Date, tz: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'long',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    minute: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAYS.indexOf(String(parts.weekday).toLowerCase()),
  };
}

/** Whether one interval holds at `at`. */
export function intervalActive(interval: TimeInterval, at: Date): boolean {
  const p = localParts(at, interval.location ?? 'UTC');
  if (interval.times && !interval.times.some((t) => p.minute >= minutes(t.start_time) && p.minute < minutes(t.end_time))) return false;
  if (!inRanges(p.weekday, interval.weekdays, weekday)) return false;
  const daysInMonth = new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
  // -1 is the last day of this month; a day past the month's end (31 in April) clamps to it.
  if (!inRanges(p.day, interval.days_of_month, dayOfMonth, (d) => Math.min(d < 0 ? daysInMonth + 1 + d : d, daysInMonth))) return false;
  if (!inRanges(p.month, interval.months, month)) return false;
  if (!inRanges(p.year, interval.years, year)) return false;
  return true;
}

/** The first of `names` whose timing is active at `at` (undefined: not muted). */
export function activeMuteTiming(names: string[], timings: Map<string, TimeInterval[]>, at: Date): string | undefined {
  return names.find((n) => timings.get(n)?.some((i) => intervalActive(i, at)));
}
