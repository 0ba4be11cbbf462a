// Platform dashboards (docs/metrics.md): every panel reads pre-aggregates through the SQL files named
// in the metric registry, never a raw event table (docs/scale.md): completed views, one video's
// watch-time bins and the data-quality counts are kept at ingest like the 15-minute rollups.
// Ratios are computed here from the sums at the output grain, never averaged.
import { defaultSettings } from '../../env.js';
import { createHash } from 'node:crypto';
import type { Stores } from '../../db/index.js';
import { ChStore } from '../../db/stores.js';
import { NotFoundError } from '../../http/errors.js';
import { changePct, engagementRate, ratio } from '../../metrics/registry.js';
import { ResultCache } from './result-cache.js';
import type { CountTile } from '../../../contract/dashboards.js';
import {
  type Interval,
  type Window,
  type Win,
  iso,
  num,
  qv,
  previousFrom,
  defaultInterval,
  withRates,
  watchDistribution,
  tenSecondBins,
  streamQuality,
  sumCounts,
  sumMinor,
  type DqStream,
} from './dashboards.shapes.js';

export { BUCKET_MS, defaultInterval, previousFrom, watchDistribution, type Interval, type Window } from './dashboards.shapes.js';
import {
  chVideoTotals,
  chEngagementSeries,
  chEngagementBreakdown,
  chVideoSeries,
  chVideoWatchHistogram,
  chLatencyRoutes,
  chLatencySeries,
  chLatencySeriesAll,
  chLatencyTotals,
  chDq,
  pgRevenueDaily,
  pgRevenueTotals,
  pgTopCreators,
  pgModerationKpis,
  pgModerationOpen,
  pgModerationByReviewer,
  pgOverviewOpenCases,
  pgAlertsFiring,
  pgVideosByIds,
  pgVideoReports,
  pgVideoDecisions,
  pgDqRejections,
  type Dq,
} from './dashboards.queries.js';
import { followSpans, spanParams, startOfLocalDay } from './tiers.js';
import { TrendingLists, trendingRows } from './trending.js';
import { allowedMediaUrl } from '../../http/media.js';

/** The result cache: entries kept and their lifetime (README#dashboards; constants, not settings). */
const CACHE_ENTRIES = 500;
const CACHE_TTL_MS = 10_000;

export interface DashboardsOptions {
  now?: () => Date;
  /** Platform media origins (MEDIA_ORIGINS): a video's URLs on another origin are not passed on. */
  mediaOrigins?: string[];
  /** Bound on every query (QUERY_TIMEOUT_MS): ClickHouse max_execution_time, PostgreSQL statement_timeout; its default is server/env.ts's. */
  queryTimeoutMs?: number;
  /** Videos per trending day list (TRENDING_DAY_LIST); its default is server/env.ts's. */
  trendingDayList?: number;
}

export class DashboardsService {
  readonly cache: ResultCache;
  private readonly now: () => Date;

  private readonly mediaOrigins: string[];
  private readonly queryTimeoutMs: number;
  private readonly trending: TrendingLists;

