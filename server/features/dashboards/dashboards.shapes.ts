// Shapes and pure helpers of the dashboards service: windows, intervals, rates from sums, one
// video's watch distribution from its 1-second bins (docs/metrics.md).
import { engagementRate, ratio } from '../../metrics/registry.js';
import type { Interval } from '../../../contract/dashboards.js';
import type { Dq } from './dashboards.queries.js';

export const BUCKET_MS = 15 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

export type { Interval } from '../../../contract/dashboards.js';

/** A half-open window [from, to) aligned to the 15-minute rollup grain, and the viewer's zone. */
export interface Window {
  from: Date;
  to: Date;
  tz: string;
}

export type Win = { from: Date; to: Date };
export type WinTz = Win & { tz: string };
export type Series = WinTz & { interval: Interval };
export interface Counts {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  watchMs: number;
}
export type WithCompleted = Counts & { completed: number };

export const iso = (d: Date) => d.toISOString();
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const qv = (q: (number | null)[] | undefined, i: number): number | null => {
  const v = q?.[i];
  return v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v * 1000) / 1000;
};

export function previousFrom(w: Win): Date {
  return new Date(w.from.getTime() - (w.to.getTime() - w.from.getTime()));
}

/** Hour buckets up to 3 days, day buckets beyond: what a sparkline or a chart defaults to. */
export function defaultInterval(w: Win): Interval {
  return w.to.getTime() - w.from.getTime() <= 3 * DAY_MS ? 'hour' : 'day';
}

export function withRates<T extends Counts>(r: T) {
  const { watchMs, ...rest } = r;
  return {
    ...rest,
    views: num(r.views),
    likes: num(r.likes),
    comments: num(r.comments),
    shares: num(r.shares),
    engagementRate: engagementRate({ likes: num(r.likes), comments: num(r.comments), shares: num(r.shares), views: num(r.views) }),
    avgWatchMs: ratio(num(watchMs), num(r.views)),
  };
}

export type Bin = { fromMs: number; views: number; completed: number };

/**
 * One video's watch time from its 1-second bins: completion rate and p50/p90/p99, each the point
 * where the cumulative count reaches q × views, views spread evenly inside their second (so a
 * percentile is exact to the second).
 */
export function watchDistribution(bins: Bin[]) {
  const views = bins.reduce((a, b) => a + num(b.views), 0);
  const completed = bins.reduce((a, b) => a + num(b.completed), 0);
  const percentile = (q: number): number | null => {
    if (views === 0) return null;
    const target = q * views;
    let cum = 0;
    for (const b of bins) {
      const n = num(b.views);
      if (cum + n >= target) return Math.round(num(b.fromMs) + (1000 * (target - cum)) / n);
      cum += n;
    }
    return null;
  };
  return { views, completionRate: ratio(completed, views), p50Ms: percentile(0.5), p90Ms: percentile(0.9), p99Ms: percentile(0.99) };
}

/** The 1-second bins drawn as 10-second bars (only bars with views). */
export function tenSecondBins(bins: Bin[]) {
  const bars = new Map<number, number>();
  for (const b of bins) {
    const from = Math.floor(num(b.fromMs) / 10_000) * 10_000;
    bars.set(from, (bars.get(from) ?? 0) + num(b.views));
  }
  return [...bars].map(([fromMs, views]) => ({ fromMs, toMs: fromMs + 10_000, views }));
}

export type DqStream = 'video-events' | 'ad-events' | 'request-metrics';

/** A stream's data-quality figures (docs/metrics.md): validity, completeness, consistency and their score. */
export function streamQuality(name: DqStream, d: Dq, rejected: number, nowMs: number) {
  const orphanEvents = d.orphans === null || d.orphans === undefined ? null : num(d.orphans);
  const raw = num(d.rawRows);
  const validity = ratio(raw, raw + rejected);
  const nullRates = Object.fromEntries(Object.entries(d.nulls ?? {}).map(([col, n]) => [col, ratio(num(n), raw)]));
  const rates = Object.values(nullRates).filter((v): v is number => v !== null);
  const completeness = raw === 0 ? null : 1 - rates.reduce((a, b) => a + b, 0) / Math.max(rates.length, 1);
  const rollupAgreement = raw === 0 ? null : Math.max(0, 1 - Math.abs(num(d.rollupRows) - raw) / raw);
  const orphanShare = orphanEvents === null || raw === 0 ? null : Math.min(1, orphanEvents / raw);
  const consParts = [rollupAgreement, orphanShare === null ? null : 1 - orphanShare].filter((v): v is number => v !== null);
  const consistency = consParts.length ? consParts.reduce((a, b) => a + b, 0) / consParts.length : null;
  const score = Math.round((100 * ((validity ?? 1) + (completeness ?? 1) + (consistency ?? 1))) / 3);
  const newest = num(d.newestMs);
  return {
    stream: name,
    score,
    validity,
    completeness,
    consistency,
    rawRows: raw,
    rejectedRows: rejected,
    rollupRows: num(d.rollupRows),
    orphanEvents,
    nullRates,
    freshnessSeconds: newest > 0 ? Math.max(0, Math.round((nowMs - newest) / 1000)) : null,
  };
}

/** The sums of a series' counts. */
export function sumCounts(series: Counts[]): Counts {
  return series.reduce<Counts>(
    (a, s) => ({
      views: a.views + num(s.views),
      likes: a.likes + num(s.likes),
      comments: a.comments + num(s.comments),
      shares: a.shares + num(s.shares),
      watchMs: a.watchMs + num(s.watchMs),
    }),
    { views: 0, likes: 0, comments: 0, shares: 0, watchMs: 0 },
  );
}

/**
 * Money sums per key: amounts are integer minor units as digit strings (PostgreSQL's numeric sums
 * answered as text), added in BigInt so every digit is kept past 2^53. A key's first row gives
 * its other fields; keys keep the order they first appear in.
 */
export function sumMinor<T extends { amountMinor: string }>(rows: T[], key: (r: T) => string): T[] {
  const sums = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const s = sums.get(k);
    sums.set(k, s ? { ...s, amountMinor: (BigInt(s.amountMinor) + BigInt(r.amountMinor)).toString() } : r);
  }
  return [...sums.values()];
}
