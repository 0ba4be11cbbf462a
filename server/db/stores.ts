// The only module that runs statements (docs/architecture.md#conventions: only server/db touches the drivers). Every
// statement comes from the catalog by handle, is labelled with its name (a leading comment in
// PostgreSQL, the query_id in ClickHouse) and takes checked named parameters.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ClickHouseSettings } from '@clickhouse/client';
import { NDJSON_PART_ROWS, ndjsonPart, settingsClause } from './insert-text.js';
import type { QueryCatalog, QueryHandle } from './catalog.js';
import type { ClickHouseHandle } from './clickhouse.js';
import { chValues } from './params.js';
import { chQuery } from './catalog.js';
import { bindTable, renderTableStatement } from './cluster.js';
import { fileStatement, freeBytes, growingFile, KILL_RETRY_MS, newExportId, unbound } from './engine-file.js';

const chTableEngine = chQuery('system/table_engine').returns<{ engine: string }>();
const chScopeDelete = chQuery('exports/scope_delete');
const chKillFileExport = chQuery('exports/kill_file_export');

import { type Params, PgRunner, PgStore, type Row } from './pg-store.js';

export { PgRunner, PgStore };

export interface ChOptions {
  signal?: AbortSignal;
  settings?: ClickHouseSettings;
}

export class ChStore {
  constructor(
    private readonly catalog: QueryCatalog,
    readonly handle: ClickHouseHandle,
  ) {}

  /**
   * Every statement says its max_execution_time: dashboards and reports pass theirs
   * (QUERY_TIMEOUT_MS, see `bounded`), the rest 0 (no bound). chDB turns settings into
   * session-wide SETs that outlive the statement, so a statement that said nothing would inherit
   * the last dashboard query's bound (the demo's INSERT … SELECT, a migration).
   */
  private readSettings(settings: ClickHouseSettings | undefined): ClickHouseSettings {
    return { max_execution_time: 0, ...settings };
  }

  /** Options bounding a read to `ms` (ClickHouse TIMEOUT_EXCEEDED past it, answered 503). */
  static bounded(ms: number, opts: ChOptions = {}): ChOptions {
    return { ...opts, settings: { ...opts.settings, max_execution_time: ms / 1000 } };
  }

  get mode() {
    return this.handle.mode;
  }

  /** Whether `insertBatch` hands the engine NDJSON text (embedded), so a batch may be given as its NDJSON body. */
  get takesNdjson(): boolean {
    return this.handle.insertNdjsonEmbedded !== undefined;
  }

  private prepare(name: string, params: Record<string, unknown>) {
    const q = this.catalog.use('clickhouse', name);
    // query_id carries the file's name, so system.query_log says where a slow query came from.
    return { q, query_params: chValues(q, params), query_id: `${name.replace(/\//g, '.')}:${randomUUID()}` };
  }

