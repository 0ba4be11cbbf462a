// @clickhouse/client to CLICKHOUSE_URL, or to embedded chDB in DATA_DIR/ch (docs/architecture.md#stores).
import fs from 'node:fs';
import path from 'node:path';
import { ClickHouseLogLevel, createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { ConfigError } from '../env.js';
import { describe, redactUrl } from './postgres.js';

type ClientConnection = NonNullable<NonNullable<Parameters<typeof createClient>[0]>['connection']>;

export interface ClickHouseHandle {
  client: ClickHouseClient;
  mode: 'embedded' | 'external';
  close(): Promise<void>;
}

export interface ClickHouseOptions {
  clickhouseUrl?: string;
  dataDir: string;
}

export async function openClickHouse(opts: ClickHouseOptions): Promise<ClickHouseHandle> {
  if (opts.clickhouseUrl) {
    // The client's own logger is off: failures surface as errors that we report (and it would print
    // connection details on stderr beside our one-line start-up errors).
    const client = createClient({ url: opts.clickhouseUrl, request_timeout: 60_000, log: { level: ClickHouseLogLevel.OFF } });
    const ping = await client.ping();
    if (!ping.success) {
      await client.close().catch(() => {});
      throw new ConfigError('CLICKHOUSE_URL', `cannot reach ${redactUrl(opts.clickhouseUrl)} (${describe(ping.error)})`);
    }
    return { client, mode: 'external', close: () => client.close() };
  }
  const dir = path.join(opts.dataDir, 'ch');
  fs.mkdirSync(dir, { recursive: true });
  let client: ClickHouseClient;
  try {
    // chdb types its connection against @clickhouse/client-common, which @clickhouse/client 1.23
    // now bundles under its own names: the same interface, two declarations.
    const connection = createChdbConnection({ path: dir }) as unknown as ClientConnection;
    client = createClient({ connection, log: { level: ClickHouseLogLevel.OFF } });
    await client.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((r) => r.json());
  } catch (err) {
    throw new ConfigError('DATA_DIR', `cannot open embedded ClickHouse in ${dir} (${describe(err)})`);
  }
  return { client, mode: 'embedded', close: () => client.close() };
}
