// What the dashboard routes accept: the query strings of the panels, defined once here and used by
// the server routes (which validate with them) and the client API modules (which type what they send).
import { z } from 'zod';
import { zTimeZone } from './auth.js';
import { zInterval, zSegmentBy } from './dashboards.js';

const zInstant = z.string().datetime({ offset: true });
/** The window every panel takes: [from, to) and the timezone of its buckets. */
export const zWindowQuery = z.object({
  from: zInstant.optional(),
  to: zInstant.optional(),
  tz: zTimeZone.optional(),
});
export type WindowQuery = z.infer<typeof zWindowQuery>;
/** Panels drawn as a series: the window and the bucket size. */
export const zSeriesQuery = zWindowQuery.extend({ interval: zInterval.optional() });
/** Ranked panels: the window and how many rows. */
export const zLimitQuery = zWindowQuery.extend({ limit: z.coerce.number().int().min(1).max(500).default(100) });
/** GET /api/metrics/engagement/breakdown: the window and the segment. */
export const zBreakdownQuery = zWindowQuery.extend({ by: zSegmentBy.default('region') });
export type BreakdownQuery = z.infer<typeof zBreakdownQuery>;
/** GET /api/metrics/latency/series: one route and method, or every one when empty. */
export const zLatencySeriesQuery = zSeriesQuery.extend({
  route: z.string().max(300).default(''),
  method: z.string().max(10).default(''),
});
/** Path parameter `:id` of a video. */
export const zVideoParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
/** Path parameter `:table` of a table export. */
export const zExportParams = z.object({ table: z.string().regex(/^[a-z-]{1,40}$/) });
/** GET /api/metrics/export/:table: whichever of the panels' parameters the table reads. */
export const zExportQuery = zLatencySeriesQuery.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  by: zSegmentBy.default('region'),
});
