// Scheduled campaign reports (README#campaigns): daily, weekly or monthly, CSV or XLSX, up to 5
// recipients, sent around 06:00 in the advertiser's timezone. A due schedule queues a delivery
// (a period of local dates) and moves to its next run in one transaction; the worker sends
// deliveries and retries a failed one after 1, 5 and 15 minutes before showing it as failed.
// Reads and writes are scoped like campaigns: another advertiser's schedule answers 404.
import { PassThrough } from 'node:stream';
import type { Logger } from 'pino';
import { pgQuery, type Stores } from '../../db/index.js';
import { NotFoundError } from '../../http/errors.js';
import type { Account } from '../../../contract/auth.js';
import { scopeOf, type CampaignsService } from './campaigns.service.js';
import type { ReportMailer } from './mailer.js';
import type { DELIVERY_STATUSES, DELIVERY_TRIGGERS, ReportFormat } from '../../../contract/campaigns.js';
import { lastCompletePeriod, lastRunAt, localDate, nextRunAt, reportPeriod, zonedTimeToUtc, type Frequency } from './schedule-time.js';

export type { ReportFormat } from '../../../contract/campaigns.js';

export interface ScheduleRow {
  id: number;
  advertiserId: number;
  campaignId: number;
  campaignName: string | null;
  frequency: Frequency;
  format: ReportFormat;
  recipients: string[];
  paused: boolean;
  nextRunAt: Date;
  lastRunAt: Date | null;
  lastStatus: string | null;
  lastError: string | null;
  attempts: number;
  createdAt: Date;
  timezone: string;
  currency: string;
}

