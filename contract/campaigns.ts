// Campaigns, their reports and scheduled report emails as the API answers them (README#campaigns;
// docs/metrics.md defines each metric). Shared by the campaigns feature, the metric registry and
// the client.
import { z } from 'zod';
import { SEGMENTS } from './dashboards.js';

const zInstant = z.iso.datetime();
const zLocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const CAMPAIGN_STATUSES = ['active', 'paused', 'ended'] as const;
export const zCampaignStatus = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof zCampaignStatus>;

// A campaign report splits by the same event dimensions as the dashboards' breakdown.
export const BREAKDOWNS = SEGMENTS;
export const zBreakdown = z.enum(BREAKDOWNS);
export type Breakdown = z.infer<typeof zBreakdown>;

export const FREQUENCIES = ['daily', 'weekly', 'monthly'] as const;
export const zFrequency = z.enum(FREQUENCIES);
export type Frequency = z.infer<typeof zFrequency>;

export const REPORT_FORMATS = ['csv', 'xlsx'] as const;
export const zReportFormat = z.enum(REPORT_FORMATS);
export type ReportFormat = z.infer<typeof zReportFormat>;

export const DELIVERY_TRIGGERS = ['schedule', 'manual'] as const;
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;

export const zCampaign = z.object({
  id: z.number(),
  advertiserId: z.number(),
  advertiserName: z.string(),
  name: z.string(),
  objective: z.string(),
  status: zCampaignStatus,
  budgetMicros: z.number(),
  bidMicros: z.number(),
  startDate: zLocalDate,
  endDate: zLocalDate.nullable(),
  timezone: z.string(),
  currency: z.string(),
});
export type Campaign = z.infer<typeof zCampaign>;

/**
 * A sum of micros as decimal digits: ClickHouse sums money in UInt128 (docs/hardening.md), and a
 * JSON number read by JavaScript keeps only 2^53 exactly, so the digits travel as a string.
 */
export const zMicrosSum = z.string().regex(/^\d+$/);

/** GET /api/campaigns: each campaign with its spend and impressions, and the advertisers to filter by. */
export const zCampaignListItem = zCampaign.extend({ spendMicros: zMicrosSum, impressions: z.number() });
export type CampaignListItem = z.infer<typeof zCampaignListItem>;
export const zAdvertiserOption = z.object({ id: z.number(), name: z.string(), timezone: z.string(), currency: z.string() });
export type AdvertiserOption = z.infer<typeof zAdvertiserOption>;
export const zCampaignList = z.object({ items: z.array(zCampaignListItem), advertisers: z.array(zAdvertiserOption) });
export type CampaignList = z.infer<typeof zCampaignList>;
export const zCampaignAnswer = z.object({ campaign: zCampaign });

/** Every metric of a report row (docs/metrics.md#campaign-report); ratios are null when their denominator is 0. */
export const zCampaignMetrics = z.object({
  impressions: z.number(),
  reach: z.number(),
  clicks: z.number(),
  /** clicks / impressions */
  ctr: z.number().nullable(),
  spendMicros: zMicrosSum,
  /** spend / clicks, in micros of the advertiser's currency (rounded to a whole micro). */
  cpc: z.number().nullable(),
  /** spend / impressions × 1000, in micros. */
  cpm: z.number().nullable(),
  conversions: z.number(),
  /** conversions / clicks */
  cvr: z.number().nullable(),
  /** spend / conversions, in micros. */
  costPerConversion: z.number().nullable(),
  conversionValueMicros: zMicrosSum,
  /** conversion value / spend */
  roas: z.number().nullable(),
  views2s: z.number(),
  views6s: z.number(),
  /** p25 / impressions: every impression is a start of the ad video (there is no separate start event). */
  p25Rate: z.number().nullable(),
  p50Rate: z.number().nullable(),
  p75Rate: z.number().nullable(),
  /** p100 / impressions */
  completionRate: z.number().nullable(),
  /** play_ms / views2s: mean play time of a counted (2-second) view, in ms. */
  avgPlayMs: z.number().nullable(),
});
export type CampaignMetrics = z.infer<typeof zCampaignMetrics>;

/** GET /api/campaigns/:id/report: days in the advertiser's timezone, [from, to) as UTC instants. */
export const zCampaignReport = z.object({
  campaign: zCampaign,
  timezone: z.string(),
  currency: z.string(),
  from: zInstant,
  to: zInstant,
  firstDay: zLocalDate,
  lastDay: zLocalDate,
  granularity: z.literal('day'),
  rows: z.array(zCampaignMetrics.extend({ date: zLocalDate })),
  totals: zCampaignMetrics,
  breakdown: z.object({ by: zBreakdown, rows: z.array(zCampaignMetrics.extend({ key: z.string() })) }).optional(),
});
export type CampaignReport = z.infer<typeof zCampaignReport>;

export const zDelivery = z.object({
  id: z.number(),
  periodFrom: zLocalDate,
  periodTo: zLocalDate,
  trigger: z.enum(DELIVERY_TRIGGERS),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number(),
  nextAttemptAt: zInstant,
  lastError: z.string().nullable(),
  createdAt: zInstant,
  sentAt: zInstant.nullable(),
});
export type Delivery = z.infer<typeof zDelivery>;

export const zReportSchedule = z.object({
  id: z.number(),
  advertiserId: z.number(),
  campaignId: z.number(),
  campaignName: z.string().nullable(),
  frequency: zFrequency,
  format: zReportFormat,
  recipients: z.array(z.string()),
  paused: z.boolean(),
  timezone: z.string(),
  nextRunAt: zInstant,
  lastRunAt: zInstant.nullable(),
  lastStatus: z.string().nullable(),
  lastError: z.string().nullable(),
  attempts: z.number(),
  createdAt: zInstant,
  /** The schedule's sends, newest first. */
  deliveries: z.array(zDelivery),
});
export type ReportSchedule = z.infer<typeof zReportSchedule>;
export const zReportSchedules = z.object({ items: z.array(zReportSchedule) });
export const zReportScheduleAnswer = z.object({ schedule: zReportSchedule });
/** POST /api/report-schedules/:id/send: the schedule and the send it made. */
export const zSendNowAnswer = z.object({ schedule: zReportSchedule, delivery: zDelivery });
export type SendNowAnswer = z.infer<typeof zSendNowAnswer>;
