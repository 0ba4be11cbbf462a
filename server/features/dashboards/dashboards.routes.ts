// Platform dashboard routes (docs/architecture.md#api): thin — parse the window, call the service, shape the
// answer. Roles per docs/architecture.md#roles: admin, oncall and analyst see the platform dashboards; moderators
// only the moderation panel; advertisers none.
import type { z } from 'zod';
import { route, signedIn, type Access } from '../../http/route.js';
import type { Account } from '../../../contract/auth.js';
import {
  zBreakdownQuery,
  zExportParams,
  zExportQuery,
  zLatencySeriesQuery,
  zLimitQuery,
  zSeriesQuery,
  zVideoParams,
  zWindowQuery,
} from '../../../contract/dashboards.requests.js';
import {
  zBreakdownAnswer,
  zDataQuality,
  zDefinitions,
  zEngagementAnswer,
  zLatencyAnswer,
  zLatencySeriesAnswer,
  zModerationPanel,
  zOverview,
  zRevenue,
  zTopCreatorsAnswer,
  zTrendingAnswer,
  zVideoDetail,
  zWatchTimeAnswer,
} from '../../../contract/dashboards.js';
import { BadRequestError, ForbiddenError, NotFoundError } from '../../http/errors.js';
import { METRICS, PANEL_IDS } from '../../metrics/registry.js';
import { MODERATION_ROLES, PLATFORM_ROLES, TABLES, TABLE_BY_ID, toCsv } from '../../metrics/tables.js';
import { BUCKET_MS, defaultInterval, type DashboardsService, type Interval, type Window } from './dashboards.service.js';
import type { TableExports } from './table-exports.js';

const platform: Access = { kind: 'session', roles: PLATFORM_ROLES };
const moderationPanels: Access = { kind: 'session', roles: MODERATION_ROLES };

const MAX_WINDOW_MS = 400 * 24 * 3600 * 1000;
/**
 * The window of a request: [from, to) with `to` defaulting to now and `from` to 24 hours
 * before, widened to whole 15-minute buckets (from floored, to ceiled) so that rollups answer
 * exactly the window reported back.
 */
export function resolveWindow(q: z.infer<typeof zWindowQuery>, account: Account, now: Date): Window {
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 24 * 3600 * 1000);
  const f = Math.floor(from.getTime() / BUCKET_MS) * BUCKET_MS;
  const t = Math.ceil(to.getTime() / BUCKET_MS) * BUCKET_MS;
  if (!(f < t)) throw new BadRequestError('from must be before to.', { field: 'from' });
  if (t - f > MAX_WINDOW_MS) throw new BadRequestError('The window is at most 400 days.', { field: 'from' });
  return { from: new Date(f), to: new Date(t), tz: q.tz ?? account.timezone ?? 'UTC' };
}

const windowOut = (w: Window) => ({ from: w.from.toISOString(), to: w.to.toISOString(), tz: w.tz });

