// The only module that runs statements (docs/architecture.md#conventions: only server/db touches the drivers). Every
// statement comes from the catalog by handle, is labelled with its name (a leading comment in
// PostgreSQL, the query_id in ClickHouse) and takes checked named parameters.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import pg from 'pg';
import type { ClickHouseSettings } from '@clickhouse/client';
import type { QueryCatalog, QueryHandle } from './catalog.js';
import { connectionSerial, type PostgresHandle } from './postgres.js';
import type { ClickHouseHandle } from './clickhouse.js';
import { chValues, pgValues } from './params.js';
import { chQuery, pgQuery } from './catalog.js';
import { renderTableStatement } from './cluster.js';
import { fileStatement, freeBytes, growingFile, KILL_RETRY_MS, newExportId, unbound } from './engine-file.js';

const pgStatementTimeout = pgQuery('system/statement_timeout');
const chTableEngine = chQuery('system/table_engine').returns<{ engine: string }>();
const chScopeDelete = chQuery('exports/scope_delete');
const chKillFileExport = chQuery('exports/kill_file_export');

type Params<H> = H extends QueryHandle<infer P, unknown> ? P : never;
type Row<H> = H extends QueryHandle<Record<string, unknown>, infer R> ? R : never;

/** A PostgreSQL connection (the pool, or one client inside a transaction). */
export class PgRunner {
  constructor(
    protected readonly catalog: QueryCatalog,
    private readonly target: pg.Pool | pg.PoolClient,
  ) {}

  /**
   * `prepare`: a named statement, parsed and planned once per connection and then only bound and
   * run. For a statement run on every request (the session lookup): on PGlite parsing and
   * planning in WASM cost more than running it. The name is the query's and the connection's
   * serial (`auth/find_session/3`): PGlite serves every connection from one backend, where two
   * connections preparing one name would collide (42P05); see docs/architecture.md#engine-notes.
   */
  async rows<H extends QueryHandle<Record<string, unknown>, unknown>>(h: H, params: Params<H>, opts: { prepare?: boolean } = {}): Promise<Row<H>[]> {
    const q = this.catalog.use('postgres', h.name);
    const values = pgValues(q, params);
    if (!opts.prepare) return (await this.target.query({ text: q.text, values })).rows as Row<H>[];
    // A named statement belongs to one connection: take one from the pool (as pool.query does).
    const pooled = this.target instanceof pg.Pool;
    const client = pooled ? await (this.target as pg.Pool).connect() : (this.target as pg.PoolClient);
    let failed: Error | undefined;
    try {
      return (await client.query({ name: `${h.name}/${connectionSerial(client)}`, text: q.text, values })).rows as Row<H>[];
    } catch (err) {
      failed = err as Error;
      throw err;
    } finally {
      if (pooled) client.release(failed);
    }
  }

  async one<H extends QueryHandle<Record<string, unknown>, unknown>>(h: H, params: Params<H>, opts: { prepare?: boolean } = {}): Promise<Row<H> | undefined> {
    return (await this.rows(h, params, opts))[0];
  }

  /** A whole migration file: several statements, no parameters (migrations only). */
  async script(sql: string): Promise<void> {
    await this.target.query(sql);
  }

  /** Runs a statement for its effect; answers the affected row count. */
  async exec<H extends QueryHandle<Record<string, unknown>, unknown>>(h: H, params: Params<H>): Promise<number> {
    const q = this.catalog.use('postgres', h.name);
    const res = await this.target.query({ text: q.text, values: pgValues(q, params) });
    return res.rowCount ?? 0;
  }
}

export class PgStore extends PgRunner {
  constructor(
    catalog: QueryCatalog,
    readonly handle: PostgresHandle,
  ) {
    super(catalog, handle.pool);
  }

  get mode() {
    return this.handle.mode;
  }

  /**
   * A connection of its own, kept until released: for session state such as the alert
   * evaluator's advisory lock. `onError` fires when the connection dies.
   */
  async dedicated(onError: () => void): Promise<{ runner: PgRunner; release(): void }> {
    const client = await this.handle.pool.connect();
    client.on('error', onError);
    return { runner: new PgRunner(this.catalog, client), release: () => client.release(true) };
  }