  async rows<H extends QueryHandle<Record<string, unknown>, unknown>>(h: H, params: Params<H>, opts: ChOptions = {}): Promise<Row<H>[]> {
    const { q, query_params, query_id } = this.prepare(h.name, params);
    const rs = await this.handle.client.query({
      query: q.text,
      query_params,
      query_id,
      format: 'JSONEachRow',
      abort_signal: opts.signal,
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0, ...this.readSettings(opts.settings) },
    });
    return (await rs.json()) as Row<H>[];
  }

  /** Whether `rowsWithFile` can run: the embedded engine, which reads files under DATA_DIR/tmp. */
  get readsFiles(): boolean {
    return this.handle.mode === 'embedded' && this.handle.exportDir !== undefined;
  }

  /**
   * Embedded only: `rows` of a statement that reads `data` with `file({file:String}, …)`, the bytes
   * written by the console to DATA_DIR/tmp/<uuid>.tsv and removed once the statement is done (a
   * crash's leftovers at the next start). A large list (a batch's event ids) goes to the engine this
   * way instead of as a String parameter, which chDB escapes in JavaScript character by character
   * (docs/ingest-speed.md, session 10).
   */
  async rowsWithFile<H extends QueryHandle<{ file: string }, unknown>>(h: H, params: Omit<Params<H>, 'file'>, data: Buffer): Promise<Row<H>[]> {
    const dir = this.handle.exportDir;
    if (!this.readsFiles || !dir) throw new Error('rowsWithFile needs the embedded engine (ChStore.readsFiles)');
    const file = path.join(dir, `${randomUUID()}.tsv`);
    // Written and removed synchronously: ~1 MB into the page cache, where fs.promises' writes of
    // 512 KiB each wait for the main thread between them (measured 27-275 ms per 25,000 ids while
    // the next range was read, load 16-19) and the statement waits behind them.
    fs.writeFileSync(file, data);
    try {
      return await this.rows(h, { ...params, file } as unknown as Params<H>);
    } finally {
      fs.rmSync(file, { force: true });
    }
  }

  /**
   * The whole result in `format`, as the engine writes it, chunk by chunk and never decoded
   * (exports): on chDB a streaming cursor on a session of its own; on a ClickHouse server the HTTP
   * response as it arrives. Stops the engine when `signal` aborts or the consumer stops reading
   * early. Settings go into the statement (chDB) or the request (server); names and values are
   * made by code.
   */
  async *stream<H extends QueryHandle<Record<string, unknown>, unknown>>(
    h: H,
    params: Params<H>,
    format: 'CSV' | 'JSONCompactEachRow' | 'TabSeparatedRaw',
    opts: { signal: AbortSignal; settings?: ClickHouseSettings },
  ): AsyncGenerator<Uint8Array> {
    const { q, query_params, query_id } = this.prepare(h.name, params);
    const settings = opts.settings ?? {};
    if (this.handle.streamEmbedded) {
      const clause = Object.keys(settings).length ? `\nSETTINGS ${settingsClause(settings)}` : '';
      yield* this.handle.streamEmbedded(`${q.text}${clause}`, query_params, format, opts.signal);
      return;
    }
    const res = await this.handle.client.exec({
      query: `${q.text}\nFORMAT ${format}`,
      query_params,
      query_id,
      abort_signal: opts.signal,
      // A read-only query stops on the server when the client goes away, even between two blocks.
      clickhouse_settings: { ...settings, cancel_http_readonly_queries_on_client_close: 1 },
    });
    try {
      for await (const chunk of res.stream) yield chunk as Buffer;
    } finally {
      res.stream.destroy();
    }
  }

  /** Whether `streamFile` can run: the embedded engine, which writes export files under DATA_DIR/tmp. */
  get writesFiles(): boolean {
    return this.handle.execUnboundEmbedded !== undefined && this.handle.exportDir !== undefined;
  }

  /** Bytes free to an unprivileged writer on the file system of DATA_DIR/tmp (0 when there is none). */
  exportDirFreeBytes(): number {
    return freeBytes(this.handle.exportDir);
  }

  /**
   * Embedded only (docs/export-files.md): `statement` writes its whole result with the engine's own
   * writer to DATA_DIR/tmp/<id>.csv, yielded as it grows. It has no parameters (outside chDB's chain
   * of parameterized statements); `scope` first binds its scope under the server-made export id
   * (engine-file.ts: the only text put in it). An early stop or an aborted `signal` kills the
   * statement by its log_comment until it has ended; the file and the scope row are always removed.
   */
  async *streamFile<HS extends QueryHandle<Record<string, unknown>, unknown>>(
    statement: QueryHandle<Record<string, never>, unknown>,
    scope: HS,
    params: Omit<Params<HS>, 'id'>,
    opts: { signal: AbortSignal; settings?: ClickHouseSettings },
  ): AsyncGenerator<Uint8Array> {
    const exec = this.handle.execUnboundEmbedded;
    const dir = this.handle.exportDir;
    if (!exec || !dir) throw new Error('streamFile needs the embedded engine (ChStore.writesFiles)');
    const id = newExportId();
    const file = path.join(dir, `${id}.csv`);
    const q = this.catalog.use('clickhouse', statement.name);
    if (q.params.length) throw new Error(`${q.file}: a file statement takes no parameters (its scope is bound by the scope insert)`);
    const sql = `${fileStatement(q.text, id, file)}\nSETTINGS ${settingsClause({ ...opts.settings, log_comment: id })}`;
    let run: Promise<void> | undefined;
    let ended = false;
    let complete = false;
    try {
      await this.command(scope, { ...params, id } as unknown as Params<HS>, { signal: opts.signal });
      run = exec(sql).finally(() => (ended = true));
      // Awaited by growingFile or below; never an unhandled rejection.
      run.catch(() => {});
      yield* growingFile(file, run, opts.signal);
      complete = true;
    } finally {
      if (run && !complete) {
        // Stopped early: asked to stop until it has ended (it may not be in the process list yet
        // when asked first); asked once even if it has just ended, which stops nothing.
        const kill = unbound(this.catalog.use('clickhouse', chKillFileExport.name).text, id);
        do {
          await exec(kill).catch(() => {});
          if (ended) break;
          await Promise.race([run.catch(() => {}), new Promise((r) => setTimeout(r, KILL_RETRY_MS))]);
        } while (!ended);
      }
      await run?.catch(() => {});
      fs.rmSync(file, { force: true });
      await this.command(chScopeDelete, { id }).catch(() => {});
    }
  }

  /** DDL or INSERT … SELECT: runs for its effect. */
  async command<H extends QueryHandle<Record<string, unknown>, unknown>>(h: H, params: Params<H>, opts: ChOptions = {}): Promise<void> {
    const { q, query_params, query_id } = this.prepare(h.name, params);
    await this.handle.client.command({
      query: q.text,
      query_params,
      query_id,
      abort_signal: opts.signal,
      clickhouse_settings: { max_execution_time: 0, ...opts.settings },
    });
  }

  /**
   * DDL on the data of one table named by code (a file taking `{table:Identifier}`: TRUNCATE,
   * OPTIMIZE). With CLICKHOUSE_CLUSTER it is rendered like the migrations (cluster.ts): a
   * Distributed table's statement goes to its local tables, ON CLUSTER.
   */
  async tableCommand<H extends QueryHandle<{ table: string }, unknown>>(h: H, table: string, opts: ChOptions = {}): Promise<void> {
    const cluster = this.handle.cluster;
    if (!cluster) return this.command(h, { table } as Params<H>, opts);
    const sharded = (await this.rows(chTableEngine, { table }))[0]?.engine === 'Distributed';
    for (const sql of renderTableStatement(this.catalog.use('clickhouse', h.name).text, table, sharded, cluster)) {
      await this.handle.client.command({
        query: sql,
        query_id: `${h.name.replace(/\//g, '.')}:${randomUUID()}`,
        abort_signal: opts.signal,
        clickhouse_settings: { max_execution_time: 0, ...opts.settings },
      });
    }
  }

  /**
   * Embedded only: a statement on one table named by code, like tableCommand, on an engine session
   * of its own, outside the gate of parameterized statements (ParamGate): it runs beside this
   * console's other statements instead of between them (the demo load merges the request rollups
   * while it writes the video events). The name is written into the text as the cluster rendering
   * does (cluster.ts, bindTable: a plain identifier only).
   */
  async tableCommandBeside<H extends QueryHandle<{ table: string }, unknown>>(h: H, table: string): Promise<void> {
    const exec = this.handle.execUnboundEmbedded;
    if (!exec) throw new Error('tableCommandBeside needs the embedded engine');
    const q = this.catalog.use('clickhouse', h.name);
    if ((q.params as { name: string }[]).some((p) => p.name !== 'table')) throw new Error(`${q.file}: takes {table:Identifier} and nothing else`);
    await exec(bindTable(q.text, table));
  }

  /**
   * A query file without parameters, answered beside the console's other statements: embedded, on
   * an engine session of its own, so a long parameterized statement (which ParamGate runs one at a
   * time) does not hold it back; a server runs statements side by side anyway. For a look at the
   * engine while it works (the demo load's progress: the rows its long statement has written).
   */
  async rowsBeside<H extends QueryHandle<Record<string, never>, unknown>>(h: H): Promise<Row<H>[]> {
    const query = this.handle.queryUnboundEmbedded;
    if (!query) return this.rows(h, {} as Params<H>);
    const q = this.catalog.use('clickhouse', h.name);
    if ((q.params as unknown[]).length > 0) throw new Error(`${q.file}: rowsBeside takes a file without parameters`);
    const text = await query(q.text);
    return text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Row<H>);
  }

  /** Inserts rows into a table (a closed set of names chosen by code, never by input). */
  async insert(table: string, values: readonly Record<string, unknown>[] | Readable, opts: ChOptions & { dedupToken?: string } = {}): Promise<void> {
    const settings = this.insertSettings(opts);
    if (this.mode === 'embedded' && Object.keys(settings).length > 0) {
      // chDB's connection turns clickhouse_settings into session-wide `SET` statements, which
      // outlive the insert: measured, after one insert with a dedup token every later insert on
      // the session (request metrics, other batches) was silently dropped as a duplicate. So on
      // the embedded engine the settings go into the INSERT's own SETTINGS clause, which lasts
      // one statement. Names and values are made by code, and checked here all the same.
      await this.handle.client.insert({
        table: `${table} SETTINGS ${settingsClause(settings)}`,
        values: values as Record<string, unknown>[],
        format: 'JSONEachRow',
        abort_signal: opts.signal,
      });
      return;
    }
    await this.handle.client.insert({
      table,
      values: values as Record<string, unknown>[],
      format: 'JSONEachRow',
      abort_signal: opts.signal,
      clickhouse_settings: settings,
    });
  }

  /**
   * The same insert for ingest's large batches: on the embedded engine the rows are written here
   * as one NDJSON buffer (`encode` per row, JSON.stringify by default) and handed to chDB's raw
   * insert, which skips the client's per-row stream and the 20 MB SQL string it builds (measured:
   * half the time of `insert` for 100,000 video events; docs/ingest-speed.md). `rows` may be that
   * body already written by the caller (a Buffer of NDJSON lines: embedded only, `takesNdjson`;
   * ingest's event-body.ts). On a server, `insert` (rows must be plain objects).
   */
  async insertBatch<R extends object>(table: string, rows: readonly R[] | Buffer, opts: ChOptions & { dedupToken?: string } = {}): Promise<void> {
    if (!this.handle.insertNdjsonEmbedded) {
      if (Buffer.isBuffer(rows)) throw new Error('insertBatch: an NDJSON body needs the embedded engine (ChStore.takesNdjson)');
      return this.insert(table, rows as unknown as Record<string, unknown>[], opts);
    }
    if (rows.length === 0) return;
    const settings: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(this.insertSettings(opts))) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') settings[k] = v;
      else if (v !== undefined) throw new Error(`setting ${k}: only numbers, booleans and strings are allowed`);
    }
    let body: Buffer;
    if (Buffer.isBuffer(rows)) body = rows;
    else {
      const encode = (r: R) => JSON.stringify(r);
      const parts: Buffer[] = [];
      for (let i = 0; i < rows.length; i += NDJSON_PART_ROWS) parts.push(ndjsonPart(rows, i, Math.min(rows.length, i + NDJSON_PART_ROWS), encode));
      body = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    }
    await this.handle.insertNdjsonEmbedded(table, body, settings, opts.signal);
  }

  /** The settings of an insert: the dedup token (raw table and rollups), the cluster's wait. */
  private insertSettings(opts: ChOptions & { dedupToken?: string }): ClickHouseSettings {
    const settings: ClickHouseSettings = { ...opts.settings };
    if (opts.dedupToken) {
      // docs/architecture.md#engine-notes: a retried block dedups in the raw table and its rollups only with both.
      settings.insert_deduplication_token = opts.dedupToken;
      settings.deduplicate_blocks_in_dependent_materialized_views = 1;
    }
    if (this.handle.cluster) {
      // Into a Distributed table: answer only once every shard has stored its part of the block,
      // each part with the same dedup token (a retry then dedups shard by shard); a background
      // (queued) insert would answer before the shards hold the rows.
      settings.distributed_foreground_insert = 1;
    }
    return settings;
  }

  /** A raw statement without parameters: only for migration files. */
  async execScriptStatement(sql: string): Promise<void> {
    await this.handle.client.command({ query: sql, clickhouse_settings: { max_execution_time: 0 } });
  }
}

export interface Stores {
  pg: PgStore;
  ch: ChStore;
  catalog: QueryCatalog;
  close(): Promise<void>;
}
