// @clickhouse/client to CLICKHOUSE_URL, or to embedded chDB in DATA_DIR/ch (docs/architecture.md#stores).
// chDB (a native library of ~540 MB) is imported only when the store is embedded: a console with
// CLICKHOUSE_URL never loads it, and starts where chDB has no build (docs/clickhouse.md).
import fs from 'node:fs';
import path from 'node:path';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { ConfigError } from '../env.js';
import type { ClusterOptions } from './cluster.js';
import { describe, redactUrl } from './postgres.js';
import { ChunkGc, setHeapGrowth } from './v8-heap.js';

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

export interface ClickHouseHandle {
  client: ClickHouseClient;
  mode: 'embedded' | 'external';
  /** Set when CLICKHOUSE_CLUSTER is: migrations render ON CLUSTER, inserts wait for the shards. */
  cluster?: ClusterOptions;
  /**
   * Embedded only: a query's result as the engine's chunks in `format`, read on a chDB session of
   * its own (a streaming cursor owns its session: another query on it would end the stream). The
   * engine computes the next chunk when the previous one was taken, and `signal` cancels it.
   */
  streamEmbedded?(sql: string, params: Record<string, unknown>, format: string, signal: AbortSignal): AsyncGenerator<Uint8Array>;
  /**
   * Embedded only: inserts an NDJSON body as bytes (chDB's raw insert: the buffer goes to the
   * engine as it is, its parser does the rest), with per-statement settings. Ingest's events take
   * this path (docs/ingest-speed.md, "Where the time went").
   */
  insertNdjsonEmbedded?(table: string, body: Buffer, settings: Record<string, string | number | boolean>, signal?: AbortSignal): Promise<void>;
  /**
   * Embedded only: runs a statement **without parameters** on a chDB session of its own, so it stays
   * outside chDB's process-wide chain of parameterized statements (and ParamGate): a file write that
   * lasts seconds runs beside the dashboards' statements instead of ahead of them
   * (docs/export-files.md). It holds one libuv pool thread until the engine is done.
   */
  execUnboundEmbedded?(sql: string): Promise<void>;
  /** Embedded only: as execUnboundEmbedded, answering the result's rows as JSONEachRow text. */
  queryUnboundEmbedded?(sql: string): Promise<string>;
  /** Embedded only: DATA_DIR/tmp, where the engine writes export files and reads data files (emptied of both at open). */
  exportDir?: string;
  close(): Promise<void>;
}

/**
 * chDB binds a statement's query parameters through state that is not isolated per connection
 * (chdb's own note: two parameterized queries at once on different connections clobber each other
 * — "Substitution not set", code 456 — and can abort the engine). chdb serializes its own
 * parameterized queries, but not the start of a parameterized stream: an export starting while a
 * report or a count query ran on the main session answered 500 under load (docs/exports.md). Every
 * parameterized statement of this process goes through this one gate, one at a time, held until the
 * engine has finished it (not merely until an abort rejected it: the engine still runs an aborted
 * statement to its end).
 */
export class ParamGate {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const done = this.tail.then(() => {
      if (signal?.aborted) throw abortError();
      return work();
    });
    this.tail = done.catch(() => {});
    if (!signal) return done;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(abortError());
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      done.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }
}

function abortError(): Error {
  return Object.assign(new Error('The query was aborted.'), { name: 'AbortError' });
}

/** An export file's name: the export's server-made UUID (docs/export-files.md). */
export const EXPORT_FILE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.csv$/;
/** A data file the engine reads (ChStore.rowsWithFile: a batch's ids), removed after its statement. */
export const DATA_FILE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tsv$/;

type GatedMethod = 'query' | 'exec' | 'command' | 'insert';
const GATED: ReadonlySet<string> = new Set<GatedMethod>(['query', 'exec', 'command', 'insert']);

/** The chDB connection with its parameterized statements through `gate` (ParamGate). */
export function gated<C extends object>(connection: C, gate: ParamGate): C {
  return new Proxy(connection, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== 'function') return value;
      if (typeof prop !== 'string' || !GATED.has(prop)) return value.bind(target);
      return (params: { query_params?: Record<string, unknown>; abort_signal?: AbortSignal }) => {
        if (!params.query_params || Object.keys(params.query_params).length === 0) return value.call(target, params);
        // The signal stays outside: the gate is released when the engine is done, not on abort.
        return gate.run(() => value.call(target, { ...params, abort_signal: undefined }), params.abort_signal);
      };
    },
  });
}

export interface ClickHouseOptions {
  clickhouseUrl?: string;
  /** CLICKHOUSE_CLUSTER: only with a ClickHouse server (the embedded engine is one process). */
  cluster?: string;
  dataDir: string;
}

/** The database a CLICKHOUSE_URL names (its path), as @clickhouse/client reads it. */
export function urlDatabase(url: string): string {
  const p = new URL(url).pathname;
  return p.trim().length > 1 ? decodeURIComponent(p.slice(1)) : 'default';
}