  /**
   * A read bounded by `statement_timeout` (its own transaction): past `timeoutMs` PostgreSQL
   * cancels it (57014, answered 503 by the error mapper). PGlite runs no timer: there the bound
   * is the ClickHouse side's and the result cache's.
   */
  async rowsWithin<H extends QueryHandle<Record<string, unknown>, unknown>>(h: H, params: Params<H>, timeoutMs: number): Promise<Row<H>[]> {
    return this.tx(async (tx) => {
      await tx.rows(pgStatementTimeout, { ms: String(timeoutMs) });
      return tx.rows(h, params);
    });
  }

  /** Runs fn in one transaction on one client; rolls back when it throws. */
  async tx<T>(fn: (tx: PgRunner) => Promise<T>): Promise<T> {
    const client = await this.handle.pool.connect();
    try {
      await client.query('BEGIN');
      const out = await fn(new PgRunner(this.catalog, client));
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  }
}

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

  /** Whether `insertBatch` hands the engine NDJSON text (embedded), so a row may be given as its text (`encode`). */
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
   * half the time of `insert` for 100,000 video events; docs/ingest-speed.md). `parts`: the body
   * already written by the caller (`ndjsonPart`, every row of `rows` once, in order). On a server,
   * `insert` (there `encode` and `parts` are not used: rows must be plain objects).
   */
  async insertBatch<R extends object>(
    table: string,
    rows: readonly R[],
    opts: ChOptions & { dedupToken?: string; encode?: (row: R) => string; parts?: Buffer[] } = {},
  ): Promise<void> {
    if (!this.handle.insertNdjsonEmbedded) return this.insert(table, rows as unknown as Record<string, unknown>[], opts);
    if (rows.length === 0) return;
    const settings: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(this.insertSettings(opts))) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') settings[k] = v;
      else if (v !== undefined) throw new Error(`setting ${k}: only numbers, booleans and strings are allowed`);
    }
    let parts = opts.parts;
    if (!parts) {
      const encode = opts.encode ?? ((r: R) => JSON.stringify(r));
      parts = [];
      for (let i = 0; i < rows.length; i += NDJSON_PART_ROWS) parts.push(ndjsonPart(rows, i, Math.min(rows.length, i + NDJSON_PART_ROWS), encode));
    }
    await this.handle.insertNdjsonEmbedded(table, parts.length === 1 ? parts[0]! : Buffer.concat(parts), settings, opts.signal);
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

/** Rows per piece of an NDJSON insert body written in one go (`insertBatch`). */
const NDJSON_PART_ROWS = 25_000;

/**
 * Rows `from`..`to` (exclusive) as NDJSON bytes, every line ended by a newline: a piece of
 * `insertBatch`'s body. Written a piece at a time: joining 100,000 row texts into one 32 MB string
 * cost 105-245 ms, four pieces of 25,000 ~15 ms each (shared machine, load 12-14;
 * docs/ingest-speed.md, session 10). An all-ASCII text (its UTF-8 length is its length) is copied
 * as Latin-1, the same bytes without the UTF-8 encoder.
 */
export function ndjsonPart<R>(rows: readonly R[], from: number, to: number, encode: (row: R) => string): Buffer {
  const lines = new Array<string>(to - from + 1);
  for (let i = from; i < to; i++) lines[i - from] = encode(rows[i]!);
  lines[to - from] = '';
  const text = lines.join('\n');
  return Buffer.from(text, Buffer.byteLength(text) === text.length ? 'latin1' : 'utf8');
}

/** `name = value, …` for an INSERT's SETTINGS clause; only plain names and token-like values. */
export function settingsClause(settings: ClickHouseSettings): string {
  return Object.entries(settings)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      if (!/^[a-z_][a-z0-9_]*$/.test(k)) throw new Error(`not a ClickHouse setting name: ${k}`);
      if (typeof v === 'number' && Number.isFinite(v)) return `${k} = ${v}`;
      if (typeof v === 'boolean') return `${k} = ${v ? 1 : 0}`;
      if (typeof v === 'string' && /^[A-Za-z0-9_:.-]*$/.test(v)) return `${k} = '${v}'`;
      throw new Error(`setting ${k}: only numbers, booleans and token-like strings are allowed`);
    })
    .join(', ');
}

export interface Stores {
  pg: PgStore;
  ch: ChStore;
  catalog: QueryCatalog;
  close(): Promise<void>;
}
