// Platform dashboards (docs/metrics.md): every panel reads pre-aggregates through the SQL files named
// in the metric registry, never a raw event table (docs/scale.md): completed views, one video's
// watch-time bins and the data-quality counts are kept at ingest like the 15-minute rollups.
// Ratios are computed here from the sums at the output grain, never averaged.
import { createHash } from 'node:crypto';
import { chQuery, pgQuery, type Stores } from '../../db/index.js';
import { ChStore } from '../../db/stores.js';
import { NotFoundError } from '../../http/errors.js';
import { changePct, engagementRate, ratio } from '../../metrics/registry.js';
import { ResultCache } from './result-cache.js';
import { startOfLocalDay, tierMasks } from './tiers.js';
import { allowedMediaUrl } from '../../http/media.js';

export const BUCKET_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

import type { Interval } from '../../../contract/dashboards.js';

export type { Interval } from '../../../contract/dashboards.js';

/** A half-open window [from, to) aligned to the 15-minute rollup grain, and the viewer's zone. */
export interface Window {
  from: Date;
  to: Date;
  tz: string;
}

type Win = { from: Date; to: Date };
type WinTz = Win & { tz: string };
type Series = WinTz & { interval: Interval };
interface Counts {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  watchMs: number;
}
type WithCompleted = Counts & { completed: number };

const chVideoTotals = chQuery('dashboards/video_totals').returns<
  Counts & { prevViews: number; prevLikes: number; prevComments: number; prevShares: number; prevWatchMs: number }
>();
const chEngagementSeries = chQuery('dashboards/engagement_series').returns<WithCompleted & { bucket: string }>();
const chEngagementBreakdown = chQuery('dashboards/engagement_breakdown').returns<Counts & { segment: string }>();
const chTrendingVideos = chQuery('dashboards/trending_videos').returns<
  Counts & { videoId: number; creatorId: number; prevViews: number; d1: number; d4: number }
>();
const chVideoSeries = chQuery('dashboards/video_series').returns<Counts & { bucket: string }>();
const chVideoWatchHistogram = chQuery('dashboards/video_watch_histogram').returns<{ fromMs: number; views: number; completed: number }>();
type Q = { requests: number; errors: number; q: (number | null)[] };
const chLatencyRoutes = chQuery('dashboards/latency_routes').returns<Q & { route: string; method: string }>();
const chLatencySeries = chQuery('dashboards/latency_series').returns<Q & { bucket: string }>();
const chLatencyTotals = chQuery('dashboards/latency_totals').returns<{
  q: (number | null)[];
  prevQ: (number | null)[];
  requests: number;
  prevRequests: number;
}>();
type Dq = { rawRows: number; rollupRows: number; nulls: Record<string, number>; orphans: number | null; newestMs: number };
const chDq = {
  'video-events': chQuery('dashboards/dq_video_events').returns<Dq>(),
  'ad-events': chQuery('dashboards/dq_ad_events').returns<Dq>(),
  'request-metrics': chQuery('dashboards/dq_request_metrics').returns<Dq>(),
};

const pgRevenueDaily = pgQuery('dashboards/revenue_daily').returns<{ day: string; kind: string; currency: string; amountMinor: string }>();
const pgRevenueTotals = pgQuery('dashboards/revenue_totals').returns<{ currency: string; amountMinor: string; prevAmountMinor: string }>();
const pgTopCreators = pgQuery('dashboards/top_creators').returns<{ userId: string; username: string; followers: string; followerGrowth: string }>();
const pgModerationKpis = pgQuery('dashboards/moderation_kpis').returns<{
  openCases: number;
  openCasesAtFrom: number;
  oldestOpenSeconds: number | null;
  medianDecisionSeconds: number | null;
  decisions: number;
  openSlaBreaches: number;
  resolvedSlaBreaches: number;
}>();
const pgModerationByReviewer = pgQuery('dashboards/moderation_by_reviewer').returns<{
  reviewerId: string;
  email: string | null;
  decisions: number;
  removals: number;
  dismissals: number;
}>();
const pgAlertsFiring = pgQuery('dashboards/alerts_firing').returns<{ firing: number }>();
const pgVideosByIds = pgQuery('dashboards/videos_by_ids').returns<{
  id: string;
  title: string;
  thumbnailUrl: string;
  videoUrl: string;
  durationMs: number;
  creatorId: string;
  creatorUsername: string | null;
  visibility: string;
}>();
const pgVideoReports = pgQuery('dashboards/video_reports').returns<{ id: string; source: string; reason: string; createdAt: Date; caseId: string | null }>();
const pgVideoDecisions = pgQuery('dashboards/video_decisions').returns<{
  id: string;
  caseId: string;
  outcome: string;
  policyReason: string;
  decidedAt: Date;
  reversesDecisionId: string | null;
}>();
const pgDqRejections = pgQuery('dashboards/dq_rejections').returns<{ stream: string; reason: string; rows: number }>();

