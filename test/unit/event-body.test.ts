// The insert body of an events batch on the embedded engine (event-body.ts): a row the strict reader
// took is its line's text up to the brace, the defaults it left out, then the console's columns; any
// other row is JSON.stringify of its object. The lines expected are written out here by hand; an ASCII
// body (copied byte for byte) and a body with other text (written as UTF-8) give the same rows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { EventBody } from '../../server/features/ingest/event-body.js';
import { scanAdLine, scanVideoLine } from '../../server/features/ingest/event-scan.js';

const W = { from: 0, to: Date.parse('2030-01-01T00:00:00Z') };
const ID1 = '6f1c8c0e-8a8e-4d3c-9a55-1c2b3d4e5f60';
const ID2 = '6f1c8c0e-8a8e-4d3c-9a55-1c2b3d4e5f61';
const TAIL = ',"ingest_token":"ingest-t"}';

function body(text: string, rows: Record<string, unknown>[]) {
  const bytes = Buffer.from(text, 'utf8');
  const b = new EventBody({ text, ascii: isAscii(bytes) ? bytes : undefined }, 'ingest-t');
  b.add(rows.slice(0, 1));
  b.add(rows.slice(1));
  assert.equal(b.rows, rows.length);
  return b.bytes().toString('utf8');
}

for (const device of ['ios', 'télé']) {
  test(`video rows from ${device === 'ios' ? 'an ASCII' : 'a non-ASCII'} body: line text, defaults, duration, orphan, token`, () => {
    const l1 = `{"event_id":"${ID1}","ts":"2026-11-22T11:59:00Z","type":"like","video_id":1,"creator_id":2,"user_id":0,"region":"US","device":"${device}"}`;
    const l2 = ` {"event_id":"${ID2}","ts":"2026-11-22T11:59:01Z","type":"view","video_id":3,"creator_id":4,"user_id":5,"watch_ms":6,"region":"IN","device":"web"} `;
    const text = `${l1}\n${l2}`;
    const a = scanVideoLine(text, 0, l1.length, W)!;
    const b = scanVideoLine(text, l1.length + 1, text.length, W)!;
    a.video_duration_ms = 30000;
    b.orphan = 1;
    // A row not taken by the strict reader (its object as validated, with the console's columns).
    const c = { event_id: ID2, ts: '2026-11-22T11:59:02.000Z', video_id: 7, video_duration_ms: 0, orphan: 1, ingest_token: 'ingest-t' };
    assert.equal(
      body(text, [a, b, c]),
      `{"event_id":"${ID1}","ts":"2026-11-22T11:59:00Z","type":"like","video_id":1,"creator_id":2,"user_id":0,"region":"US","device":"${device}","watch_ms":0,"video_duration_ms":30000,"orphan":0${TAIL}\n` +
        ` {"event_id":"${ID2}","ts":"2026-11-22T11:59:01Z","type":"view","video_id":3,"creator_id":4,"user_id":5,"watch_ms":6,"region":"IN","device":"web","video_duration_ms":0,"orphan":1${TAIL}\n` +
        `{"event_id":"${ID2}","ts":"2026-11-22T11:59:02.000Z","video_id":7,"video_duration_ms":0,"orphan":1,"ingest_token":"ingest-t"}\n`,
    );
  });
}

test('ad rows: the money and play defaults in order, no duration', () => {
  const line = `{"event_id":"${ID1}","ts":"2026-11-22T11:59:00Z","type":"click","advertiser_id":4,"campaign_id":5,"user_id":6,"conversion_value_micros":9,"region":"BR","device":"web"}`;
  const r = scanAdLine(line, 0, line.length, W)!;
  assert.equal(body(line, [r, r]), `${line.slice(0, -1)},"cost_micros":0,"play_ms":0,"orphan":0${TAIL}\n`.repeat(2));
});
