// The fast check of the two hot event streams (video-events, ad-events; docs/ingest-speed.md,
// "Where the time went"): a hand-written test of every rule of the zod schema (event-schemas.ts)
// and of the time window and storable strings (ingest.schemas.ts), run first on each line. It
// only ever says "valid, and here is the value zod would give" or "not sure": any line it does
// not accept whole goes through the zod schema, which decides and words the rejection, so the
// answers and reasons are the schema's own. The UUID and timestamp patterns are the schema's
// own regular expressions (zod's `_zod.pattern`); without them the fast check is off. The strict
// line reader (event-scan.ts) applies these same rules to the values it reads.
import { zAdEvent, zVideoEvent, type AdEvent, type VideoEvent } from './event-schemas.js';
import { DEVICE_MAX, MAX_MONEY_MICROS, REGION_CODE } from './schema-fields.js';

const patternOf = (schema: unknown): RegExp | undefined => {
  const p = (schema as { _zod?: { pattern?: unknown } })._zod?.pattern;
  return p instanceof RegExp ? p : undefined;
};
const same = (a: RegExp | undefined, b: RegExp | undefined) => a !== undefined && b !== undefined && a.source === b.source && a.flags === b.flags;
export const UUID = patternOf(zVideoEvent.shape.event_id);
export const DATETIME = patternOf(zVideoEvent.shape.ts);
/** Both streams' schemas take the same patterns (each schema holds its own copy). */
export const ON = same(UUID, patternOf(zAdEvent.shape.event_id)) && same(DATETIME, patternOf(zAdEvent.shape.ts));

export const VIDEO_TYPES = new Set<unknown>(zVideoEvent.shape.type.options);
export const AD_TYPES = new Set<unknown>(zAdEvent.shape.type.options);
/** U+0000 or a lone surrogate (the stores cannot keep them): a device name with one goes to zod. */
const UNSTORABLE = /\u0000|[\ud800-\udfff]/;
export const MAX_MS = 86_400_000;

export const int = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
export const optionalInt = (v: unknown, min: number, max: number): number | undefined => (v === undefined ? 0 : int(v, min, max) ? v : undefined);
export const isRegion = (v: unknown): v is string => typeof v === 'string' && REGION_CODE.test(v);
export const isDevice = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= DEVICE_MAX && !UNSTORABLE.test(v);

/** The event time in ms when `ts` is a timestamp inside [from, to]; otherwise undefined. */
export function eventTime(v: unknown, from: number, to: number): number | undefined {
  if (typeof v !== 'string' || !DATETIME!.test(v)) return undefined;
  const ms = Date.parse(v);
  return ms >= from && ms <= to ? ms : undefined;
}

/** The window an event time must lie in (ingest.schemas.ts checkTimes): [now − 400 days, now + 5 min], and not before 1900. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** A video event as zod outputs it, when the line is valid beyond doubt; undefined otherwise. */
export function fastVideoEvent(v: Record<string, unknown>, w: TimeWindow): VideoEvent | undefined {
  if (!ON) return undefined;
  const { event_id, ts, type, video_id, creator_id, user_id, region, device } = v;
  if (typeof event_id !== 'string' || !UUID!.test(event_id) || eventTime(ts, w.from, w.to) === undefined || !VIDEO_TYPES.has(type)) return undefined;
  if (!int(video_id, 1, Number.MAX_SAFE_INTEGER) || !int(creator_id, 1, Number.MAX_SAFE_INTEGER) || !int(user_id, 0, Number.MAX_SAFE_INTEGER)) return undefined;
  const watch_ms = optionalInt(v.watch_ms, 0, MAX_MS);
  if (watch_ms === undefined || !isRegion(region) || !isDevice(device)) return undefined;
  return { event_id, ts: ts as string, type: type as VideoEvent['type'], video_id, creator_id, user_id, watch_ms, region, device };
}

/** An ad event as zod outputs it, when the line is valid beyond doubt; undefined otherwise. */
export function fastAdEvent(v: Record<string, unknown>, w: TimeWindow): AdEvent | undefined {
  if (!ON) return undefined;
  const { event_id, ts, type, advertiser_id, campaign_id, user_id, region, device } = v;
  if (typeof event_id !== 'string' || !UUID!.test(event_id) || eventTime(ts, w.from, w.to) === undefined || !AD_TYPES.has(type)) return undefined;
  if (!int(advertiser_id, 1, Number.MAX_SAFE_INTEGER) || !int(campaign_id, 1, Number.MAX_SAFE_INTEGER) || !int(user_id, 0, Number.MAX_SAFE_INTEGER))
    return undefined;
  const cost_micros = optionalInt(v.cost_micros, 0, MAX_MONEY_MICROS);
  const conversion_value_micros = optionalInt(v.conversion_value_micros, 0, MAX_MONEY_MICROS);
  const play_ms = optionalInt(v.play_ms, 0, MAX_MS);
  if (cost_micros === undefined || conversion_value_micros === undefined || play_ms === undefined || !isRegion(region) || !isDevice(device)) return undefined;
  return {
    event_id,
    ts: ts as string,
    type: type as AdEvent['type'],
    advertiser_id,
    campaign_id,
    user_id,
    cost_micros,
    conversion_value_micros,
    play_ms,
    region,
    device,
  };
}