export function dashboardsRoutes(svc: DashboardsService, now: () => Date = () => new Date(), engineTables?: TableExports) {
  const win = (ctx: { query: z.infer<typeof zWindowQuery>; account?: Account }) => resolveWindow(ctx.query, signedIn(ctx), now());
  const interval = (w: Window, i: Interval | undefined): Interval => i ?? defaultInterval(w);

  /** Rows of a table of tables.ts, for its CSV download. */
  async function tableRows(id: string, q: z.infer<typeof zExportQuery>, w: Window): Promise<Record<string, unknown>[]> {
    switch (id) {
      case 'trending-videos':
        return (await svc.trendingVideos(w, q.limit)).rows;
      case 'engagement':
        return (await svc.engagement(w, interval(w, q.interval))).series;
      case 'engagement-breakdown':
        return (await svc.engagementBreakdown(w, q.by)).rows;
      case 'watch-time':
        return (await svc.watchTime(w, interval(w, q.interval))).series;
      case 'top-creators':
        return (await svc.topCreators(w, q.limit)).rows;
      case 'revenue':
        return (await svc.revenue(w)).series;
      case 'payouts':
        return (await svc.revenue(w)).payouts;
      case 'latency':
        return (await svc.latency(w)).rows;
      case 'moderators':
        return (await svc.moderation(w)).moderators;
      case 'data-quality':
        return (await svc.dataQuality(w)).streams;
      case 'rejections':
        return (await svc.dataQuality(w)).rejections;
      default:
        throw new NotFoundError(`No table ${id}.`);
    }
  }

  return [
    route({
      method: 'get',
      path: '/metrics/overview',
      access: platform,
      query: zWindowQuery,
      response: zOverview,
      summary:
        'Overview KPI tiles (views, engagement rate, average watch time, revenue, open cases, API p95, alerts firing) with the previous window of equal length and sparklines.',
      handler: (ctx) => svc.overview(win(ctx)),
    }),
    route({
      method: 'get',
      path: '/metrics/trending-videos',
      access: platform,
      query: zLimitQuery,
      response: zTrendingAnswer,
      summary: 'Videos by views in the window, with engagement rate, average watch time, growth velocity and change %.',
      handler: async (ctx) => {
        const w = win(ctx);
        return { ...windowOut(w), ...(await svc.trendingVideos(w, ctx.query.limit)) };
      },
    }),
    route({
      method: 'get',
      path: '/metrics/engagement',
      access: platform,
      query: zSeriesQuery,
      response: zEngagementAnswer,
      summary: 'Views, likes, comments, shares and engagement rate per hour or local day.',
      handler: async (ctx) => {
        const w = win(ctx);
        const i = interval(w, ctx.query.interval);
        return { ...windowOut(w), interval: i, ...(await svc.engagement(w, i)) };
      },
    }),
    route({
      method: 'get',
      path: '/metrics/engagement/breakdown',
      access: platform,
      query: zBreakdownQuery,
      response: zBreakdownAnswer,
      summary: 'Engagement over the window per region or device.',
      handler: async (ctx) => {
        const w = win(ctx);
        return { ...windowOut(w), ...(await svc.engagementBreakdown(w, ctx.query.by)) };
      },
    }),
    route({
      method: 'get',
      path: '/metrics/watch-time',
      access: platform,
      query: zSeriesQuery,
      response: zWatchTimeAnswer,
      summary: 'Average watch time and completion rate per hour or local day.',
      handler: async (ctx) => {
        const w = win(ctx);
        const i = interval(w, ctx.query.interval);
        return { ...windowOut(w), interval: i, ...(await svc.watchTime(w, i)) };
      },
    }),
    route({
      method: 'get',
      path: '/metrics/revenue',
      access: platform,
      query: zWindowQuery,
      response: zRevenue,
      summary: 'Revenue per local day and kind (payouts excluded), totals, and payouts apart.',
      handler: async (ctx) => {
        const w = win(ctx);
        return { ...windowOut(w), ...(await svc.revenue(w)) };
      },
    }),
    route({
      method: 'get',
      path: '/metrics/latency',
      access: platform,
      query: zWindowQuery,
      response: zLatencyAnswer,
      summary: 'p50/p95/p99 and error rate per route and method.',
      handler: async (ctx) => {
        const w = win(ctx);
        return { ...windowOut(w), ...(await svc.latency(w)) };
      },
    }),
    route({
      method: 'get',
      path: '/metrics/latency/series',
      access: platform,
      query: zLatencySeriesQuery,
      response: zLatencySeriesAnswer,
      summary: 'One route’s (or, without route, every route’s) latency percentiles and error rate over time.',
      handler: async (ctx) => {
        const w = win(ctx);
        const i = interval(w, ctx.query.interval);
        return { ...windowOut(w), interval: i, ...(await svc.latencySeries(w, i, ctx.query.route, ctx.query.method)) };
      },
    }),
    route({
      method: 'get',
      path: '/metrics/top-creators',
      access: platform,
      query: zLimitQuery,
      response: zTopCreatorsAnswer,
      summary: 'Creators by follower count with follower growth in the window.',
      handler: async (ctx) => {
        const w = win(ctx);
        return { ...windowOut(w), ...(await svc.topCreators(w, ctx.query.limit)) };
      },
    }),
    route({
      method: 'get',
      path: '/metrics/moderation',
      access: moderationPanels,
      query: zWindowQuery,
      response: zModerationPanel,
      summary: 'Moderation KPIs: open cases, oldest open age, median time to decision, decisions per moderator, SLA breaches.',
      handler: async (ctx) => {
        const w = win(ctx);
        return { ...windowOut(w), ...(await svc.moderation(w)) };
      },
    }),
    route({
      method: 'get',
      path: '/metrics/data-quality',
      access: platform,
      query: zWindowQuery,
      response: zDataQuality,
      summary: 'Per stream: quality score 0–100 from validity, completeness and consistency, rejected rows by reason, null rates, orphans, freshness.',
      handler: async (ctx) => {
        const w = win(ctx);
        return { ...windowOut(w), ...(await svc.dataQuality(w)) };
      },
    }),
    route({
      method: 'get',
      path: '/metrics/videos/:id',
      access: platform,
      params: zVideoParams,
      query: zSeriesQuery,
      response: zVideoDetail,
      summary: 'One video: views and engagement over time, watch-time distribution, reports and moderation history.',
      handler: async (ctx) => {
        const w = win(ctx);
        return { ...windowOut(w), ...(await svc.video(ctx.params.id, w, interval(w, ctx.query.interval))) };
      },
    }),
    route({
      method: 'get',
      path: '/metrics/definitions',
      access: platform,
      response: zDefinitions,
      summary: 'The metric registry: every metric with its formula, the tables and SQL files it reads, and the tables (CSV) that show it.',
      handler: () => ({ panels: PANEL_IDS, metrics: METRICS, tables: TABLES.map((t) => ({ id: t.id, title: t.title, panel: t.panel, columns: t.columns })) }),
    }),
    route({
      method: 'get',
      path: '/metrics/export/:table',
      access: moderationPanels,
      params: zExportParams,
      query: zExportQuery,
      rawResponse: 'CSV (text/csv): three # lines (table, window, timezone), then the header and the rows',
      summary: 'CSV download of one dashboard table (same query parameters as the table’s route); the window and timezone are written in the first lines.',
      handler: async (ctx) => {
        const table = TABLE_BY_ID.get(ctx.params.table);
        if (!table) throw new NotFoundError(`No table ${ctx.params.table}.`);
        const account = signedIn(ctx);
        if (!table.roles.includes(account.role)) throw new ForbiddenError();
        const w = win(ctx);
        const preamble = [`${table.title}`, `window [${w.from.toISOString()}, ${w.to.toISOString()})`, `timezone ${w.tz}`];
        const stamp = w.from.toISOString().slice(0, 10);
        ctx.res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        ctx.res.setHeader('Content-Disposition', `attachment; filename="${table.id}-${stamp}.csv"`);
        ctx.res.setHeader('Cache-Control', 'no-store');
        // Tables of one ClickHouse statement: written by the engine (table-exports.ts, docs/exports.md).
        if (engineTables?.has(table)) {
          await engineTables.send(table, w, { interval: interval(w, ctx.query.interval), by: ctx.query.by }, preamble, ctx.res);
          return undefined;
        }
        ctx.res.send(toCsv(table, await tableRows(table.id, ctx.query, w), preamble));
        return undefined;
      },
    }),
  ];
}