export interface DeliveryRow {
  id: number;
  periodFrom: string;
  periodTo: string;
  trigger: (typeof DELIVERY_TRIGGERS)[number];
  status: (typeof DELIVERY_STATUSES)[number];
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

const pgListSchedules = pgQuery('campaigns/list_schedules').returns<ScheduleRow>();
const pgFindSchedule = pgQuery('campaigns/find_schedule').returns<ScheduleRow>();
const pgInsertSchedule = pgQuery('campaigns/insert_schedule').returns<{ id: number }>();
const pgUpdateSchedule = pgQuery('campaigns/update_schedule').returns<{ id: number }>();
const pgDeleteSchedule = pgQuery('campaigns/delete_schedule').returns<{ id: number }>();
const pgClaimDueSchedules = pgQuery('campaigns/claim_due_schedules').returns<{ id: number; frequency: Frequency; nextRunAt: Date; timezone: string }>();
const pgInsertDelivery = pgQuery('campaigns/insert_delivery').returns<{ id: number }>();
const pgClaimDueDeliveries = pgQuery('campaigns/claim_due_deliveries').returns<{ id: number }>();
const pgFindDelivery = pgQuery('campaigns/find_delivery').returns<{
  id: number;
  scheduleId: number;
  periodFrom: string;
  periodTo: string;
  attempts: number;
  trigger: string;
  advertiserId: number;
  campaignId: number;
  format: ReportFormat;
  recipients: string[];
}>();
const pgRecordDelivery = pgQuery('campaigns/record_delivery');
const pgListDeliveries = pgQuery('campaigns/list_deliveries').returns<DeliveryRow>();

/** Minutes to wait before the 2nd, 3rd and 4th attempt; after the 4th a delivery is failed. */
export const RETRY_MINUTES = [1, 5, 15];
const LEASE_MS = 10 * 60_000;

export interface NewSchedule {
  campaignId: number;
  frequency: Frequency;
  format: ReportFormat;
  recipients: string[];
}

export interface ScheduleChange {
  frequency?: Frequency;
  format?: ReportFormat;
  recipients?: string[];
  paused?: boolean;
}

export function publicSchedule(s: ScheduleRow, deliveries?: DeliveryRow[]) {
  return {
    id: Number(s.id),
    advertiserId: Number(s.advertiserId),
    campaignId: Number(s.campaignId),
    campaignName: s.campaignName,
    frequency: s.frequency,
    format: s.format,
    recipients: s.recipients,
    paused: s.paused,
    timezone: s.timezone,
    nextRunAt: s.nextRunAt,
    lastRunAt: s.lastRunAt,
    lastStatus: s.lastStatus,
    lastError: s.lastError,
    attempts: s.attempts,
    createdAt: s.createdAt,
    ...(deliveries ? { deliveries: deliveries.map((d) => ({ ...d, id: Number(d.id) })) } : {}),
  };
}

export class ReportSchedulesService {
  constructor(
    private readonly stores: Stores,
    private readonly campaigns: CampaignsService,
    readonly mailer: ReportMailer,
    private readonly log: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async list(account: Account, campaignId?: number) {
    const rows = await this.stores.pg.rows(pgListSchedules, { scope_advertiser_id: scopeOf(account), campaign_id: campaignId ?? null });
    const items = [];
    for (const r of rows) items.push(publicSchedule(r, await this.stores.pg.rows(pgListDeliveries, { schedule_id: Number(r.id) })));
    return { items };
  }

  async get(account: Account, id: number): Promise<ScheduleRow> {
    const row = await this.stores.pg.one(pgFindSchedule, { id, scope_advertiser_id: scopeOf(account) });
    if (!row) throw new NotFoundError(`No report schedule ${id}.`);
    return row;
  }

  async getWithDeliveries(account: Account, id: number) {
    const s = await this.get(account, id);
    return publicSchedule(s, await this.stores.pg.rows(pgListDeliveries, { schedule_id: Number(s.id) }));
  }

  async create(account: Account, body: NewSchedule) {
    // The campaign is found under the caller's scope: another advertiser's campaign is a 404.
    const c = await this.campaigns.getCampaign(account, body.campaignId);
    const row = await this.stores.pg.one(pgInsertSchedule, {
      advertiser_id: c.advertiserId,
      campaign_id: c.id,
      frequency: body.frequency,
      format: body.format,
      recipients: dedupe(body.recipients),
      next_run_at: nextRunAt(body.frequency, c.timezone, this.clock()),
      created_by: account.id,
    });
    return this.getWithDeliveries(account, Number(row!.id));
  }

  async update(account: Account, id: number, change: ScheduleChange) {
    const s = await this.get(account, id);
    const frequency = change.frequency ?? s.frequency;
    // A new frequency or a resume starts from the next 06:00 after now (a paused schedule does not catch up).
    const reschedule = change.frequency !== undefined || (change.paused === false && s.paused);
    const updated = await this.stores.pg.one(pgUpdateSchedule, {
      id,
      scope_advertiser_id: scopeOf(account),
      frequency: change.frequency ?? null,
      format: change.format ?? null,
      recipients: change.recipients ? dedupe(change.recipients) : null,
      paused: change.paused ?? null,
      next_run_at: reschedule ? nextRunAt(frequency, s.timezone, this.clock()) : null,
    });
    if (!updated) throw new NotFoundError(`No report schedule ${id}.`);
    return this.getWithDeliveries(account, id);
  }

  async remove(account: Account, id: number): Promise<void> {
    const row = await this.stores.pg.one(pgDeleteSchedule, { id, scope_advertiser_id: scopeOf(account) });
    if (!row) throw new NotFoundError(`No report schedule ${id}.`);
  }

  /** Sends the last complete period now (paused or not) and answers the delivery's outcome. */
  async sendNow(account: Account, id: number) {
    const s = await this.get(account, id);
    const period = lastCompletePeriod(s.frequency, s.timezone, this.clock());
    const d = await this.stores.pg.one(pgInsertDelivery, {
      schedule_id: Number(s.id),
      period_from: period.from,
      period_to: period.to,
      trigger: 'manual',
      next_attempt_at: new Date(this.clock().getTime() + LEASE_MS),
    });
    await this.attempt(Number(d!.id), this.clock());
    const fresh = await this.getWithDeliveries(account, id);
    return { schedule: fresh, delivery: fresh.deliveries!.find((x) => x.id === Number(d!.id)) };
  }

  /** One scheduler tick: queue the due runs, then attempt due deliveries. */
  async tick(now: Date = this.clock()): Promise<{ queued: number; attempted: number }> {
    const queued = await this.queueDue(now);
    const attempted = await this.deliverDue(now);
    return { queued, attempted };
  }

  /**
   * Each due schedule queues one delivery and moves to its next 06:00. After downtime over several
   * due times that delivery is the latest missed run's (the most recent complete period), not the
   * oldest's: the older runs are skipped (docs/exports.md, scheduled reports after a failure).
   */
  async queueDue(now: Date): Promise<number> {
    return this.stores.pg.tx(async (tx) => {
      const due = await tx.rows(pgClaimDueSchedules, { now, limit: 100 });
      for (const s of due) {
        const latest = Math.max(new Date(s.nextRunAt).getTime(), lastRunAt(s.frequency, s.timezone, now).getTime());
        const runDay = localDate(new Date(latest), s.timezone);
        const period = reportPeriod(s.frequency, runDay);
        await tx.rows(pgInsertDelivery, {
          schedule_id: Number(s.id),
          period_from: period.from,
          period_to: period.to,
          trigger: 'schedule',
          next_attempt_at: now,
        });
        // After downtime, skip to the next run after now rather than sending every missed one.
        await tx.rows(pgUpdateSchedule, {
          id: Number(s.id),
          scope_advertiser_id: null,
          frequency: null,
          format: null,
          recipients: null,
          paused: null,
          next_run_at: nextRunAt(s.frequency, s.timezone, now),
        });
      }
      return due.length;
    });
  }

  async deliverDue(now: Date): Promise<number> {
    let n = 0;
    for (;;) {
      const claimed = await this.stores.pg.rows(pgClaimDueDeliveries, { now, lease_until: new Date(now.getTime() + LEASE_MS), limit: 10 });
      if (claimed.length === 0) return n;
      for (const d of claimed) await this.attempt(Number(d.id), now);
      n += claimed.length;
    }
  }

  /** Builds the report of a delivery's period, mails it, and records the outcome. */
  private async attempt(deliveryId: number, now: Date): Promise<void> {
    const d = await this.stores.pg.one(pgFindDelivery, { id: deliveryId });
    if (!d) return;
    try {
      const owner: Account = { id: 0, email: '', role: 'advertiser', advertiserId: Number(d.advertiserId), timezone: 'UTC' };
      const c = await this.campaigns.getCampaign(owner, Number(d.campaignId));
      const range = {
        from: zonedTimeToUtc(d.periodFrom, c.timezone),
        to: zonedTimeToUtc(d.periodTo, c.timezone),
        firstDay: d.periodFrom,
        lastDay: addDay(d.periodTo, -1),
      };
      const report = await this.campaigns.reportFor(c, range);
      const filename = this.campaigns.reportFileName(report, d.format);
      const content =
        d.format === 'csv' ? Buffer.from(this.campaigns.reportCsv(report), 'utf8') : await collect((out) => this.campaigns.reportXlsx(report, out));
      const { messageId } = await this.mailer.send({
        to: d.recipients,
        subject: `Campaign report: ${c.name} (${range.firstDay}${range.firstDay === range.lastDay ? '' : ` to ${range.lastDay}`}, ${c.timezone})`,
        text: [
          `Campaign ${c.name} (#${c.id}), ${range.firstDay} to ${range.lastDay} in ${c.timezone}, amounts in ${c.currency}.`,
          `Impressions ${report.totals.impressions}, reach ${report.totals.reach}, clicks ${report.totals.clicks}, conversions ${report.totals.conversions}.`,
          'The attached file has one row per day and a total row.',
        ].join('\n'),
        attachments: [
          {
            filename,
            content,
            contentType: d.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          },
        ],
      });
      await this.stores.pg.rows(pgRecordDelivery, { id: deliveryId, status: 'sent', next_attempt_at: now, error: null, message_id: messageId });
    } catch (err) {
      const attempts = Number(d.attempts) + 1;
      const wait = RETRY_MINUTES[attempts - 1];
      const message = err instanceof Error ? err.message : String(err);
      this.log.warn({ deliveryId, attempts, err: message }, 'scheduled report send failed');
      await this.stores.pg.rows(pgRecordDelivery, {
        id: deliveryId,
        status: wait === undefined ? 'failed' : 'pending',
        next_attempt_at: new Date(now.getTime() + (wait ?? 0) * 60_000),
        error: message.slice(0, 500),
        message_id: null,
      });
    }
  }
}

function dedupe(list: string[]): string[] {
  return [...new Set(list.map((e) => e.trim().toLowerCase()))];
}

function addDay(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

async function collect(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await write(out);
  if (!out.writableEnded) out.end();
  await ended;
  return Buffer.concat(chunks);
}
