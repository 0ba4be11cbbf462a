// Event-level exports of a campaign (docs/exports.md): every ad event in a window as CSV or XLSX,
// from one engine query; on the embedded engine a CSV export is written by the engine to a file
// that is sent as it grows (docs/export-files.md), otherwise the query is streamed to the socket
// with backpressure; at most EXPORT_CONCURRENCY at once (429 beyond); a closed connection cancels
// the query.
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Response } from 'express';
import { chQuery, type Stores } from '../../db/index.js';
import { ChStore } from '../../db/stores.js';
import { TooManyRequestsError } from '../../http/errors.js';
import type { Account } from '../../../contract/auth.js';
import type { CampaignRow, ReportRange } from './campaigns.service.js';
import { attachmentHeaders, csvPreamble, exportFileName, writeXlsx, type Cell, type ExportColumn } from './exports.js';

const chEventsCount = chQuery('campaigns/events_count').returns<{ n: number | string }>();
type EventsExportParams = { advertiser_id: number; campaign_id: number; from: Date; to: Date; tz: string; currency: string };
const chEventsExport = chQuery('campaigns/events_export');
const chEventsExportFile = chQuery('campaigns/events_export_file');
const chEventsExportScope = chQuery('campaigns/events_export_scope');

export const EVENT_COLUMNS: ExportColumn[] = [
  { header: 'event_id', kind: 'text' },
  { header: 'ts_utc', kind: 'text' },
  { header: 'date', kind: 'date' },
  { header: 'local_time', kind: 'text' },
  { header: 'type', kind: 'text' },
  { header: 'campaign_id', kind: 'id' },
  { header: 'user_id', kind: 'id' },
  { header: 'region', kind: 'text' },
  { header: 'device', kind: 'text' },
  { header: 'cost_micros', kind: 'money' },
  { header: 'conversion_value_micros', kind: 'money' },
  { header: 'play_ms', kind: 'ms' },
  { header: 'currency', kind: 'text' },
];

/**
 * Upper bound of one exported row's CSV bytes: the fixed columns take ~150 (5M rows of the bench
 * are 747 MB); region and device are short codes. The engine writes the whole export to the file
 * however slowly the client reads it, so the file path is taken only when the file system keeps
 * that much and as much again for everything else (docs/export-files.md).
 */
const FILE_EXPORT_ROW_BYTES = 256;

/** Whether an export of `rows` rows may be written to a file on a file system with `freeBytes` free. */
export function fileExportFits(rows: number, freeBytes: number): boolean {
  return 2 * rows * FILE_EXPORT_ROW_BYTES <= freeBytes;
}

/** What an export needs of the campaigns service: the scoped campaign and its range. */
export interface CampaignLookup {
  getCampaign(account: Account, id: number): Promise<CampaignRow>;
  resolveRange(c: CampaignRow, q: { from?: string; to?: string }): ReportRange;
}

export interface EventExportsOptions {
  /** Event-level exports running at once (EXPORT_CONCURRENCY); one more answers 429. */
  exportConcurrency: number;
  /** The statement's max_threads (EXPORT_ENGINE_THREADS, default 2; docs/exports.md). */
  exportEngineThreads?: number;
  /** CSV exports the embedded engine writes to a file at once (EXPORT_FILE_WRITES, default 2). */
  exportFileWrites?: number;
  /** Bound on the count query (QUERY_TIMEOUT_MS); the export's stream is not bounded. */
  queryTimeoutMs?: number;
  now: () => Date;
}

export class EventExports {
  /** Event-level exports running now (each holds an engine query until its response ends). */
  private running = 0;
  /** Of those, CSV exports the embedded engine is writing to a file (each holds a libuv pool thread). */
  private fileWrites = 0;

  constructor(
    private readonly stores: Stores,
    private readonly campaigns: CampaignLookup,
    private readonly opts: EventExportsOptions,
  ) {}