export async function openClickHouse(opts: ClickHouseOptions): Promise<ClickHouseHandle> {
  if (opts.cluster && !opts.clickhouseUrl) {
    throw new ConfigError('CLICKHOUSE_CLUSTER', 'needs CLICKHOUSE_URL: the embedded ClickHouse is one process, not a cluster');
  }
  if (opts.clickhouseUrl) {
    const cluster = opts.cluster ? { cluster: opts.cluster, database: urlDatabase(opts.clickhouseUrl) } : undefined;
    // The client's own logger is off: failures surface as errors that we report (and it would print
    // connection details on stderr beside our one-line start-up errors).
    const client = createClient({ url: opts.clickhouseUrl, request_timeout: 60_000, log: { level: ClickHouseLogLevel.OFF } });
    const ping = await client.ping();
    if (!ping.success) {
      await client.close().catch(() => {});
      throw new ConfigError('CLICKHOUSE_URL', `cannot reach ${redactUrl(opts.clickhouseUrl)} (${describe(ping.error)})`);
    }
    return { client, mode: 'external', cluster, close: () => client.close() };
  }
  // The engine's chunks go through JavaScript as external memory: V8's heap needs room for them (v8-heap.ts).
  setHeapGrowth();
  const dir = path.join(opts.dataDir, 'ch');
  fs.mkdirSync(dir, { recursive: true });
  let client: ClickHouseClient;
  let raw: ReturnType<typeof createChdbConnection>;
  let engine: InstanceType<typeof Session> | undefined;
  const gate = new ParamGate();
  const [{ Session }, { createChdbConnection }] = await Promise.all([import('chdb'), import('chdb/connection')]);
  try {
    // The first session on the directory starts the engine; every later session on the directory
    // shares it. Its background merges keep the default priority: at nice 10 (session 17) the panels
    // answered ~1.5x slower just after a load, likely because the merges fell behind and the queries
    // read more parts (not counted; docs/demo-load.md, "Session 18").
    engine = new Session(dir);
    raw = createChdbConnection({ path: dir });
    // chdb types its connection against @clickhouse/client-common, which @clickhouse/client 1.23
    // now bundles under its own names: the same interface, two declarations.
    const connection = gated(raw, gate) as unknown as ClientConnection;
    client = createClient({ connection, log: { level: ClickHouseLogLevel.OFF } });
    await client.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((r) => r.json());
  } catch (err) {
    // Nothing is returned on failure, so the engine's session is released here (not covered by a test).
    try {
      engine?.close();
    } catch {}
    throw new ConfigError('DATA_DIR', `cannot open embedded ClickHouse in ${dir} (${describe(err)})`);
  }
  async function* streamEmbedded(sql: string, params: Record<string, unknown>, format: string, signal: AbortSignal): AsyncGenerator<Uint8Array> {
    // Sessions on the same directory share the engine (opening one takes well under a millisecond).
    const session = new Session(dir);
    let chunks: AsyncIterator<{ raw(): Uint8Array }> | undefined;
    // The chunks JavaScript is done with, freed every few MiB (v8-heap.ts).
    const chunkGc = new ChunkGc();
    try {
      // Binding the parameters and the first chunk (the statement's start) go through the gate.
      let next = await gate.run(async () => {
        chunks = session.queryStreamBind(sql, params, { format, signal })[Symbol.asyncIterator]();
        return chunks.next();
      });
      // One fetch ahead (docs/exports.md, "One chunk fetched ahead"): the engine computes chunk n+1
      // on its libuv thread while the consumer writes chunk n, instead of one after the other.
      // chdb's chunks are materialized bytes, so holding one while the next is fetched is safe.
      while (!next.done) {
        const bytes = next.value.raw();
        chunkGc.count(bytes.byteLength);
        const ahead = chunks!.next();
        // A rejection is taken by the await below (or by return() in finally), never unhandled.
        ahead.catch(() => {});
        yield bytes;
        next = await ahead;
      }
    } finally {
      // Ends chdb's iterator (after any fetch in flight: an async generator queues return() behind
      // a pending next()), whose own finally cancels the engine's stream; then the session.
      await chunks?.return?.(undefined).catch(() => {});
      session.close();
    }
  }
  // No query parameters: outside the gate, like the client's own inserts. The settings go into the
  // INSERT's SETTINGS clause (chdb builds it from names and values it checks), one statement only.
  const insertNdjsonEmbedded = async (table: string, body: Buffer, settings: Record<string, string | number | boolean>, signal?: AbortSignal) => {
    await raw.chdb.rawInsert({ table, values: body, format: 'JSONEachRow', settings, signal });
  };
  // A statement without parameters on a session of its own (outside the gate): its result as text.
  const unbound = async (sql: string, format?: string) => {
    const session = new Session(dir);
    try {
      return (await session.queryAsync(sql, format ? { format } : undefined)).text();
    } finally {
      // Deferred by chdb until the statement is done on the engine (it tracks the native call).
      session.close();
    }
  };
  const execUnboundEmbedded = async (sql: string) => void (await unbound(sql));
  const queryUnboundEmbedded = (sql: string) => unbound(sql, 'JSONEachRow');
  // Export and data files a crash left behind (DATA_DIR/tmp/<uuid>.csv while its export runs, <uuid>.tsv while read).
  const exportDir = path.join(opts.dataDir, 'tmp');
  fs.mkdirSync(exportDir, { recursive: true });
  for (const f of fs.readdirSync(exportDir)) if (EXPORT_FILE.test(f) || DATA_FILE.test(f)) fs.rmSync(path.join(exportDir, f), { force: true });
  return {
    client,
    mode: 'embedded',
    streamEmbedded,
    insertNdjsonEmbedded,
    execUnboundEmbedded,
    queryUnboundEmbedded,
    exportDir,
    close: async () => {
      await client.close();
      engine?.close();
    },
  };
}
