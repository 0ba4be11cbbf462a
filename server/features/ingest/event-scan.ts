// The strict line reader of the two hot event streams on the embedded engine (docs/ingest-speed.md,
// "The line as the insert's row"). Most lines a pipeline sends are plain: one flat JSON object,
// the stream's own fields once each, strings without escapes, integers written as digits. For such
// a line the reader takes the few values the console needs (event_id, ts, the ids PostgreSQL is
// asked about) straight from the text, applies every rule of the fast check (event-check.ts: the
// schema's own patterns, the time window, storable strings), and keeps the line's own text as the
// row ClickHouse reads: no object of nine fields built by JSON.parse, none serialized again by
// JSON.stringify. Anything else (an unknown or repeated field, an escape, a fraction or exponent,
// null, a nested value, a value the rules reject) is "not sure": the line goes through JSON.parse,
// the fast check and zod exactly as before, which decide and word any rejection.
//
// Why the text can go to ClickHouse as it is: on this subset of JSON the engine's JSONEachRow
// reader and JSON.parse read the same values (no escapes to interpret, no number to round, no key
// twice, no key the table would take that the schema drops), so the row stored is the one the
// JSON.stringify of zod's value would have made. Optional fields the line leaves out are written
// out with zod's default (0), so the row never rests on the table's column defaults.
import { AD_TYPES, eventTime, int, isDevice, isRegion, MAX_MS, ON, optionalInt, UUID, VIDEO_TYPES, type TimeWindow } from './event-check.js';
import { MAX_MONEY_MICROS } from './schema-fields.js';

/** A line read by the strict reader: what the console needs of it, and the row as text. */
export type ScannedEvent = {
  event_id: string;
  ts: string;
  /**
   * The line's JSON object without its closing brace is the body's text from `start` to `close`
   * (the brace), followed by REST_TEXT[rest] (the optional fields it left out, with their defaults):
   * the insert appends the console's own columns and the brace (event-body.ts). Offsets, not a
   * string: an ASCII body's row is copied byte for byte, with no string per row (docs/ingest-speed.md,
   * session 11).
   */
  start: number;
  close: number;
  rest: number;
  /** The event time in ms (Date.parse of ts), read once: the id check takes the batch's time span from it. */
  at: number;
};
/** Set by the writer from PostgreSQL's answer (here 0), present from the start so the row's shape never changes. */
export type ScannedVideoEvent = ScannedEvent & { video_id: number; creator_id: number; video_duration_ms: number; orphan: number };
export type ScannedAdEvent = ScannedEvent & { advertiser_id: number; campaign_id: number; orphan: number };

/**
 * The optional fields a plain line left out, written with zod's default, by `rest`: bits 1, 2, 4 for
 * an ad event's cost_micros, conversion_value_micros and play_ms (in that order), 8 for a video
 * event's watch_ms.
 */
export const REST_TEXT: readonly string[] = Array.from({ length: 9 }, (_, i) =>
  i === 8 ? ',"watch_ms":0' : `${i & 1 ? ',"cost_micros":0' : ''}${i & 2 ? ',"conversion_value_micros":0' : ''}${i & 4 ? ',"play_ms":0' : ''}`,
);

/** The row's text without its closing brace (the console's columns follow): the line's own fields and REST_TEXT. */
export const scannedHead = (text: string, r: ScannedEvent) => text.slice(r.start, r.close) + REST_TEXT[r.rest]!;

const MAX_ID = Number.MAX_SAFE_INTEGER;
const isWs = (c: number) => c === 32 || c === 9 || c === 13 || c === 10;

/**
 * The end of a string's contents from `i` (just past its opening quote), or -1 at an escape, a
 * control character or `n`. In a `clean` text (no backslash or control character anywhere) the
 * next quote is the end.
 */
function stringEnd(s: string, i: number, n: number, clean: boolean): number {
  if (clean) {
    const q = s.indexOf('"', i);
    return q >= 0 && q < n ? q : -1;
  }
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) return i;
    if (c === 92 || c < 32) return -1;
  }
  return -1;
}

/**
 * A backslash or a control character other than LF (which ends lines): a body without any is
 * `clean`. CR counts: inside a string it is not JSON (a body with CRLF line ends is read the slow way).
 */
const UNCLEAN = /[\u0000-\u0009\u000b-\u001f\\]/;
/** Whether a body's text is clean (stringEnd): one native scan of the whole body. */
export const isClean = (text: string) => !UNCLEAN.test(text);

/**
 * Reads `s` from `start` to `n` (a line of the body: the body's own string, not a slice of it, is
 * read several times faster) as one flat object whose keys are among `names`, each at most once,
 * with values that are strings without escapes or integers written as plain digits (no sign,
 * fraction, exponent or leading zero; at most Number.MAX_SAFE_INTEGER). Values go to `out` at their
 * name's index. Answers the index of the closing brace, or -1 when the line is anything else.
 */
