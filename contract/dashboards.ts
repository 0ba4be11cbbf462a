// Platform dashboard answers shared by the server routes and the client (docs/metrics.md defines
// each number). Every panel answers the window it used, then its own fields.
import { z } from 'zod';

/** The resolved half-open window [from, to) and the timezone of its buckets. */
export const zWindowAnswer = z.object({ from: z.iso.datetime(), to: z.iso.datetime(), tz: z.string() });
export type WindowAnswer = z.infer<typeof zWindowAnswer>;

/** GET /api/metrics/latency: one row per route and method; percentiles in ms, null without requests. */
export const zLatencyRow = z.object({
  route: z.string(),
  method: z.string(),
  requests: z.number(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
  errorRate: z.number().nullable(),
});
export type LatencyRow = z.infer<typeof zLatencyRow>;
export const zLatencyAnswer = zWindowAnswer.extend({ rows: z.array(zLatencyRow) });
export type LatencyAnswer = z.infer<typeof zLatencyAnswer>;
