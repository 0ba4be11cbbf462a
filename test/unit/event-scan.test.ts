// The strict line reader of video and ad events (event-scan.ts): a plain line gives the values
// written out here by hand and its own text as the insert's row (optional fields it left out
// written with 0); every line outside the strict subset of JSON, and every line the fast check's
// rules would not accept, gives undefined, so JSON.parse and zod decide as before.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isClean,
  scanAdLine as scanAd,
  scanFlatObject,
  scannedHead,
  scanVideoLine as scanVideo,
  type ScannedEvent,
} from '../../server/features/ingest/event-scan.js';

/**
 * A line alone, and the same line inside a body (between two others), read character by character
 * and, when the body has no backslash or control character (isClean), quote to quote: all alike.
 * A result is shown with its row's text (`head`, from the offsets it gives and REST_TEXT) instead of
 * the offsets, which depend on where the line sits; the columns the writer sets start at 0.
 */
type W = { from: number; to: number };
function view<T extends ScannedEvent & { orphan: number; video_duration_ms?: number }>(text: string, got: T | undefined) {
  if (!got) return undefined;
  const { start, close, rest, orphan, video_duration_ms, ...values } = got;
  assert.equal(orphan, 0);
  assert.ok(video_duration_ms === undefined || video_duration_ms === 0);
  assert.equal(text[close], '}');
  return { ...values, head: scannedHead(text, got) };
}
function scanVideoLine(line: string, w: W) {
  const body = `{"x":1}\n${line}\n{}`;
  const alone = view(line, scanVideo(line, 0, line.length, w));
  assert.deepEqual(view(body, scanVideo(body, 8, 8 + line.length, w)), alone);
  assert.deepEqual(view(body, scanVideo(body, 8, 8 + line.length, w, isClean(body))), alone);
  return alone;
}
function scanAdLine(line: string, w: W) {
  const body = `[]\n${line}\n`;
  const alone = view(line, scanAd(line, 0, line.length, w));
  assert.deepEqual(view(body, scanAd(body, 3, 3 + line.length, w)), alone);
  assert.deepEqual(view(body, scanAd(body, 3, 3 + line.length, w, isClean(body))), alone);
  return alone;
}

const NOW = Date.parse('2026-11-22T12:00:00Z');
// checkTimes' window at NOW: 400 days back, 5 minutes ahead.
const W = { from: NOW - 400 * 86_400_000, to: NOW + 5 * 60_000 };
const ID = '6f1c8c0e-8a8e-4d3c-9a55-1c2b3d4e5f60';
const VIDEO =
  '{"event_id":"6f1c8c0e-8a8e-4d3c-9a55-1c2b3d4e5f60","ts":"2026-11-22T11:59:00.123+05:30","type":"like","video_id":1,"creator_id":2,"user_id":0,"region":"US","device":"ios"}';

test('a plain video event: its values, and its text (watch_ms written as 0) as the row', () => {
  const got = scanVideoLine(VIDEO, W);
  assert.deepEqual(got, {
    event_id: ID,
    ts: '2026-11-22T11:59:00.123+05:30',
    video_id: 1,
    creator_id: 2,
    head: `${VIDEO.slice(0, -1)},"watch_ms":0`,
    at: Date.parse('2026-11-22T11:59:00.123+05:30'),
  });
  // The row ClickHouse reads: the line's own fields, watch_ms with zod's default.
  assert.deepEqual(JSON.parse(`${got!.head}}`), {
    event_id: ID,
    ts: '2026-11-22T11:59:00.123+05:30',
    type: 'like',
    video_id: 1,
    creator_id: 2,
    user_id: 0,
    region: 'US',
    device: 'ios',
    watch_ms: 0,
  });
  // Whitespace between tokens, fields in another order, watch_ms given, the largest safe id, non-ASCII.
  const spaced = ` { "watch_ms" : 86400000 ,\t"device":"télé", "region":"in-01","user_id":9007199254740991,"creator_id":7,"video_id":10,"type":"view","ts":"2026-11-22T12:05:00Z","event_id":"${ID.toUpperCase()}" }\r `;
  assert.deepEqual(scanVideoLine(spaced, W), {
    event_id: ID.toUpperCase(),
    ts: '2026-11-22T12:05:00Z',
    video_id: 10,
    creator_id: 7,
    head: spaced.slice(0, spaced.lastIndexOf('}')),
    at: Date.parse('2026-11-22T12:05:00Z'),
  });
});

