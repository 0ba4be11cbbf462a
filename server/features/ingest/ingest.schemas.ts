// The ingest streams and the check of one line (docs/architecture.md#data-model, README#ingest-api):
// every line is checked on its own against its stream's zod schema (event-schemas.ts,
// entity-schemas.ts), and a failure becomes a reason code (stored for the data-quality panels)
// and a sentence a person understands (answered to the sender).
import type * as z from 'zod';
import { EVENT_STREAMS, type LineError, type Reason, type Stream } from '../../../contract/ingest.js';
import { zAdEvent, zRequestMetric, zVideoEvent } from './event-schemas.js';
import { zAdvertiser, zCampaign, zFollow, zReport, zTransaction, zUser, zVideo } from './entity-schemas.js';
import { fastAdEvent, fastVideoEvent, type TimeWindow } from './event-check.js';

export type { AdEvent, RequestMetric, VideoEvent } from './event-schemas.js';
export type { AdvertiserRow, CampaignRow, FollowRow, ReportRow, TransactionRow, UserRow, VideoRow } from './entity-schemas.js';

export { STREAMS, type LineError, type Reason, type Stream } from '../../../contract/ingest.js';
/** The event streams (ClickHouse); the others are entities (PostgreSQL). */
export const CLICKHOUSE_STREAMS: readonly Stream[] = EVENT_STREAMS;

/** How far in the future a timestamp may be (clock skew between the platform and the console). */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
/**
 * How old an event may be: ClickHouse refuses an insert block spanning more than 100 monthly
 * partitions (max_partitions_per_insert_block), so one bad year must not fail a whole batch;
 * 400 days keeps any batch within 14 months.
 */
export const MAX_EVENT_AGE_MS = 400 * 86_400_000;

/**
 * The earliest instant or date a line may carry: PostgreSQL has no year 0 (22008) and
 * ClickHouse's DateTime64 starts at 1900, and nothing in this product happened before.
 */
export const MIN_TIME_MS = Date.UTC(1900, 0, 1);

/** The timestamp fields of each stream, and whether they are event times (with the age bound). */
const TIME_FIELDS: Record<Stream, { fields: string[]; events: boolean }> = {
  'video-events': { fields: ['ts'], events: true },
  'ad-events': { fields: ['ts'], events: true },
  'request-metrics': { fields: ['ts'], events: true },
  users: { fields: ['created_at', 'updated_at'], events: false },
  videos: { fields: ['created_at', 'updated_at'], events: false },
  follows: { fields: ['created_at'], events: false },
  advertisers: { fields: ['created_at', 'updated_at'], events: false },
  campaigns: { fields: ['created_at', 'updated_at'], events: false },
  transactions: { fields: ['occurred_at', 'created_at', 'updated_at'], events: false },
  reports: { fields: ['created_at'], events: false },
};

/** The first timestamp out of its window: more than 5 minutes ahead, or an event over 400 days old. */
function checkTimes(stream: Stream, value: Record<string, unknown>, now: number): { reason: Reason; field: string; text: string } | undefined {
  const { fields, events } = TIME_FIELDS[stream];
  for (const f of fields) {
    const v = value[f];
    if (typeof v !== 'string') continue;
    const ms = Date.parse(v);
    if (ms < MIN_TIME_MS) return { reason: 'out_of_range', field: f, text: `${f} is ${v}, before 1900-01-01 (the earliest time the stores keep)` };
    if (ms > now + FUTURE_TOLERANCE_MS) {
      return { reason: 'future_timestamp', field: f, text: `${f} is ${v}, more than 5 minutes in the future (console time ${new Date(now).toISOString()})` };
    }
    if (events && ms < now - MAX_EVENT_AGE_MS) {
      return { reason: 'out_of_range', field: f, text: `${f} is ${v}, older than the 400 days an event may be` };
    }
  }
  for (const f of DATE_FIELDS[stream] ?? []) {
    const v = value[f];
    if (typeof v === 'string' && /^\d{4}-/.test(v) && v < '1900') {
      return { reason: 'out_of_range', field: f, text: `${f} is ${v}, before 1900-01-01 (the earliest date the stores keep)` };
    }
  }
  return undefined;
}