  /**
   * Streams every event of the campaign in [from, to) as CSV or XLSX from one engine query
   * (docs/exports.md): the engine's next chunk is read only once the socket has taken the one
   * before the previous (sendChunks; XLSX: pipeline's backpressure), and a closed connection
   * cancels the query.
   */
  async send(account: Account, id: number, q: { from?: string; to?: string }, format: 'csv' | 'xlsx', res: Response): Promise<void> {
    const c = await this.campaigns.getCampaign(account, id);
    const range = this.campaigns.resolveRange(c, q);
    if (this.running >= this.opts.exportConcurrency) {
      throw new TooManyRequestsError(`${this.opts.exportConcurrency} exports are running; try again in a few seconds.`, 5);
    }
    this.running++;
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    try {
      const base = { advertiser_id: c.advertiserId, campaign_id: c.id, from: range.from, to: range.to };
      const [count] = await this.stores.ch.rows(chEventsCount, base, ChStore.bounded(this.opts.queryTimeoutMs ?? 15_000, { signal: abort.signal }));
      const name = exportFileName([`campaign-${c.id}`, 'events', range.firstDay, 'to', range.lastDay], c.timezone, format);
      res.set({ ...attachmentHeaders(name, format), 'X-Total-Rows': String(Number(count?.n ?? 0)) });
      res.status(200);
      const comment = {
        export: 'campaign event log',
        campaign_id: c.id,
        advertiser_id: c.advertiserId,
        first_day: range.firstDay,
        last_day: range.lastDay,
        timezone: c.timezone,
        currency: c.currency,
        from_utc: range.from.toISOString(),
        to_utc: range.to.toISOString(),
        money: 'micros (1/1000000 of the currency unit)',
        generated_at: this.opts.now().toISOString(),
      };
      const params = { ...base, tz: c.timezone, currency: c.currency };
      if (format === 'csv') {
        // One query; its CSV goes to the socket as the engine writes it, behind a fixed preamble:
        // on the embedded engine written by its own (parallel) writer to a file sent as it grows.
        const rows = Number(count?.n ?? 0);
        const toFile =
          this.stores.ch.writesFiles && this.fileWrites < (this.opts.exportFileWrites ?? 2) && fileExportFits(rows, this.stores.ch.exportDirFreeBytes());
        if (toFile) this.fileWrites++;
        const settings = { ...this.engineSettings(), output_format_csv_crlf_end_of_line: 1 as const };
        const engine = (
          toFile
            ? this.stores.ch.streamFile(chEventsExportFile, chEventsExportScope, params, {
                signal: abort.signal,
                settings: { ...settings, output_format_parallel_formatting: 1 },
              })
            : this.stores.ch.stream(chEventsExport, params, 'CSV', { signal: abort.signal, settings })
        )[Symbol.asyncIterator]();
        try {
          // The engine's first chunk before any byte is sent: a statement that fails to start is
          // answered (and logged) as an error, not as a connection reset mid-headers.
          const first = await engine.next();
          await sendChunks(res, Buffer.from(csvPreamble(comment, EVENT_COLUMNS), 'utf8'), first, engine, abort.signal);
        } finally {
          await engine.return?.(undefined).catch(() => {});
          if (toFile) this.fileWrites--;
        }
        return;
      }
      const body = new PassThrough();
      await Promise.all([
        pipeline(body, res),
        writeXlsx(body, { sheetName: 'Events', columns: EVENT_COLUMNS, currency: c.currency, about: comment }, this.eventRows(params, abort.signal)).then(
          () => {
            if (!body.writableEnded) body.end();
          },
        ),
      ]);
    } catch (err) {
      // The client went away: the engine's query was cancelled with it; nothing to answer.
      if (abort.signal.aborted) return;
      throw err;
    } finally {
      this.running--;
    }
  }