test('a plain ad event: the money and play fields it left out are written as 0', () => {
  const line = `{"event_id":"${ID}","ts":"2026-11-22T11:59:00Z","type":"click","advertiser_id":4,"campaign_id":5,"user_id":6,"play_ms":3,"region":"BR","device":"web"}`;
  const got = scanAdLine(line, W);
  assert.deepEqual(got, {
    event_id: ID,
    ts: '2026-11-22T11:59:00Z',
    advertiser_id: 4,
    campaign_id: 5,
    head: `${line.slice(0, -1)},"cost_micros":0,"conversion_value_micros":0`,
    at: Date.parse('2026-11-22T11:59:00Z'),
  });
  const full = `{"event_id":"${ID}","ts":"2026-11-22T11:59:00Z","type":"conversion","advertiser_id":4,"campaign_id":5,"user_id":6,"cost_micros":1000000000000,"conversion_value_micros":0,"play_ms":0,"region":"BR","device":"web"}`;
  assert.equal(scanAdLine(full, W)?.head, full.slice(0, -1));
  assert.equal(scanAdLine(full.replace('1000000000000', '1000000000001'), W), undefined);
});

test('every line outside the strict subset, or against a rule, is left to JSON.parse and zod', () => {
  const swap = (from: string, to: string) => {
    assert.ok(VIDEO.includes(from), from);
    return VIDEO.replace(from, to);
  };
  const left = [
    swap('"device":"ios"', '"device":"ios","extra":1'), // a field the schema drops
    swap('"video_id":1', '"video_id":1,"video_id":2'), // a field twice
    swap('"device":"ios"', '"device":"i\\u006fs"'), // an escape
    swap('"device"', '"d\\u0065vice"'), // an escape in a key
    swap('"user_id":0', '"user_id":0.0'),
    swap('"user_id":0', '"user_id":1e3'),
    swap('"user_id":0', '"user_id":-0'),
    swap('"user_id":0', '"user_id":01'),
    swap('"user_id":0', '"user_id":null'),
    swap('"user_id":0', '"user_id":true'),
    swap('"user_id":0', '"user_id":{}'),
    swap('"user_id":0', '"user_id":[0]'),
    swap('"user_id":0', '"user_id":9007199254740992'), // 2^53
    swap('"user_id":0', '"user_id":12345678901234567'), // 17 digits
    swap('"user_id":0', '"user_id":"0"'),
    swap('"device":"ios"', '"device":"i\tos"'), // a raw control character (not JSON)
    swap('"device":"ios"', '"device":"i\ros"'),
    swap('"region":"US",', ''), // a required field missing
    swap('"type":"like"', '"type":"LIKE"'),
    swap('"video_id":1', '"video_id":0'),
    swap('"ts":"2026-11-22T11:59:00.123+05:30"', '"ts":"2026-11-22T12:05:01Z"'), // past the window
    swap('"ts":"2026-11-22T11:59:00.123+05:30"', '"ts":"2026-11-22 11:59:00Z"'),
    swap('"event_id":"6f1c8c0e-8a8e-4d3c', '"event_id":"6f1c8c0e-8a8e-9d3c'), // not a UUID to zod
    swap('"device":"ios"', `"device":"${'x'.repeat(33)}"`),
    swap('"device":"ios"', '"device":"i\ud83d\ude00"'), // a surrogate pair: zod decides
    `${VIDEO} x`, // text after the object
    `\ufeff${VIDEO}`, // a byte-order mark
    VIDEO.slice(0, -1), // no closing brace
    `[${VIDEO}]`,
    '{}',
  ];
  for (const line of left) assert.equal(scanVideoLine(line, W), undefined, line);
  // The ad reader takes no video field.
  assert.equal(scanAdLine(VIDEO, W), undefined);
});

test('the flat-object reader: values by name, the closing brace, -1 otherwise', () => {
  const out: unknown[] = [];
  assert.equal(scanFlatObject('{"b":"x y","a":12}', 0, 18, ['a', 'b'], out), 17);
  assert.deepEqual(out, [12, 'x y']);
  // A line inside a longer text: only its own part is read.
  const second: unknown[] = [];
  assert.equal(scanFlatObject('{"a":1}\n{"a":2}', 8, 15, ['a'], second), 14);
  assert.deepEqual(second, [2]);
  assert.equal(scanFlatObject('{"a":1}\n{"a":2}', 0, 7, ['a'], second), 6);
  assert.deepEqual(second, [1]);
  assert.equal(scanFlatObject('{"a":1,}', 0, 8, ['a'], []), -1);
  assert.equal(scanFlatObject('{"a" 1}', 0, 7, ['a'], []), -1);
  assert.equal(scanFlatObject('{"a":1', 0, 6, ['a'], []), -1);
  assert.equal(scanFlatObject('{"a":"x}', 0, 8, ['a'], []), -1);
  // Quote to quote in a clean text: a string left open runs into the next line, which is not this one.
  assert.equal(scanFlatObject('{"a":"x}\n{"a":"y"}', 0, 8, ['a'], [], true), -1);
  assert.deepEqual(
    [isClean('{"a":"x"}\n{}'), isClean('{"a":"x"}\r\n{}'), isClean('{"a":"\\n"}'), isClean('{"a":"\t"}'), isClean('{"a":"\u0000"}')],
    [true, false, false, false, false],
  );
});