const DATE_FIELDS: Partial<Record<Stream, string[]>> = { campaigns: ['start_date', 'end_date'] };

/** U+0000, or half of a UTF-16 surrogate pair without its other half (only from a \\u escape). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The same characters, replaced by U+FFFD: what a rejection's sample and message keep. */
export function storable(text: string): string {
  return UNSTORABLE.test(text) ? text.replace(new RegExp(UNSTORABLE.source, 'g'), '\ufffd') : text;
}

/**
 * The first field (of the stream's schema) holding a string PostgreSQL cannot store: U+0000
 * (22P05) or a lone surrogate (22021 / invalid JSON for ClickHouse). A per-line rejection, so one
 * such value never fails the batch; ClickHouse streams get the same rule, one contract for all.
 */
function unstorableField(stream: Stream, value: Record<string, unknown>): { reason: Reason; field: string; text: string } | undefined {
  for (const f of Object.keys((SCHEMAS[stream] as unknown as { shape: Record<string, unknown> }).shape)) {
    const v = value[f];
    const strings = typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    for (const s of strings) {
      const m = UNSTORABLE.exec(s);
      if (!m) continue;
      const what = m[0] === '\u0000' ? 'U+0000 (NUL)' : `a lone UTF-16 surrogate (U+${m[0].charCodeAt(0).toString(16).toUpperCase()})`;
      return { reason: 'invalid_format', field: f, text: `${f} contains ${what}, which the stores cannot keep` };
    }
  }
  return undefined;
}

export const SCHEMAS = {
  'video-events': zVideoEvent,
  'ad-events': zAdEvent,
  'request-metrics': zRequestMetric,
  users: zUser,
  videos: zVideo,
  follows: zFollow,
  advertisers: zAdvertiser,
  campaigns: zCampaign,
  transactions: zTransaction,
  reports: zReport,
} satisfies Record<Stream, z.ZodType>;

const show = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'object') return Array.isArray(v) ? 'an array' : 'an object';
  return String(v);
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p] : undefined;
  return v;
}

