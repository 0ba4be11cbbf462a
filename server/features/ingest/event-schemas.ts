// The event streams' line schemas (README#ingest-api): video and ad events (with an event_id,
// deduplicated: dedup.ts) and request metrics (no id), stored in ClickHouse.
import * as z from 'zod';
import { count, device, id, money, region, timestamp } from './schema-fields.js';

export const zVideoEvent = z.object({
  event_id: z.uuid(),
  ts: timestamp(),
  type: z.enum(['view', 'like', 'comment', 'share', 'follow']),
  video_id: id,
  creator_id: id,
  user_id: count,
  watch_ms: z.number().int().min(0).max(86_400_000).default(0),
  region,
  device,
});

export const zAdEvent = z.object({
  event_id: z.uuid(),
  ts: timestamp(),
  type: z.enum(['impression', 'click', 'conversion', 'view_2s', 'view_6s', 'p25', 'p50', 'p75', 'p100']),
  advertiser_id: id,
  campaign_id: id,
  user_id: count,
  cost_micros: money.default(0),
  conversion_value_micros: money.default(0),
  play_ms: z.number().int().min(0).max(86_400_000).default(0),
  region,
  device,
});

/** A templated route has no raw ids: no all-digit, UUID or long hex segment. */
const templatedRoute = z
  .string()
  .min(1)
  .max(200)
  .check((ctx) => {
    const bad = ctx.value.split(/[/?#]/).find((s) => /^\d+$/.test(s) || /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(s) || /^[0-9a-f]{16,}$/i.test(s));
    if (bad !== undefined) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        params: { reason: 'invalid_format' },
        message: `must be a templated path such as /videos/:id, not a raw one (segment "${bad}")`,
      });
    }
  });

export const zRequestMetric = z.object({
  ts: timestamp(),
  service: z.string().min(1).max(64),
  route: templatedRoute,
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']),
  status: z.number().int().min(100).max(599),
  duration_ms: z.number().min(0).max(3_600_000),
  instance: z.string().max(128).default(''),
});
export type VideoEvent = z.output<typeof zVideoEvent>;
export type AdEvent = z.output<typeof zAdEvent>;
export type RequestMetric = z.output<typeof zRequestMetric>;
