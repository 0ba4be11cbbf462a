// Campaigns, their reports and exports (docs/metrics.md, docs/architecture.md#roles, README#campaigns). Every read is scoped in the query:
// an advertiser session passes its advertiser id, so another advertiser's campaign is simply not
// found (404). Reports read the 15-minute rollup in the advertiser's timezone; event-level
// exports are one streamed engine query each (event-exports.ts).
import type { Breakdown, CampaignReport, CampaignStatus } from '../../../contract/campaigns.js';
import { PassThrough, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { chQuery, pgQuery, type Stores } from '../../db/index.js';
import { ChStore, type ChOptions } from '../../db/stores.js';
import { BadRequestError, NotFoundError } from '../../http/errors.js';
import type { Account } from '../../../contract/auth.js';
import { CAMPAIGN_METRIC_COLUMNS, campaignMetrics, type CampaignMetrics, type CampaignTotals } from '../../metrics/campaign.js';
import { EventExports } from './event-exports.js';
import { attachmentHeaders, csvPreamble, csvRows, exportFileName, writeXlsx, type Cell, type ExportColumn } from './exports.js';
import { addDays, localDate, zonedTimeToUtc } from './schedule-time.js';

export interface CampaignRow {
  id: number;
  advertiserId: number;
  advertiserName: string;
  name: string;
  objective: string;
  status: CampaignStatus;
  budgetMicros: number;
  bidMicros: number;
  startDate: string;
  endDate: string | null;
  timezone: string;
  currency: string;
}

type RollupParams = { advertiser_id: number; campaign_id: number; from: Date; to: Date };
type TotalsRow = { [K in keyof CampaignTotals]: number | string };

const pgListCampaigns = pgQuery('campaigns/list_campaigns').returns<CampaignRow>();
const pgFindCampaign = pgQuery('campaigns/find_campaign').returns<CampaignRow>();
const pgListAdvertisers = pgQuery('campaigns/list_advertisers').returns<{ id: number; name: string; timezone: string; currency: string }>();
const chSpendByCampaign = chQuery('campaigns/spend_by_campaign').returns<{
  campaignId: number | string;
  spendMicros: string;
  impressions: number | string;
}>();
const chReportDaily = chQuery('campaigns/report_daily').returns<TotalsRow & { date: string }>();
const chReportTotals = chQuery('campaigns/report_totals').returns<TotalsRow>();
const chReportBreakdown = chQuery('campaigns/report_breakdown').returns<TotalsRow & { key: string }>();

export type { Breakdown } from '../../../contract/campaigns.js';

export interface ReportQuery {
  from?: string;
  to?: string;
  breakdown?: Breakdown;
}

export interface ReportRange {
  /** UTC instants of [from, to). */
  from: Date;
  to: Date;
  /** Local dates (advertiser's timezone) of the first and last day covered. */
  firstDay: string;
  lastDay: string;
}

export type ReportRow = CampaignReport['rows'][number];
export type { CampaignReport } from '../../../contract/campaigns.js';

const ZERO: CampaignTotals = {
  impressions: 0,
  reach: 0,
  clicks: 0,
  conversions: 0,
  views2s: 0,
  views6s: 0,
  p25: 0,
  p50: 0,
  p75: 0,
  p100: 0,
  spendMicros: 0n,
  conversionValueMicros: 0n,
  playMs: 0,
};

type MoneySum = 'spendMicros' | 'conversionValueMicros';
const COUNTS = (Object.keys(ZERO) as (keyof CampaignTotals)[]).filter((k): k is Exclude<keyof CampaignTotals, MoneySum> => typeof ZERO[k] === 'number');

/** Counts become numbers; money sums arrive as decimal strings (UInt128 in ClickHouse) and stay exact as BigInts. */
function toTotals(r: TotalsRow | undefined): CampaignTotals {
  const out = { ...ZERO };
  if (!r) return out;
  for (const k of COUNTS) out[k] = Number(r[k] ?? 0);
  out.spendMicros = BigInt(r.spendMicros ?? 0);
  out.conversionValueMicros = BigInt(r.conversionValueMicros ?? 0);
  return out;
}

export function publicCampaign(c: CampaignRow) {
  return {
    id: Number(c.id),
    advertiserId: Number(c.advertiserId),
    advertiserName: c.advertiserName,
    name: c.name,
    objective: c.objective,
    status: c.status,
    budgetMicros: Number(c.budgetMicros),
    bidMicros: Number(c.bidMicros),
    startDate: c.startDate,
    endDate: c.endDate,
    timezone: c.timezone,
    currency: c.currency,
  };
}

import { scopeOf } from '../../../contract/auth.js';

export { scopeOf };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_REPORT_DAYS = 400;
const FIFTEEN_MIN = 15 * 60_000;

/** Report columns shared by CSV and XLSX: date, campaign, currency, then the metrics. */
export const REPORT_COLUMNS: ExportColumn[] = [
  { header: 'date', kind: 'date' },
  { header: 'campaign_id', kind: 'id' },
  { header: 'campaign', kind: 'text' },
  { header: 'currency', kind: 'text' },
  ...CAMPAIGN_METRIC_COLUMNS.map((c) => ({ header: c.label, kind: c.kind })),
];

export interface CampaignsOptions {
  /** Event-level exports running at once (EXPORT_CONCURRENCY); one more answers 429. */
  exportConcurrency: number;
  /** Engine threads of one event export's statement (EXPORT_ENGINE_THREADS, default 2). */
  exportEngineThreads?: number;
  /** CSV exports the embedded engine writes to a file at once (EXPORT_FILE_WRITES, default 2). */
  exportFileWrites?: number;
  /** Bound on every ClickHouse query of a report (QUERY_TIMEOUT_MS); an export's stream is not bounded. */
  queryTimeoutMs: number;
  now?: () => Date;
}

export class CampaignsService {
  private readonly events: EventExports;

  constructor(
    private readonly stores: Stores,
    private readonly opts: CampaignsOptions,
  ) {
    this.events = new EventExports(stores, this, { ...opts, now: () => this.now() });
  }

  /** A report query's options, bounded by QUERY_TIMEOUT_MS. */
  private bound(opts: ChOptions = {}): ChOptions {
    return ChStore.bounded(this.opts.queryTimeoutMs, opts);
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  async listCampaigns(account: Account, advertiserId?: number) {
    const scope = scopeOf(account) ?? advertiserId ?? null;
    const [rows, advertisers] = await Promise.all([
      this.stores.pg.rows(pgListCampaigns, { advertiser_id: scope }),
      this.stores.pg.rows(pgListAdvertisers, { advertiser_id: scopeOf(account) }),
    ]);
    const spend = rows.length
      ? await this.stores.ch.rows(chSpendByCampaign, { advertiser_id: scope, campaign_ids: rows.map((r) => Number(r.id)) }, this.bound())
      : [];
    const byId = new Map(spend.map((s) => [Number(s.campaignId), s]));
    return {
      items: rows.map((r) => ({
        ...publicCampaign(r),
        spendMicros: String(byId.get(Number(r.id))?.spendMicros ?? '0'),
        impressions: Number(byId.get(Number(r.id))?.impressions ?? 0),
      })),
      advertisers: advertisers.map((a) => ({ id: Number(a.id), name: a.name, timezone: a.timezone, currency: a.currency })),
    };
  }

  /** The campaign under the account's scope; another advertiser's answers 404. */
  async getCampaign(account: Account, id: number): Promise<CampaignRow> {
    const row = await this.stores.pg.one(pgFindCampaign, { id, scope_advertiser_id: scopeOf(account) });
    if (!row) throw new NotFoundError(`No campaign ${id}.`);
    return { ...row, id: Number(row.id), advertiserId: Number(row.advertiserId) };
  }

  /**
   * [from, to) from the query: local dates in the advertiser's timezone (`to` exclusive), or UTC
   * instants. Defaults to the last 7 local days up to and including today.
   */
  resolveRange(c: CampaignRow, q: { from?: string; to?: string }, opts: { align15?: boolean; maxDays?: number } = {}): ReportRange {
    const today = localDate(this.now(), c.timezone);
    const parse = (v: string | undefined, fallback: string, field: string): Date => {
      const s = v ?? fallback;
      const d = DATE.test(s) ? zonedTimeToUtc(s, c.timezone) : new Date(s);
      if (Number.isNaN(d.getTime())) throw new BadRequestError(`${field}: not a date (YYYY-MM-DD) or an ISO instant.`, { field });
      if (opts.align15 && d.getTime() % FIFTEEN_MIN !== 0) {
        throw new BadRequestError(`${field}: reports are exact at 15-minute boundaries; give a date or an instant on a quarter hour.`, { field });
      }
      return d;
    };
    const from = parse(q.from, addDays(today, -6), 'from');
    const to = parse(q.to, addDays(today, 1), 'to');
    if (to.getTime() <= from.getTime()) throw new BadRequestError('to: must be after from.', { field: 'to' });
    if (opts.maxDays && to.getTime() - from.getTime() > opts.maxDays * 86_400_000) {
      throw new BadRequestError(`to: a report covers at most ${opts.maxDays} days.`, { field: 'to' });
    }
    return { from, to, firstDay: localDate(from, c.timezone), lastDay: localDate(new Date(to.getTime() - 1), c.timezone) };
  }

  async report(account: Account, id: number, q: ReportQuery): Promise<CampaignReport> {
    const c = await this.getCampaign(account, id);
    const range = this.resolveRange(c, q, { align15: true, maxDays: MAX_REPORT_DAYS });
    return this.reportFor(c, range, q.breakdown);
  }

  async reportFor(c: CampaignRow, range: ReportRange, breakdown?: Breakdown): Promise<CampaignReport> {
    const p: RollupParams = { advertiser_id: c.advertiserId, campaign_id: c.id, from: range.from, to: range.to };
    const [daily, totals, parts] = await Promise.all([
      this.stores.ch.rows(chReportDaily, { ...p, tz: c.timezone }, this.bound()),
      this.stores.ch.rows(chReportTotals, p, this.bound()),
      breakdown ? this.stores.ch.rows(chReportBreakdown, { ...p, by: breakdown }, this.bound()) : Promise.resolve(undefined),
    ]);
    const byDate = new Map(daily.map((d) => [d.date, d]));
    const rows: ReportRow[] = [];
    for (let day = range.firstDay; day <= range.lastDay; day = addDays(day, 1)) {
      rows.push({ date: day, ...campaignMetrics(toTotals(byDate.get(day))) });
    }
    const report: CampaignReport = {
      campaign: publicCampaign(c),
      timezone: c.timezone,
      currency: c.currency,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      firstDay: range.firstDay,
      lastDay: range.lastDay,
      granularity: 'day',
      rows,
      // An empty range still answers totals of zero (ratios empty), not an error.
      totals: campaignMetrics(toTotals(totals[0])),
    };
    if (breakdown && parts) report.breakdown = { by: breakdown, rows: parts.map((r) => ({ key: r.key, ...campaignMetrics(toTotals(r)) })) };
    return report;
  }

  /** Report rows as export cells: the days, then a `total` row from the range's raw sums. */
  reportCells(r: CampaignReport): Cell[][] {
    const line = (date: string, m: CampaignMetrics): Cell[] => [
      date,
      r.campaign.id,
      r.campaign.name,
      r.currency,
      ...CAMPAIGN_METRIC_COLUMNS.map((col) => m[col.key]),
    ];
    return [...r.rows.map((row) => line(row.date, row)), line('total', r.totals)];
  }

  reportComment(r: CampaignReport) {
    return {
      report: 'campaign daily report',
      campaign_id: r.campaign.id,
      advertiser_id: r.campaign.advertiserId,
      first_day: r.firstDay,
      last_day: r.lastDay,
      timezone: r.timezone,
      currency: r.currency,
      from_utc: r.from,
      to_utc: r.to,
      money: 'micros (1/1000000 of the currency unit)',
      generated_at: this.now().toISOString(),
    };
  }

  reportFileName(r: CampaignReport, ext: 'csv' | 'xlsx'): string {
    return exportFileName([`campaign-${r.campaign.id}`, 'report', r.firstDay, 'to', r.lastDay], r.timezone, ext);
  }

  /** The report as a CSV document (small: one row per day). */
  reportCsv(r: CampaignReport): string {
    return csvPreamble(this.reportComment(r), REPORT_COLUMNS) + csvRows(this.reportCells(r));
  }

  async reportXlsx(r: CampaignReport, out: Writable): Promise<void> {
    const cells = this.reportCells(r);
    await writeXlsx(
      out,
      { sheetName: 'Report', columns: REPORT_COLUMNS, currency: r.currency, about: this.reportComment(r) },
      (async function* () {
        yield cells;
      })(),
    );
  }

  async sendReport(account: Account, id: number, q: ReportQuery, format: 'csv' | 'xlsx', res: Response): Promise<void> {
    const r = await this.report(account, id, q);
    const name = this.reportFileName(r, format);
    res.set(attachmentHeaders(name, format));
    if (format === 'csv') {
      res.send(this.reportCsv(r));
      return;
    }
    const body = new PassThrough();
    res.status(200);
    await Promise.all([
      pipeline(body, res),
      this.reportXlsx(r, body).then(() => {
        if (!body.writableEnded) body.end();
      }),
    ]);
  }

  /** Event-level export of the campaign (event-exports.ts). */
  sendEvents(account: Account, id: number, q: { from?: string; to?: string }, format: 'csv' | 'xlsx', res: Response): Promise<void> {
    return this.events.send(account, id, q, format, res);
  }
}
