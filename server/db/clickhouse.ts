// @clickhouse/client to CLICKHOUSE_URL, or to embedded chDB in DATA_DIR/ch (docs/architecture.md#stores).
// chDB (a native library of ~540 MB) is imported only when the store is embedded: a console with
// CLICKHOUSE_URL never loads it, and starts where chDB has no build (docs/clickhouse.md).
import fs from 'node:fs';
import path from 'node:path';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { ConfigError } from '../env.js';
import type { ClusterOptions } from './cluster.js';
import { describe, redactUrl } from './postgres.js';

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
  close(): Promise<void>;
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
  const dir = path.join(opts.dataDir, 'ch');
  fs.mkdirSync(dir, { recursive: true });
  let client: ClickHouseClient;
  const [{ Session }, { createChdbConnection }] = await Promise.all([import('chdb'), import('chdb/connection')]);
  try {
    // chdb types its connection against @clickhouse/client-common, which @clickhouse/client 1.23
    // now bundles under its own names: the same interface, two declarations.
    const connection = createChdbConnection({ path: dir }) as unknown as ClientConnection;
    client = createClient({ connection, log: { level: ClickHouseLogLevel.OFF } });
    await client.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((r) => r.json());
  } catch (err) {
    throw new ConfigError('DATA_DIR', `cannot open embedded ClickHouse in ${dir} (${describe(err)})`);
  }
  async function* streamEmbedded(sql: string, params: Record<string, unknown>, format: string, signal: AbortSignal): AsyncGenerator<Uint8Array> {
    // Sessions on the same directory share the engine (opening one takes well under a millisecond).
    const session = new Session(dir);
    try {
      const stream = session.queryStreamBind(sql, params, { format, signal });
      try {
        for await (const chunk of stream) yield chunk.raw();
      } finally {
        if (!stream.closed) stream.cancel();
      }
    } finally {
      session.close();
    }
  }
  return { client, mode: 'embedded', streamEmbedded, close: () => client.close() };
}
