// The NDJSON body of a video or ad events batch's insert on the embedded engine (event-writer.ts),
// written a range of rows at a time, as each range's id check answers which rows are fresh. A row
// the strict reader took (event-scan.ts) is its line's text up to the closing brace, the defaults of
// the optional fields it left out, then the console's columns and the brace; any other row is
// JSON.stringify of its validated object. When the body is all ASCII, a scanned row's text is copied
// byte for byte from the request's own bytes (a character's offset is its byte's) and its tail from
// a few buffers made once per batch: no string per row, no join, no copy of the whole body
// (docs/ingest-speed.md, session 11).
import { isScanned, REST_TEXT } from './event-scan.js';
import type { LineSource } from './ingest.parse.js';

/** The largest video duration whose tail is kept for reuse (the tails' key must stay an exact integer). */
const MAX_KEYED_MS = 2 ** 40;

export class EventBody {
  private buf = Buffer.alloc(0);
  private pos = 0;
  /** Rows written so far. */
  rows = 0;
  private readonly tokenTail: string;
  /** A scanned row's tail (defaults, duration, orphan, token, brace, newline) by its values: the batch has few distinct ones. */
  private readonly tails = new Map<number, Buffer>();

  constructor(
    private readonly source: LineSource,
    token: string,
  ) {
    this.tokenTail = `,"ingest_token":${JSON.stringify(token)}}\n`;
  }

  /** Appends `rows` (objects with the console's columns set: orphan, video_duration_ms for video events, ingest_token if not scanned). */
  add(rows: readonly Record<string, unknown>[]): void {
    const { text, ascii } = this.source;
    for (const r of rows) {
      this.rows++;
      if (!isScanned(r)) {
        this.writeText(`${JSON.stringify(r)}\n`);
        continue;
      }
      const tail = this.tail(r.rest, (r as { video_duration_ms?: unknown }).video_duration_ms, (r as { orphan?: unknown }).orphan);
      if (ascii) {
        this.ensure(r.close - r.start + tail.length);
        this.pos += ascii.copy(this.buf, this.pos, r.start, r.close);
      } else {
        this.writeText(text.slice(r.start, r.close));
        this.ensure(tail.length);
      }
      this.pos += tail.copy(this.buf, this.pos);
    }
  }

  /** The body written so far. */
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  /** REST_TEXT[rest], the duration (video events), the orphan flag, the token and the brace: what follows a scanned line's own text. */
  private tail(rest: number, d: unknown, orphan: unknown): Buffer {
    const o = orphan === 1 ? 1 : 0;
    const keyed = d === undefined || (typeof d === 'number' && Number.isSafeInteger(d) && d >= 0 && d < MAX_KEYED_MS);
    const key = keyed ? ((d === undefined ? 0 : (d as number) + 1) * 2 + o) * 16 + rest : -1;
    const hit = keyed ? this.tails.get(key) : undefined;
    if (hit) return hit;
    const tail = Buffer.from(`${REST_TEXT[rest]}${d === undefined ? '' : `,"video_duration_ms":${d}`},"orphan":${o}${this.tokenTail}`, 'utf8');
    if (keyed) this.tails.set(key, tail);
    return tail;
  }

  private writeText(s: string): void {
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** Room for `n` more bytes: at first about twice the request's text (the console's columns add ~130 bytes a row), doubled when short. */
  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.pos + n, this.buf.length * 2, this.source.text.length * 2 + 65_536));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
}