  /** EXPORT_SETTINGS with the statement's threads (EXPORT_ENGINE_THREADS). */
  private engineSettings() {
    return { ...EXPORT_SETTINGS, max_threads: this.opts.exportEngineThreads ?? EXPORT_SETTINGS.max_threads };
  }

  /** Typed cells for XLSX, chunk by chunk from the same one query (JSONCompactEachRow). */
  private async *eventRows(p: EventsExportParams, signal: AbortSignal): AsyncGenerator<Cell[][]> {
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for await (const chunk of this.stores.ch.stream(chEventsExport, p, 'JSONCompactEachRow', { signal, settings: this.engineSettings() })) {
      // A server's HTTP chunks may end inside a line (or a character): keep the tail for the next.
      const text = rest + decoder.write(chunk as Buffer);
      const cut = text.lastIndexOf('\n');
      rest = text.slice(cut + 1);
      if (cut < 0) continue;
      yield text
        .slice(0, cut)
        .split('\n')
        .map((line) => (JSON.parse(line) as (string | number)[]).map((v, i) => (NUMERIC_EVENT_COLUMNS.has(i) ? Number(v) : String(v))));
    }
    if ((rest + decoder.end()).trim()) throw new Error('events export: the engine output ended inside a row');
  }
}

/**
 * A fixed prefix, then the engine's chunks, written straight to the response (no stream in between):
 * chunk n is written, then chunk n + 1 is asked for while n's write is still in the socket, and only
 * once n − 1's write has finished. So at most two chunks are held, and a chunk's memory may be
 * reused from the second request after it (the file path's two read buffers, engine-file.ts). A
 * failed engine or a closed connection destroys the response: never a clean end to a cut file.
 */
async function sendChunks(
  res: Response,
  prefix: Buffer,
  first: IteratorResult<Uint8Array>,
  rest: AsyncIterator<Uint8Array>,
  signal: AbortSignal,
): Promise<void> {
  const closed = new Promise<void>((resolve) => res.once('close', () => resolve()));
  const write = (c: Uint8Array) => {
    const done = Promise.race([new Promise<void>((resolve, reject) => res.write(c, (err) => (err ? reject(err) : resolve()))), closed]);
    // Awaited in turn below; a write failing after the loop has stopped is not an unhandled rejection.
    done.catch(() => {});
    return done;
  };
  try {
    let previous = write(prefix);
    for (let n = first; !n.done; ) {
      const c = n.value;
      const current = c.byteLength ? write(c) : previous;
      await previous;
      if (signal.aborted || res.destroyed) throw Object.assign(new Error('The export was aborted.'), { name: 'AbortError' });
      previous = current;
      n = await rest.next();
    }
    await previous;
    if (signal.aborted || res.destroyed) throw Object.assign(new Error('The export was aborted.'), { name: 'AbortError' });
    await Promise.race([new Promise<void>((resolve) => res.end(() => resolve())), closed]);
  } catch (err) {
    res.destroy();
    throw err;
  }
}

/**
 * The engine's memory during an export (docs/exports.md, measured on 5M rows, 5 parts):
 * `read_in_order_use_buffering = 0` — reading in key order merges the parts' sorted streams, and by
 * default each part's stream is buffered ahead of the merge (BufferChunks): +126–160 MB of engine
 * memory for the query alone, +31 MB without (the merge takes each part's next block when it needs
 * it). 8,192-row blocks keep each chunk handed to JavaScript ~1.2 MB. max_threads is
 * EXPORT_ENGINE_THREADS (2 by default: same CPU and RSS as 1, measured in session 6). The output
 * bytes do not depend on these settings.
 */
const EXPORT_SETTINGS = { max_threads: 2, max_block_size: '8192', read_in_order_use_buffering: 0 } as const;

const NUMERIC_EVENT_COLUMNS = new Set(EVENT_COLUMNS.map((c, i) => (c.kind === 'id' || c.kind === 'money' || c.kind === 'ms' ? i : -1)).filter((i) => i >= 0));