const iso = (d: Date) => d.toISOString();
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
const qv = (q: (number | null)[] | undefined, i: number): number | null => {
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

function withRates<T extends Counts>(r: T) {
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

type Bin = { fromMs: number; views: number; completed: number };

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
function tenSecondBins(bins: Bin[]) {
  const bars = new Map<number, number>();
  for (const b of bins) {
    const from = Math.floor(num(b.fromMs) / 10_000) * 10_000;
    bars.set(from, (bars.get(from) ?? 0) + num(b.views));
  }
  return [...bars].map(([fromMs, views]) => ({ fromMs, toMs: fromMs + 10_000, views }));
}

/** The result cache: entries kept and their lifetime (README#dashboards; constants, not settings). */
const CACHE_ENTRIES = 500;
const CACHE_TTL_MS = 10_000;

export interface DashboardsOptions {
  now?: () => Date;
  /** Platform media origins (MEDIA_ORIGINS): a video's URLs on another origin are not passed on. */
  mediaOrigins?: string[];
  /** Bound on every query (QUERY_TIMEOUT_MS): ClickHouse max_execution_time, PostgreSQL statement_timeout. */
  queryTimeoutMs: number;
}

export class DashboardsService {
  readonly cache: ResultCache;
  private readonly now: () => Date;

  private readonly mediaOrigins: string[];
  private readonly queryTimeoutMs: number;

  constructor(
    private readonly stores: Stores,
    opts: DashboardsOptions,
  ) {
    this.mediaOrigins = opts.mediaOrigins ?? [];
    this.queryTimeoutMs = opts.queryTimeoutMs;
    this.now = opts.now ?? (() => new Date());
    this.cache = new ResultCache(CACHE_ENTRIES, CACHE_TTL_MS, () => this.now().getTime());
  }

  private cached<T>(name: string, params: Record<string, unknown>, fn: () => Promise<T>): Promise<T> {
    // Hashed, so a key never holds large parameters (the cache keeps up to 500 of them).
    const json = JSON.stringify(params, (_k, v: unknown) => (v instanceof Date ? v.toISOString() : v));
    return this.cache.get(`${name}:${createHash('sha256').update(json).digest('base64url')}`, fn);
  }

  private ch<P extends Record<string, unknown>, R>(h: { name: string; __params?: P; __row?: R }, params: P): Promise<R[]> {
    return this.cached(`ch:${h.name}`, params, () => this.stores.ch.rows(h as never, params as never, ChStore.bounded(this.queryTimeoutMs)) as Promise<R[]>);
  }

  private pg<P extends Record<string, unknown>, R>(h: { name: string; __params?: P; __row?: R }, params: P): Promise<R[]> {
    return this.cached(`pg:${h.name}`, params, () => this.stores.pg.rowsWithin(h as never, params as never, this.queryTimeoutMs) as Promise<R[]>);
  }

  async engagement(w: Window, interval: Interval) {
    const rows = await this.ch(chEngagementSeries, { from: w.from, to: w.to, tz: w.tz, interval });
    return {
      series: rows.map(({ completed: _c, ...r }) => {
        const { avgWatchMs: _a, ...x } = withRates(r);
        return x;
      }),
    };
  }

  async engagementBreakdown(w: Window, by: 'region' | 'device') {
    const rows = await this.ch(chEngagementBreakdown, { from: w.from, to: w.to, by });
    return { by, rows: rows.map(withRates) };
  }

  async watchTime(w: Window, interval: Interval) {
    const series = await this.ch(chEngagementSeries, { from: w.from, to: w.to, tz: w.tz, interval });
    return {
      series: series.map((r) => ({
        bucket: r.bucket,
        views: num(r.views),
        avgWatchMs: ratio(num(r.watchMs), num(r.views)),
        completionRate: ratio(num(r.completed), num(r.views)),
      })),
    };
  }

  async trendingVideos(w: Window, limit: number) {
    // The window, the previous one, and the local days D-1 and D-4 (D holds `to`), read from the tiers.
    const d = (n: number) => startOfLocalDay(w.to, w.tz, n);
    const ranges = [
      { from: w.from, to: w.to },
      { from: previousFrom(w), to: w.from },
      { from: d(-1), to: d(0) },
      { from: d(-4), to: d(-3) },
    ];
    const rows = await this.ch(chTrendingVideos, { ...tierMasks(ranges), limit });
    const meta = rows.length ? await this.pg(pgVideosByIds, { ids: rows.map((r) => Number(r.videoId)) }) : [];
    const byId = new Map(meta.map((m) => [Number(m.id), m]));
    return {
      rows: rows.map((r) => {
        const v = byId.get(Number(r.videoId));
        return {
          videoId: Number(r.videoId),
          title: v?.title ?? null,
          thumbnailUrl: v?.thumbnailUrl || null,
          creatorId: Number(r.creatorId),
          creatorUsername: v?.creatorUsername ?? null,
          views: num(r.views),
          likes: num(r.likes),
          comments: num(r.comments),
          shares: num(r.shares),
          engagementRate: engagementRate({ likes: num(r.likes), comments: num(r.comments), shares: num(r.shares), views: num(r.views) }),
          avgWatchMs: ratio(num(r.watchMs), num(r.views)),
          growthVelocity: (num(r.d1) - num(r.d4)) / 3,
          changePct: changePct(num(r.views), num(r.prevViews)),
        };
      }),
    };
  }

  async revenue(w: Window) {
    const rows = await this.pg(pgRevenueDaily, { from: w.from, to: w.to, tz: w.tz });
    const series = rows.filter((r) => r.kind !== 'payout').map((r) => ({ day: r.day, kind: r.kind, amountMinor: Number(r.amountMinor), currency: r.currency }));
    const payouts = rows.filter((r) => r.kind === 'payout').map((r) => ({ day: r.day, amountMinor: Number(r.amountMinor), currency: r.currency }));
    const totals = new Map<string, { kind: string; currency: string; amountMinor: number }>();
    for (const s of series) {
      const k = `${s.kind}/${s.currency}`;
      const t = totals.get(k) ?? { kind: s.kind, currency: s.currency, amountMinor: 0 };
      t.amountMinor += s.amountMinor;
      totals.set(k, t);
    }
    const sumBy = (xs: { currency: string; amountMinor: number }[]) => {
      const m = new Map<string, number>();
      for (const x of xs) m.set(x.currency, (m.get(x.currency) ?? 0) + x.amountMinor);
      return [...m].map(([currency, amountMinor]) => ({ currency, amountMinor }));
    };
    return { series, payouts, totals: [...totals.values()], revenueTotal: sumBy(series), payoutTotal: sumBy(payouts) };
  }

  async latency(w: Win) {
    const rows = await this.ch(chLatencyRoutes, { from: w.from, to: w.to });
    return {
      rows: rows.map((r) => ({
        route: r.route,
        method: r.method,
        requests: num(r.requests),
        p50: qv(r.q, 0),
        p95: qv(r.q, 1),
        p99: qv(r.q, 2),
        errorRate: ratio(num(r.errors), num(r.requests)),
      })),
    };
  }

  async latencySeries(w: Window, interval: Interval, route: string, method: string) {
    const rows = await this.ch(chLatencySeries, { from: w.from, to: w.to, tz: w.tz, interval, route, method });
    return {
      route: route || null,
      method: route ? method : null,
      series: rows.map((r) => ({
        bucket: r.bucket,
        requests: num(r.requests),
        p50: qv(r.q, 0),
        p95: qv(r.q, 1),
        p99: qv(r.q, 2),
        errorRate: ratio(num(r.errors), num(r.requests)),
      })),
    };
  }

  async topCreators(w: Win, limit: number) {
    // Whole UTC days inside the window come from the daily follows; the edges from follows.
    const day_from = new Date(Math.min(w.to.getTime(), Math.ceil(w.from.getTime() / DAY_MS) * DAY_MS));
    const day_to = new Date(Math.max(day_from.getTime(), Math.floor(w.to.getTime() / DAY_MS) * DAY_MS));
    const rows = await this.pg(pgTopCreators, { from: w.from, to: w.to, day_from, day_to, limit });
    return {
      rows: rows.map((r) => ({ userId: Number(r.userId), username: r.username, followers: Number(r.followers), followerGrowth: Number(r.followerGrowth) })),
    };
  }

  async moderation(w: Win) {
    const now = this.now();
    // `now` is part of the key only to the minute, so the cache still serves auto-refreshes.
    const nowMinute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const [k, reviewers] = await Promise.all([
      this.pg(pgModerationKpis, { from: w.from, to: w.to, now: nowMinute }),
      this.pg(pgModerationByReviewer, { from: w.from, to: w.to }),
    ]);
    const kpi = k[0]!;
    return {
      openCases: kpi.openCases,
      openCasesAtFrom: kpi.openCasesAtFrom,
      oldestOpenSeconds: kpi.oldestOpenSeconds === null ? null : Math.round(kpi.oldestOpenSeconds),
      medianDecisionSeconds: kpi.medianDecisionSeconds === null ? null : Math.round(kpi.medianDecisionSeconds),
      decisions: kpi.decisions,
      slaBreaches: kpi.openSlaBreaches + kpi.resolvedSlaBreaches,
      openSlaBreaches: kpi.openSlaBreaches,
      resolvedSlaBreaches: kpi.resolvedSlaBreaches,
      moderators: reviewers.map((r) => ({
        reviewerId: Number(r.reviewerId),
        email: r.email,
        decisions: r.decisions,
        removals: r.removals,
        dismissals: r.dismissals,
      })),
    };
  }

  async overview(w: Window) {
    const prev_from = previousFrom(w);
    const interval = defaultInterval(w);
    const [tot, lat, rev, mod, alerts, series, latSeries, revDaily] = await Promise.all([
      this.ch(chVideoTotals, { from: w.from, to: w.to, prev_from }),
      this.ch(chLatencyTotals, { from: w.from, to: w.to, prev_from }),
      this.pg(pgRevenueTotals, { from: w.from, to: w.to, prev_from }),
      this.moderation(w),
      this.pg(pgAlertsFiring, {}),
      this.ch(chEngagementSeries, { from: w.from, to: w.to, tz: w.tz, interval }),
      this.ch(chLatencySeries, { from: w.from, to: w.to, tz: w.tz, interval, route: '', method: '' }),
      this.pg(pgRevenueDaily, { from: w.from, to: w.to, tz: w.tz }),
    ]);
    const t = tot[0]!;
    const l = lat[0]!;
    const cur = { views: num(t.views), likes: num(t.likes), comments: num(t.comments), shares: num(t.shares) };
    const prev = { views: num(t.prevViews), likes: num(t.prevLikes), comments: num(t.prevComments), shares: num(t.prevShares) };
    const er = engagementRate(cur);
    const prevEr = engagementRate(prev);
    const aw = ratio(num(t.watchMs), cur.views);
    const prevAw = ratio(num(t.prevWatchMs), prev.views);
    const p95 = num(l.requests) ? qv(l.q, 0) : null;
    const prevP95 = num(l.prevRequests) ? qv(l.prevQ, 0) : null;
    // Currencies are never converted: the tile shows USD when there is any, else the first.
    const main = rev.find((r) => r.currency === 'USD') ?? rev[0];
    const currency = main?.currency ?? null;
    const revCur = main ? Number(main.amountMinor) : 0;
    const revPrev = main ? Number(main.prevAmountMinor) : 0;
    const revenueByDay = new Map<string, number>();
    for (const r of revDaily)
      if (r.kind !== 'payout' && r.currency === currency) revenueByDay.set(r.day, (revenueByDay.get(r.day) ?? 0) + Number(r.amountMinor));
    const change = (a: number | null, b: number | null) => (a === null || b === null ? null : changePct(a, b));
    const tile = (
      metric: string,
      value: number | null,
      previous: number | null,
      spark: { at: string; value: number | null }[],
      extra: Record<string, unknown> = {},
    ) => ({
      metric,
      value,
      previous,
      changePct: change(value, previous),
      sparkline: spark,
      ...extra,
    });
    return {
      from: iso(w.from),
      to: iso(w.to),
      tz: w.tz,
      interval,
      tiles: [
        tile(
          'views',
          cur.views,
          prev.views,
          series.map((s) => ({ at: s.bucket, value: num(s.views) })),
        ),
        tile(
          'engagementRate',
          er,
          prevEr,
          series.map((s) => ({
            at: s.bucket,
            value: engagementRate({ likes: num(s.likes), comments: num(s.comments), shares: num(s.shares), views: num(s.views) }),
          })),
        ),
        tile(
          'avgWatchMs',
          aw,
          prevAw,
          series.map((s) => ({ at: s.bucket, value: ratio(num(s.watchMs), num(s.views)) })),
        ),
        tile(
          'revenue',
          currency ? revCur : null,
          currency ? revPrev : null,
          [...revenueByDay].map(([day, v]) => ({ at: day, value: v })),
          { currency, otherCurrencies: rev.length - (main ? 1 : 0) },
        ),
        tile('openCases', mod.openCases, mod.openCasesAtFrom, []),
        tile(
          'latencyP95',
          p95,
          prevP95,
          latSeries.map((s) => ({ at: s.bucket, value: qv(s.q, 1) })),
        ),
        tile('alertsFiring', alerts[0]?.firing ?? 0, null, []),
      ],
    };
  }

  async video(id: number, w: Window, interval: Interval) {
    const [meta] = await this.stores.pg.rows(pgVideosByIds, { ids: [id] });
    if (!meta) throw new NotFoundError(`No video ${id}.`);
    const [series, histogram, reports, decisions] = await Promise.all([
      this.ch(chVideoSeries, { from: w.from, to: w.to, tz: w.tz, interval, video_id: id }),
      this.ch(chVideoWatchHistogram, { from: w.from, to: w.to, video_id: id }),
      this.stores.pg.rows(pgVideoReports, { video_id: id }),
      this.stores.pg.rows(pgVideoDecisions, { video_id: id }),
    ]);
    const totals = series.reduce<Counts>(
      (a, s) => ({
        views: a.views + num(s.views),
        likes: a.likes + num(s.likes),
        comments: a.comments + num(s.comments),
        shares: a.shares + num(s.shares),
        watchMs: a.watchMs + num(s.watchMs),
      }),
      { views: 0, likes: 0, comments: 0, shares: 0, watchMs: 0 },
    );
    return {
      video: {
        videoId: Number(meta.id),
        title: meta.title,
        thumbnailUrl: allowedMediaUrl(meta.thumbnailUrl, this.mediaOrigins) || null,
        videoUrl: allowedMediaUrl(meta.videoUrl, this.mediaOrigins) || null,
        durationMs: meta.durationMs,
        creatorId: Number(meta.creatorId),
        creatorUsername: meta.creatorUsername,
        visibility: meta.visibility,
      },
      interval,
      totals: withRates(totals),
      series: series.map(withRates),
      watch: watchDistribution(histogram),
      watchHistogram: tenSecondBins(histogram),
      reports: reports.map((r) => ({
        id: Number(r.id),
        source: r.source,
        reason: r.reason,
        createdAt: iso(new Date(r.createdAt)),
        caseId: r.caseId === null ? null : Number(r.caseId),
      })),
      decisions: decisions.map((d) => ({
        id: Number(d.id),
        caseId: Number(d.caseId),
        outcome: d.outcome,
        policyReason: d.policyReason,
        decidedAt: iso(new Date(d.decidedAt)),
        reversesDecisionId: d.reversesDecisionId === null ? null : Number(d.reversesDecisionId),
      })),
    };
  }

  async dataQuality(w: Win) {
    const win = { from: w.from, to: w.to };
    const [rej, ve, ae, rm] = await Promise.all([
      this.pg(pgDqRejections, win),
      this.ch(chDq['video-events'], win),
      this.ch(chDq['ad-events'], win),
      this.ch(chDq['request-metrics'], win),
    ]);
    const nowMs = this.now().getTime();
    const rejectedBy = new Map<string, number>();
    for (const r of rej) rejectedBy.set(r.stream, (rejectedBy.get(r.stream) ?? 0) + r.rows);
    const stream = (name: 'video-events' | 'ad-events' | 'request-metrics', d: Dq) => {
      const orphanEvents = d.orphans === null || d.orphans === undefined ? null : num(d.orphans);
      const raw = num(d.rawRows);
      const rejected = rejectedBy.get(name) ?? 0;
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
    };
    return {
      streams: [stream('video-events', ve[0]!), stream('ad-events', ae[0]!), stream('request-metrics', rm[0]!)],
      rejections: rej,
    };
  }
}