  constructor(
    private readonly stores: Stores,
    opts: DashboardsOptions = {},
  ) {
    this.mediaOrigins = opts.mediaOrigins ?? [];
    this.queryTimeoutMs = opts.queryTimeoutMs ?? defaultSettings().QUERY_TIMEOUT_MS;
    this.now = opts.now ?? (() => new Date());
    this.cache = new ResultCache(CACHE_ENTRIES, CACHE_TTL_MS, () => this.now().getTime());
    const listSize = opts.trendingDayList ?? defaultSettings().TRENDING_DAY_LIST;
    this.trending = new TrendingLists(stores, { listSize, queryTimeoutMs: this.queryTimeoutMs });
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

  /** Makes the trending day lists of [from, to) now (TrendingLists.prepare): after a bulk load. Answers how many. */
  prepareTrending(from: Date, to: Date): Promise<number> {
    return this.trending.prepare({ from, to });
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
    const { rows } = await this.cached('trending', { ranges, limit }, () => this.trending.rank(ranges, limit));
    const meta = rows.length ? await this.pg(pgVideosByIds, { ids: rows.map((r) => Number(r.videoId)) }) : [];
    return { rows: trendingRows(rows, meta, this.mediaOrigins) };
  }

  async revenue(w: Window) {
    const rows = await this.pg(pgRevenueDaily, { from: w.from, to: w.to, tz: w.tz });
    const series = rows.filter((r) => r.kind !== 'payout').map((r) => ({ day: r.day, kind: r.kind, amountMinor: r.amountMinor, currency: r.currency }));
    const payouts = rows.filter((r) => r.kind === 'payout').map((r) => ({ day: r.day, amountMinor: r.amountMinor, currency: r.currency }));
    const perCurrency = (xs: { currency: string; amountMinor: string }[]) =>
      sumMinor(
        xs.map(({ currency, amountMinor }) => ({ currency, amountMinor })),
        (x) => x.currency,
      );
    return {
      series,
      payouts,
      totals: sumMinor(
        series.map(({ kind, currency, amountMinor }) => ({ kind, currency, amountMinor })),
        (x) => `${x.kind}/${x.currency}`,
      ),
      revenueTotal: perCurrency(series),
      payoutTotal: perCurrency(payouts),
    };
  }

  async latency(w: Win) {
    const rows = await this.ch(chLatencyRoutes, spanParams(w.from, w.to));
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
    // Every route's series reads the per-quarter-hour totals (route_totals_15m), one route's route_stats_15m.
    const rows = route
      ? await this.ch(chLatencySeries, { from: w.from, to: w.to, tz: w.tz, interval, route, method })
      : await this.ch(chLatencySeriesAll, { from: w.from, to: w.to, tz: w.tz, interval });
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
    // The follows after `to` and the growth in [from, to) by whole days, hours and quarter-hours.
    const rows = await this.pg(pgTopCreators, { ...followSpans(w.from, w.to), limit });
    return {
      rows: rows.map((r) => ({ userId: Number(r.userId), username: r.username, followers: Number(r.followers), followerGrowth: Number(r.followerGrowth) })),
    };
  }

  async moderation(w: Win) {
    const now = this.now();
    // The figures at `now` are keyed by the minute alone: the cache serves them to every window
    // (and to auto-refreshes) within the minute.
    const nowMinute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const [k, o, reviewers] = await Promise.all([
      this.pg(pgModerationKpis, { from: w.from, to: w.to }),
      this.pg(pgModerationOpen, { now: nowMinute }),
      this.pg(pgModerationByReviewer, { from: w.from, to: w.to }),
    ]);
    const kpi = { ...k[0]!, ...o[0]! };
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
    // The open-cases tile reads its two counts only, not the whole moderation panel.
    const [tot, lat, rev, [mod], alerts, series, latSeries, revDaily] = await Promise.all([
      this.ch(chVideoTotals, { from: w.from, to: w.to, prev_from }),
      this.ch(chLatencyTotals, { from: w.from, to: w.to, prev_from }),
      this.pg(pgRevenueTotals, { from: w.from, to: w.to, prev_from }),
      this.pg(pgOverviewOpenCases, { from: w.from }),
      this.pg(pgAlertsFiring, {}),
      this.ch(chEngagementSeries, { from: w.from, to: w.to, tz: w.tz, interval }),
      this.ch(chLatencySeriesAll, { from: w.from, to: w.to, tz: w.tz, interval }),
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
    // Its sums stay digit strings (numeric text, added in BigInt); only the change is a ratio of doubles.
    const revenueByDay = sumMinor(
      revDaily.filter((r) => r.kind !== 'payout' && r.currency === currency).map(({ day, amountMinor }) => ({ day, amountMinor })),
      (r) => r.day,
    );
    const revenue = {
      metric: 'revenue' as const,
      value: main?.amountMinor ?? null,
      previous: main?.prevAmountMinor ?? null,
      changePct: main ? changePct(Number(main.amountMinor), Number(main.prevAmountMinor)) : null,
      sparkline: revenueByDay.map((d) => ({ at: d.day, value: d.amountMinor })),
      currency,
      otherCurrencies: rev.length - (main ? 1 : 0),
    };
    const change = (a: number | null, b: number | null) => (a === null || b === null ? null : changePct(a, b));
    const tile = (metric: CountTile['metric'], value: number | null, previous: number | null, spark: { at: string; value: number | null }[]) => ({
      metric,
      value,
      previous,
      changePct: change(value, previous),
      sparkline: spark,
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
        revenue,
        tile('openCases', mod!.openCases, mod!.openCasesAtFrom, []),
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
    const totals = sumCounts(series);
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
    const stream = (name: DqStream, d: Dq) => streamQuality(name, d, rejectedBy.get(name) ?? 0, nowMs);
    return {
      streams: [stream('video-events', ve[0]!), stream('ad-events', ae[0]!), stream('request-metrics', rm[0]!)],
      rejections: rej,
    };
  }
}
