// What the campaigns routes accept: bodies and query strings, defined once here and used by the
// server routes (which validate with them) and the client API modules (which type what they send).
import { z } from 'zod';
import { zBreakdown, zFrequency, zReportFormat } from './campaigns.js';

const zId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** Path parameter `:id` of a campaign or a schedule. */
export const zIdParams = z.object({ id: zId });
const zDateOrInstant = z.string().refine((v) => /^\d{4}-\d{2}-\d{2}$/.test(v) || z.string().datetime({ offset: true }).safeParse(v).success, {
  message: 'a local date YYYY-MM-DD (the advertiser\u2019s timezone) or an ISO-8601 instant',
});
/** GET /api/campaigns. */
export const zCampaignListQuery = z.object({ advertiserId: zId.optional() });
/** The report's range: local dates in the advertiser's timezone, or instants. */
export const zRangeQuery = z.object({ from: zDateOrInstant.optional(), to: zDateOrInstant.optional() });
/** GET /api/campaigns/:id/report and its exports. */
export const zReportQuery = zRangeQuery.extend({
  granularity: z.enum(['day']).default('day'),
  breakdown: zBreakdown.optional(),
});
export type ReportQuery = z.infer<typeof zReportQuery>;
const zRecipients = z.array(z.string().trim().email().max(320)).min(1).max(5);
/** POST /api/report-schedules. */
export const zNewScheduleBody = z.object({ campaignId: zId, frequency: zFrequency, format: zReportFormat, recipients: zRecipients }).strict();
export type NewScheduleBody = z.infer<typeof zNewScheduleBody>;
/** PATCH /api/report-schedules/:id. */
export const zScheduleChangeBody = z
  .object({ frequency: zFrequency.optional(), format: zReportFormat.optional(), recipients: zRecipients.optional(), paused: z.boolean().optional() })
  .strict();
export type ScheduleChangeBody = z.infer<typeof zScheduleChangeBody>;
/** GET /api/report-schedules. */
export const zScheduleListQuery = z.object({ campaignId: zId.optional() });
