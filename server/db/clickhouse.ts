// @clickhouse/client to CLICKHOUSE_URL, or to embedded chDB in DATA_DIR/ch (DESIGN §2).
import fs from 'node:fs';
import path from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { ConfigError } from '../env.js';
import { describe, redactUrl } from './postgres.js';

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
    const client = createClient({ url: opts.clickhouseUrl, request_timeout: 60_000 });
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
    client = createClient({ connection: createChdbConnection({ path: dir }) });
    await client.query({ query: 'SELECT 1', format: 'JSONEachRow' }).then((r) => r.json());
  } catch (err) {
    throw new ConfigError('DATA_DIR', `cannot open embedded ClickHouse in ${dir} (${describe(err)})`);
  }
  return { client, mode: 'embedded', close: () => client.close() };
}
