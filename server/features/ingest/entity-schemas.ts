// The entity streams' line schemas (README#ingest-api): upserted into PostgreSQL by
// entity-writer.ts, ordered by updated_at.
import * as z from 'zod';
import { isTimeZone } from '../../../contract/auth.js';
import { zCampaignStatus } from '../../../contract/campaigns.js';
import { zReportReason, zReportSource, zVisibility } from '../../../contract/moderation.js';
import { count, date, id, region, text, timestamp, url } from './schema-fields.js';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const zUser = z.object({
  id,
  username: z.string().min(1).max(64),
  email: z.email().max(254),
  display_name: text(128).default(''),
  role: z.enum(['viewer', 'creator']).default('viewer'),
  region,
  status: z.enum(['active', 'banned']).default('active'),
  created_at: timestamp().optional(),
  updated_at: timestamp(),
});

export const zVideo = z.object({
  id,
  creator_id: id,
  title: text(300),
  description: text(5000).default(''),
  tags: z.array(z.string().min(1).max(100)).max(30).default([]),
  duration_ms: z.number().int().min(1).max(86_400_000),
  region,
  visibility: zVisibility.default('public'),
  video_url: url.default(''),
  thumbnail_url: url.default(''),
  created_at: timestamp().optional(),
  updated_at: timestamp(),
});

export const zFollow = z
  .object({
    follower_id: id,
    followee_id: id,
    created_at: timestamp(),
  })
  .check((ctx) => {
    if (ctx.value.follower_id === ctx.value.followee_id) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: ['followee_id'],
        params: { reason: 'out_of_range' },
        message: 'is the follower itself: nobody follows themselves',
      });
    }
  });

export const zAdvertiser = z.object({
  id,
  name: z.string().min(1).max(200),
  timezone: z
    .string()
    .max(64)
    .check((ctx) => {
      if (!isTimeZone(ctx.value) || /^[+-]/.test(ctx.value))
        ctx.issues.push({
          code: 'custom',
          input: ctx.value,
          params: { reason: 'invalid_format' },
          message: `must be an IANA time zone such as Asia/Kolkata (got "${ctx.value}")`,
        });
    }),
  currency: z.string().check((ctx) => {
    if (!CURRENCIES.has(ctx.value))
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        params: { reason: 'invalid_format' },
        message: `must be an ISO 4217 currency code such as USD (got "${ctx.value}")`,
      });
  }),
  created_at: timestamp().optional(),
  updated_at: timestamp(),
});

export const zCampaign = z
  .object({
    id,
    advertiser_id: id,
    name: z.string().min(1).max(200),
    objective: z.enum(['awareness', 'traffic', 'conversions', 'video_views']),
    status: zCampaignStatus,
    budget_micros: count,
    bid_micros: count,
    start_date: date,
    end_date: date.nullable().default(null),
    created_at: timestamp().optional(),
    updated_at: timestamp(),
  })
  .check((ctx) => {
    if (ctx.issues.length === 0 && ctx.value.end_date !== null && ctx.value.end_date < ctx.value.start_date) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: ['end_date'],
        params: { reason: 'out_of_range' },
        message: `is ${ctx.value.end_date}, before start_date ${ctx.value.start_date}`,
      });
    }
  });

export const zTransaction = z
  .object({
    id,
    kind: z.enum(['subscription', 'ad_payment', 'gift', 'payout']),
    amount_minor: count,
    currency: zAdvertiser.shape.currency,
    user_id: id.nullable().default(null),
    advertiser_id: id.nullable().default(null),
    occurred_at: timestamp(),
    created_at: timestamp().optional(),
    updated_at: timestamp(),
  })
  .check((ctx) => {
    if ((ctx.value.user_id === null) === (ctx.value.advertiser_id === null)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: ['user_id'],
        params: { reason: 'missing_field' },
        message: 'exactly one of user_id and advertiser_id must be given',
      });
    }
  });

export const zReport = z
  .object({
    id,
    video_id: id,
    reporter_id: id.nullable().default(null),
    source: zReportSource,
    reason: zReportReason,
    details: text(2000).default(''),
    created_at: timestamp(),
  })
  .check((ctx) => {
    if ((ctx.value.source === 'user') !== (ctx.value.reporter_id !== null)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: ['reporter_id'],
        params: { reason: 'missing_field' },
        message: ctx.value.source === 'user' ? 'is required when source is user' : 'must be null when source is automated',
      });
    }
  });

export type UserRow = z.output<typeof zUser>;
export type VideoRow = z.output<typeof zVideo>;
export type FollowRow = z.output<typeof zFollow>;
export type AdvertiserRow = z.output<typeof zAdvertiser>;
export type CampaignRow = z.output<typeof zCampaign>;
export type TransactionRow = z.output<typeof zTransaction>;
export type ReportRow = z.output<typeof zReport>;