export function scanFlatObject(s: string, start: number, n: number, names: readonly string[], out: unknown[], clean = false): number {
  let i = start;
  let next = 0;
  while (i < n && isWs(s.charCodeAt(i))) i++;
  if (s.charCodeAt(i) !== 123) return -1;
  i++;
  let seen = 0;
  for (;;) {
    while (i < n && isWs(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== 34) return -1;
    const k0 = i + 1;
    const k1 = stringEnd(s, k0, n, clean);
    if (k1 < 0) return -1;
    // Keys usually come in the schema's order: the next name is tried first.
    let f = -1;
    const guess = names[next];
    if (guess !== undefined && guess.length === k1 - k0 && s.startsWith(guess, k0)) f = next;
    else
      for (let x = 0; x < names.length; x++) {
        const name = names[x]!;
        if (name.length === k1 - k0 && s.startsWith(name, k0)) {
          f = x;
          break;
        }
      }
    next = f + 1;
    if (f < 0 || seen & (1 << f)) return -1;
    seen |= 1 << f;
    i = k1 + 1;
    while (i < n && isWs(s.charCodeAt(i))) i++;
    if (s.charCodeAt(i) !== 58) return -1;
    i++;
    while (i < n && isWs(s.charCodeAt(i))) i++;
    const c = s.charCodeAt(i);
    if (c === 34) {
      const v1 = stringEnd(s, i + 1, n, clean);
      if (v1 < 0) return -1;
      out[f] = s.slice(i + 1, v1);
      i = v1 + 1;
    } else if (c >= 48 && c <= 57) {
      const v0 = i;
      let v = 0;
      for (; i < n; i++) {
        const d = s.charCodeAt(i);
        if (d < 48 || d > 57) break;
        v = v * 10 + (d - 48);
      }
      // Up to 16 digits the sum is exact below 2^53, and a larger value is above MAX_SAFE_INTEGER.
      if ((c === 48 && i - v0 > 1) || i - v0 > 16 || v > MAX_ID) return -1;
      out[f] = v;
    } else return -1;
    while (i < n && isWs(s.charCodeAt(i))) i++;
    const sep = s.charCodeAt(i);
    if (sep === 44) {
      i++;
      continue;
    }
    if (sep !== 125) return -1;
    const close = i;
    for (i++; i < n; i++) if (!isWs(s.charCodeAt(i))) return -1;
    return close;
  }
}

const VIDEO_FIELDS = ['event_id', 'ts', 'type', 'video_id', 'creator_id', 'user_id', 'watch_ms', 'region', 'device'] as const;
const AD_FIELDS = [
  'event_id',
  'ts',
  'type',
  'advertiser_id',
  'campaign_id',
  'user_id',
  'cost_micros',
  'conversion_value_micros',
  'play_ms',
  'region',
  'device',
] as const;
const slots: unknown[] = new Array(AD_FIELDS.length);

/**
 * The line of `text` from `start` to `end`, when the strict reader reads it whole as a video event
 * valid beyond doubt; undefined otherwise.
 */
export function scanVideoLine(text: string, start: number, end: number, w: TimeWindow, clean = false): ScannedVideoEvent | undefined {
  if (!ON) return undefined;
  slots.fill(undefined);
  const close = scanFlatObject(text, start, end, VIDEO_FIELDS, slots, clean);
  if (close < 0) return undefined;
  const [event_id, ts, type, video_id, creator_id, user_id, watch_ms, region, device] = slots;
  if (typeof event_id !== 'string' || !UUID!.test(event_id)) return undefined;
  const at = eventTime(ts, w.from, w.to);
  if (at === undefined || !VIDEO_TYPES.has(type)) return undefined;
  if (!int(video_id, 1, MAX_ID) || !int(creator_id, 1, MAX_ID) || !int(user_id, 0, MAX_ID)) return undefined;
  if (optionalInt(watch_ms, 0, MAX_MS) === undefined || !isRegion(region) || !isDevice(device)) return undefined;
  const rest = watch_ms === undefined ? 8 : 0;
  return { event_id, ts: ts as string, video_id, creator_id, at, start, close, rest, video_duration_ms: 0, orphan: 0 };
}

/** The same for an ad event. */
export function scanAdLine(text: string, start: number, end: number, w: TimeWindow, clean = false): ScannedAdEvent | undefined {
  if (!ON) return undefined;
  slots.fill(undefined);
  const close = scanFlatObject(text, start, end, AD_FIELDS, slots, clean);
  if (close < 0) return undefined;
  const [event_id, ts, type, advertiser_id, campaign_id, user_id, cost, conversion, play_ms, region, device] = slots;
  if (typeof event_id !== 'string' || !UUID!.test(event_id)) return undefined;
  const at = eventTime(ts, w.from, w.to);
  if (at === undefined || !AD_TYPES.has(type)) return undefined;
  if (!int(advertiser_id, 1, MAX_ID) || !int(campaign_id, 1, MAX_ID) || !int(user_id, 0, MAX_ID)) return undefined;
  if (optionalInt(cost, 0, MAX_MONEY_MICROS) === undefined || optionalInt(conversion, 0, MAX_MONEY_MICROS) === undefined) return undefined;
  if (optionalInt(play_ms, 0, MAX_MS) === undefined || !isRegion(region) || !isDevice(device)) return undefined;
  const rest = (cost === undefined ? 1 : 0) | (conversion === undefined ? 2 : 0) | (play_ms === undefined ? 4 : 0);
  return { event_id, ts: ts as string, advertiser_id, campaign_id, at, start, close, rest, orphan: 0 };
}

/** Whether a row came from the strict reader (its text is the insert's row). */
export const isScanned = (row: object): row is ScannedEvent => 'close' in row;
