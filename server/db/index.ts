// Opens both stores behind one interface, loads the SQL catalog and checks every declared
// query handle against it before anything is served.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueryCatalog, verifyHandles } from './catalog.js';
import { openPostgres, type PostgresHandle } from './postgres.js';
import { openClickHouse } from './clickhouse.js';
import { ChStore, PgStore, type Stores } from './stores.js';

export { pgQuery, chQuery } from './catalog.js';
export type { Stores } from './stores.js';

export const QUERIES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../queries');

export interface OpenStoresOptions {
  databaseUrl?: string;
  clickhouseUrl?: string;
  clickhouseCluster?: string;
  dataDir: string;
  queriesDir?: string;
}

export async function openStores(opts: OpenStoresOptions): Promise<Stores> {
  const catalog = QueryCatalog.load(opts.queriesDir ?? QUERIES_DIR);
  verifyHandles(catalog);
  // ClickHouse first: an unreachable CLICKHOUSE_URL fails in milliseconds, before PGlite's initdb.
  const chHandle = await openClickHouse({ clickhouseUrl: opts.clickhouseUrl, cluster: opts.clickhouseCluster, dataDir: opts.dataDir });
  let pgHandle: PostgresHandle;
  try {
    pgHandle = await openPostgres({ databaseUrl: opts.databaseUrl, dataDir: opts.dataDir });
  } catch (err) {
    await chHandle.close();
    throw err;
  }
  const pg = new PgStore(catalog, pgHandle);
  const ch = new ChStore(catalog, chHandle);
  return {
    pg,
    ch,
    catalog,
    async close() {
      await Promise.allSettled([pgHandle.close(), chHandle.close()]);
    },
  };
}
