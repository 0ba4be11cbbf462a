// Dashboard table CSVs written by the engine (docs/exports.md#dashboard-tables): the tables whose
// rows come from one ClickHouse statement are written by that statement, one CSV line per row with
// the cells as tables.ts's csvCell writes them, and streamed to the client behind the same fixed
// preamble (comment lines, header) without being decoded. The tables that join PostgreSQL (names,
// emails, titles) or are computed from several statements stay on tables.ts's writer.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import { chQuery, type Stores } from '../../db/index.js';
import { type TableDefinition, toCsv } from '../../metrics/tables.js';
import type { Interval, Window } from './dashboards.shapes.js';
import { spanParams } from './tiers.js';

const chTableEngagement = chQuery('exports/table_engagement');
const chTableWatchTime = chQuery('exports/table_watch_time');
const chTableEngagementBreakdown = chQuery('exports/table_engagement_breakdown');
const chTableLatency = chQuery('exports/table_latency');

/** What a table's download was asked for (the table route's own query parameters). */
export interface TableQuery {
  interval: Interval;
  by: 'region' | 'device';
}

type Statement = { h: { name: string }; params: Record<string, unknown> };

/** The tables the engine writes, and the statement (with its parameters) of each. */
const ENGINE_TABLES: Record<string, (w: Window, q: TableQuery) => Statement> = {
  engagement: (w, q) => ({ h: chTableEngagement, params: { from: w.from, to: w.to, tz: w.tz, interval: q.interval } }),
  'watch-time': (w, q) => ({ h: chTableWatchTime, params: { from: w.from, to: w.to, tz: w.tz, interval: q.interval } }),
  'engagement-breakdown': (w, q) => ({ h: chTableEngagementBreakdown, params: { from: w.from, to: w.to, by: q.by } }),
  latency: (w) => ({ h: chTableLatency, params: spanParams(w.from, w.to) }),
};

export class TableExports {
  constructor(
    private readonly stores: Stores,
    private readonly opts: { queryTimeoutMs: number },
  ) {}

  /** Whether the engine writes this table's CSV (otherwise tables.ts's toCsv does). */
  has(table: TableDefinition): boolean {
    return Object.hasOwn(ENGINE_TABLES, table.id);
  }

  /**
   * Streams the table's CSV: `preamble` and the header (toCsv of no rows), then the engine's lines
   * as it writes them. Nothing is sent before the engine's first chunk (or its end), so a failing
   * statement (a timeout, a bad parameter) is still answered with its own status and message.
   */
  async send(table: TableDefinition, w: Window, q: TableQuery, preamble: string[], res: Response): Promise<void> {
    const { h, params } = ENGINE_TABLES[table.id]!(w, q);
    const abort = new AbortController();
    res.on('close', () => abort.abort());
    const chunks = this.stores.ch
      .stream(h as never, params as never, 'TabSeparatedRaw', {
        signal: abort.signal,
        settings: { max_execution_time: this.opts.queryTimeoutMs / 1000 },
      })
      [Symbol.asyncIterator]();
    let first: IteratorResult<Uint8Array>;
    try {
      first = await chunks.next();
    } catch (err) {
      if (abort.signal.aborted) return;
      throw err;
    }
    async function* body(): AsyncGenerator<Uint8Array> {
      yield Buffer.from(toCsv(table, [], preamble), 'utf8');
      for (let next = first; !next.done; next = await chunks.next()) yield next.value;
    }
    try {
      await pipeline(Readable.from(body(), { highWaterMark: 1 }), res);
    } catch (err) {
      // The client went away: the statement was stopped with it; nothing to answer.
      if (abort.signal.aborted) return;
      throw err;
    } finally {
      await chunks.return?.(undefined).catch(() => {});
    }
  }
}
