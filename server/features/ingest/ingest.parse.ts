// Reading a batch's body line by line (1-based; blank lines skipped), a range of lines at a time:
// the event streams have each range checked while the next one is read (docs/ingest-dedup.md,
// "Speed"). Every line is validated on its own; rejections keep the order
// and the wording of a whole-body read.
import { checkLine, windowAt, type Reason, type Stream } from './ingest.schemas.js';
import { isAscii } from 'node:buffer';
import { isClean, scanAdLine, scanVideoLine, type ScannedEvent } from './event-scan.js';
import { rej, type Rejection, type Valid } from './ingest.lines.js';

/** Lines validated between two yields to the event loop. */
const PARSE_SLICE = 500;

/**
 * The body a batch's lines were read from: its text, and its bytes when it is all ASCII (a character's
 * offset in the text is then its byte's): the rows the strict reader took are copied from it
 * (event-body.ts).
 */
export interface LineSource {
  text: string;
  ascii: Buffer | undefined;
}

/** A range of a body's lines, read: the valid ones, the first and last line numbers of the range, and whether the body ends with it. */
export interface LineChunk {
  valid: Valid<unknown>[];
  source: LineSource;
  from: number;
  to: number;
  last: boolean;
}

const SCANNERS: Partial<
  Record<Stream, (text: string, start: number, end: number, w: ReturnType<typeof windowAt>, clean: boolean) => ScannedEvent | undefined>
> = {
  'video-events': scanVideoLine,
  'ad-events': scanAdLine,
};

export class LineReader {
  /** Rejections in line order; shared with the steps that find more (an event's conflict). */
  readonly errors: Rejection[];
  /** Lines read so far (the body's line count once `last`). */
  lines = 0;
  private start = 0;
  private parseRejections = 0;
  private readonly text: string;
  private readonly source: LineSource;
  private readonly light = new Set<string>();
  private readonly scan: (typeof SCANNERS)[Stream];
  private readonly window: ReturnType<typeof windowAt>;
  private readonly clean: boolean;

  /**
   * `strict`: plain event lines are read by the strict reader (event-scan.ts), when the engine takes
   * the insert as NDJSON text (embedded); the rest, and every line on a ClickHouse server, by
   * JSON.parse and the schema.
   */
  constructor(
    private readonly stream: Stream,
    body: Buffer,
    private readonly now: number,
    private readonly keptInFull: number,
    errors: Rejection[],
    strict: boolean,
  ) {
    this.text = body.toString('utf8');
    this.errors = errors;
    this.scan = strict ? SCANNERS[stream] : undefined;
    this.window = windowAt(now);
    this.clean = this.scan !== undefined && isClean(this.text);
    this.source = { text: this.text, ascii: this.scan !== undefined && isAscii(body) ? body : undefined };
  }

  /**
   * Past the first keptInFull parse rejections, a rejection keeps its text and message only when it
   * is the first of its reason and field (the row that stands for the rest, batch-record.ts): 100,000
   * bad lines no longer hold 100,000 samples and messages in memory. Only parse rejections count, so
   * the rejections kept whole are those of a whole-body read whatever else was found between ranges.
   */
  private reject(line: number, reason: Reason, field: string | null, error: string, sample: string) {
    if (this.parseRejections++ < this.keptInFull) return this.errors.push(rej(line, reason, field, error, sample));
    const k = `${reason}\u0001${field ?? ''}`;
    if (this.light.has(k)) return this.errors.push({ line, reason, field, error: '', sample: '' });
    this.light.add(k);
    return this.errors.push(rej(line, reason, field, error, sample));
  }

  /**
   * The next `maxLines` lines (fewer at the end of the body). It yields to the event loop every
   * PARSE_SLICE lines: 100,000 lines are seconds of CPU on a busy machine, and other requests (a
   * signed-in page, health, the engine's answers) must not wait for all of it.
   */
  async next(maxLines: number): Promise<LineChunk> {
    const { text, scan, window, clean, stream, now } = this;
    const valid: Valid<unknown>[] = [];
    const from = this.lines + 1;
    let read = 0;
    while (this.start < text.length && read < maxLines) {
      const start = this.start;
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const lineNo = ++this.lines;
      read++;
      if (lineNo % PARSE_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const scanned = scan?.(text, start, end, window, clean);
      let line = text.slice(start, end);
      this.start = end + 1;
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (scanned) {
        valid.push({ line: lineNo, value: scanned, sample: line });
        continue;
      }
      if (line.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (err) {
        this.reject(lineNo, 'malformed_json', null, `not valid JSON (${(err as Error).message})`, line);
        continue;
      }
      const checked = checkLine(stream, parsed, now);
      if (checked.ok) valid.push({ line: lineNo, value: checked.value, sample: line });
      else this.reject(lineNo, checked.reason, checked.field, checked.error, line);
    }
    return { valid, source: this.source, from, to: this.lines, last: this.start >= text.length };
  }
}
