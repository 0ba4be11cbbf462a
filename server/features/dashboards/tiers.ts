// Exact windows over tiered rollups (docs/scale.md). The per-video rollups exist at three grains,
// all aligned to UTC: 15 minutes, hours and days. Any range [from, to) on 15-minute boundaries is
// the disjoint union of whole quarter-hours up to the first UTC hour, whole hours up to the first
// UTC midnight, whole days, then whole hours and whole quarter-hours again up to `to`. A local day
// in +05:45 (18:15Z → 18:15Z) is 3 quarter-hours, 5 hours, 18 hours and 1 quarter-hour; a
// 23-hour DST day or a window starting at :15 local decomposes the same way. Reading each piece
// from its tier sums exactly what the 15-minute rows would, with at most 3 + 23 rows per edge.

export const QUARTER_MS = 15 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;
export const DAY_MS = 24 * HOUR_MS;

export interface Pieces {
  quarters: number[];
  hours: number[];
  days: number[];
}

/** The tier buckets (start instants, ms) that make up [from, to) exactly; from and to on 15-minute boundaries. */
export function decompose(from: number, to: number): Pieces {
  if (from % QUARTER_MS !== 0 || to % QUARTER_MS !== 0) throw new Error('a tiered range starts and ends on 15-minute boundaries');
  const p: Pieces = { quarters: [], hours: [], days: [] };
  let t = from;
  while (t < to && t % HOUR_MS !== 0) {
    p.quarters.push(t);
    t += QUARTER_MS;
  }
  while (t + HOUR_MS <= to && t % DAY_MS !== 0) {
    p.hours.push(t);
    t += HOUR_MS;
  }
  while (t % DAY_MS === 0 && t + DAY_MS <= to) {
    p.days.push(t);
    t += DAY_MS;
  }
  while (t + HOUR_MS <= to) {
    p.hours.push(t);
    t += HOUR_MS;
  }
  while (t < to) {
    p.quarters.push(t);
    t += QUARTER_MS;
  }
  return p;
}

/**
 * Several ranges read in one scan: per tier, the buckets any range needs and for each a bit mask
 * of the ranges it belongs to (bit i: ranges[i]). Query parameters for a UNION ALL over the tiers.
 */
export function tierMasks(ranges: { from: Date; to: Date }[]) {
  const tiers = { quarters: new Map<number, number>(), hours: new Map<number, number>(), days: new Map<number, number>() };
  ranges.forEach((r, i) => {
    const p = decompose(r.from.getTime(), r.to.getTime());
    for (const k of ['quarters', 'hours', 'days'] as const) for (const b of p[k]) tiers[k].set(b, (tiers[k].get(b) ?? 0) | (1 << i));
  });
  const out = (m: Map<number, number>) => {
    const keys = [...m.keys()].sort((a, b) => a - b);
    return { buckets: keys.map((k) => new Date(k)), masks: keys.map((k) => m.get(k)!) };
  };
  const q = out(tiers.quarters),
    h = out(tiers.hours),
    d = out(tiers.days);
  return { q_buckets: q.buckets, q_masks: q.masks, h_buckets: h.buckets, h_masks: h.masks, d_buckets: d.buckets, d_masks: d.masks };
}

/** The instant a local day starts in an IANA zone (the first instant whose local date is that day). */
export function startOfLocalDay(at: Date, tz: string, addDays = 0): Date {
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
  const day = (ms: number) => fmt.format(new Date(ms));
  const [y, m, d] = day(at.getTime()).split('-').map(Number) as [number, number, number];
  const want = new Date(Date.UTC(y, m - 1, d + addDays)).toISOString().slice(0, 10);
  // Every zone's offset is within ±14 h and a multiple of 15 minutes: search those instants.
  let lo = Date.UTC(y, m - 1, d + addDays) - 15 * HOUR_MS;
  while (day(lo) < want) lo += QUARTER_MS;
  return new Date(lo);
}

type Span = [number, number];

/**
 * decompose() as spans for stores that take ranges, not bucket lists: the whole days as one span,
 * the whole hours as two (before the first day and after the last), the quarter-hours as two (at
 * the two edges). An unused span is [0, 0). When there is no whole day the hours are still two
 * spans around the point where the days would be, so each kind is at most two spans.
 */
export function decomposeSpans(from: number, to: number): { days: Span; hours: [Span, Span]; quarters: [Span, Span] } {
  const p = decompose(from, to);
  const runs = (xs: number[], step: number): Span[] => {
    const out: Span[] = [];
    for (const x of xs) {
      const last = out[out.length - 1];
      if (last && last[1] === x) last[1] = x + step;
      else out.push([x, x + step]);
    }
    return out;
  };
  const two = (s: Span[]): [Span, Span] => {
    if (s.length > 2) throw new Error('more than two spans of one tier');
    return [s[0] ?? [0, 0], s[1] ?? [0, 0]];
  };
  const days = runs(p.days, DAY_MS);
  return { days: days[0] ?? [0, 0], hours: two(runs(p.hours, HOUR_MS)), quarters: two(runs(p.quarters, QUARTER_MS)) };
}

/**
 * decomposeSpans() as query parameters (a tiered read's whole days [d_from, d_to), whole hours
 * [h1_from, h1_to) and [h2_from, h2_to), quarter-hours [r1_from, r1_to) and [r2_from, r2_to)).
 */
export function spanParams(from: Date, to: Date) {
  const s = decomposeSpans(from.getTime(), to.getTime());
  const d = (ms: number) => new Date(ms);
  return {
    d_from: d(s.days[0]),
    d_to: d(s.days[1]),
    h1_from: d(s.hours[0][0]),
    h1_to: d(s.hours[0][1]),
    h2_from: d(s.hours[1][0]),
    h2_to: d(s.hours[1][1]),
    r1_from: d(s.quarters[0][0]),
    r1_to: d(s.quarters[0][1]),
    r2_from: d(s.quarters[1][0]),
    r2_to: d(s.quarters[1][1]),
  };
}

/**
 * top_creators.sql's spans: the follows after `to` (the quarter-hours up to its next UTC hour, the
 * hours up to its next UTC midnight, whole days after) and the growth in [from, to) decomposed.
 */
export function followSpans(from: Date, to: Date) {
  const t = to.getTime();
  return {
    to,
    later_hour: new Date(Math.ceil(t / HOUR_MS) * HOUR_MS),
    later_day: new Date(Math.ceil(t / DAY_MS) * DAY_MS),
    ...spanParams(from, to),
  };
}