/** One issue as a reason code and a sentence ("watch_ms must be at least 0 (got -5)"). */
function describeIssue(issue: z.core.$ZodIssue, input: unknown): { reason: Reason; field: string | null; text: string } {
  const field = issue.path.length ? issue.path.map(String).join('.') : null;
  const name = field ?? 'the line';
  const got = valueAt(input, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (got === undefined) return { reason: 'missing_field', field, text: `${name} is required` };
      return {
        reason: 'invalid_type',
        field,
        text: `${name} must be ${issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`} (got ${typeof got === 'string' ? 'the string ' : ''}${show(got)})`,
      };
    case 'invalid_value':
      return { reason: 'invalid_enum', field, text: `${name} must be one of ${issue.values.map(String).join(', ')} (got ${show(got)})` };
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = String(small ? (issue as { minimum: unknown }).minimum : (issue as { maximum: unknown }).maximum);
      if (issue.origin === 'string') {
        const len = typeof got === 'string' ? got.length : 0;
        return small
          ? {
              reason: bound === '1' ? 'missing_field' : 'out_of_range',
              field,
              text: bound === '1' ? `${name} must not be empty` : `${name} must have at least ${bound} characters (got ${len})`,
            }
          : { reason: 'too_long', field, text: `${name} must have at most ${bound} characters (got ${len})` };
      }
      if (issue.origin === 'array')
        return {
          reason: 'too_long',
          field,
          text: `${name} must have ${small ? 'at least' : 'at most'} ${bound} items (got ${Array.isArray(got) ? got.length : 0})`,
        };
      if (
        issue.origin === 'number' &&
        typeof got === 'number' &&
        !Number.isInteger(got) &&
        issue.code === 'too_big' &&
        bound === String(Number.MAX_SAFE_INTEGER)
      ) {
        return { reason: 'out_of_range', field, text: `${name} is too large` };
      }
      return { reason: 'out_of_range', field, text: `${name} must be ${small ? 'at least' : 'at most'} ${bound} (got ${show(got)})` };
    }
    case 'invalid_format': {
      const fmt = issue.format;
      if (fmt === 'datetime')
        return {
          reason: 'invalid_timestamp',
          field,
          text: `${name} must be an ISO-8601 timestamp with Z or an offset, such as 2026-11-22T10:15:00Z (got ${show(got)})`,
        };
      if (fmt === 'date') return { reason: 'invalid_timestamp', field, text: `${name} must be a date YYYY-MM-DD (got ${show(got)})` };
      if (fmt === 'uuid') return { reason: 'invalid_format', field, text: `${name} must be a UUID (got ${show(got)})` };
      if (fmt === 'email') return { reason: 'invalid_format', field, text: `${name} must be an email address (got ${show(got)})` };
      return { reason: 'invalid_format', field, text: `${name} ${issue.message.replace(/^Invalid /, 'is not a valid ')} (got ${show(got)})` };
    }
    case 'custom': {
      const reason = (issue.params as { reason?: Reason } | undefined)?.reason ?? 'invalid_format';
      return { reason, field, text: field ? `${name} ${issue.message}` : issue.message };
    }
    default:
      return { reason: 'invalid_format', field, text: `${name}: ${issue.message}` };
  }
}

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: Reason; field: string | null; error: string };

/** Validates one parsed line; the error names every problem (up to three), the reason the first. */
export function checkLine<S extends Stream>(stream: S, input: unknown, now = Date.now()): Checked<z.output<(typeof SCHEMAS)[S]>> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return {
      ok: false,
      reason: 'not_an_object',
      field: null,
      error: `a line must be one JSON object (got ${Array.isArray(input) ? 'an array' : show(input)})`,
    };
  }
  // The hot event streams: a hand-written check accepts the lines valid beyond doubt (event-check.ts);
  // every other line, and every rejection, is the schema's.
  const fast = FAST[stream];
  if (fast) {
    const value = fast(input as Record<string, unknown>, windowAt(now));
    if (value) return { ok: true, value: value as z.output<(typeof SCHEMAS)[S]> };
  }
  const res = (SCHEMAS[stream] as z.ZodType).safeParse(input);
  const described = res.success ? [] : res.error.issues.map((i) => describeIssue(i, input));
  // Timestamps that parsed are checked against their window too, so one answer names every problem.
  for (const extra of [checkTimes(stream, input as Record<string, unknown>, now), unstorableField(stream, input as Record<string, unknown>)]) {
    if (extra && !described.some((d) => d.field === extra.field)) described.push(extra);
  }
  if (described.length === 0) return { ok: true, value: res.data as z.output<(typeof SCHEMAS)[S]> };
  described.sort((a, b) => order(stream, a.field) - order(stream, b.field));
  const first = described[0]!;
  const more = described.length > 3 ? `; and ${described.length - 3} more` : '';
  return {
    ok: false,
    reason: first.reason,
    field: first.field,
    error:
      described
        .slice(0, 3)
        .map((d) => d.text)
        .join('; ') + more,
  };
}

const FAST: Partial<Record<Stream, (v: Record<string, unknown>, w: TimeWindow) => unknown>> = { 'video-events': fastVideoEvent, 'ad-events': fastAdEvent };

/** The event-time window of checkTimes at `now` (kept for the next line: a batch has one `now`). */
let lastWindow: { now: number; w: TimeWindow } | undefined;
export function windowAt(now: number): TimeWindow {
  if (lastWindow?.now !== now) lastWindow = { now, w: { from: Math.max(MIN_TIME_MS, now - MAX_EVENT_AGE_MS), to: now + FUTURE_TOLERANCE_MS } };
  return lastWindow.w;
}

/** Issues are reported in the order of the schema's fields. */
function order(stream: Stream, field: string | null): number {
  if (field === null) return -1;
  const keys = Object.keys((SCHEMAS[stream] as unknown as { shape: Record<string, unknown> }).shape);
  const i = keys.indexOf(field.split('.')[0]!);
  return i === -1 ? keys.length : i;
}
