// The demo data set loaded once, size small, into fresh stores (PGlite, or a fresh database on the
// PostgreSQL at TEST_DATABASE_URL, + chDB), for test/integration/demo.test.ts and demo-incidents.test.ts.
// NOW is a fixed time of today's UTC date: the load is deterministic within the run, and a date fixed
// for ever would go stale (request_metrics has a 90-day TTL, so its rows would expire on insert).
import { after, before } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { openStores, type Stores } from '../../server/db/index.js';
import { migrate } from '../../server/db/migrate.js';
import { loadDemoData, storesAreEmpty, type DemoProgress, type DemoSummary } from '../../server/features/demo/demo.service.js';
import { createTestDatabase } from './console.js';

export const NOW = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 + 14 * 3_600_000 + 23 * 60_000 + 45_678);
export const SEED = 7;
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const at = (msBeforeNow: number) => new Date(NOW.getTime() - msBeforeNow);
/** ClickHouse DateTime64(3) parameter text. */
export const chTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

export interface DemoStores {
  stores: Stores;
  summary: DemoSummary;
  progress: DemoProgress[];
  emptyBefore: boolean;
  /** Rows of a PostgreSQL query. */
  pg<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Rows of a ClickHouse query (64-bit integers as numbers). */
  ch<T = Record<string, unknown>>(sql: string, params?: Record<string, unknown>): Promise<T[]>;
}

/** Registers the before/after hooks of the calling suite; the fields are set once before() has run. */
export function useDemoStores(): DemoStores {
  let dir: string;
  let dropDatabase: (() => Promise<void>) | undefined;
  const demo = {
    progress: [] as DemoProgress[],
    async pg<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
      return (await demo.stores.pg.handle.pool.query(sql, params)).rows as T[];
    },
    async ch<T = Record<string, unknown>>(sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
      const rs = await demo.stores.ch.handle.client.query({
        query: sql,
        query_params: params,
        format: 'JSONEachRow',
        clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
      });
      return (await rs.json()) as T[];
    },
  } as DemoStores;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-demo-'));
    let databaseUrl: string | undefined;
    if (process.env.TEST_DATABASE_URL) {
      const db = await createTestDatabase(process.env.TEST_DATABASE_URL);
      databaseUrl = db.url;
      dropDatabase = db.drop;
    }
    demo.stores = await openStores({ dataDir: dir, databaseUrl });
    await migrate(demo.stores, path.resolve('queries/migrations'), pino({ level: 'silent' }));
    demo.emptyBefore = await storesAreEmpty(demo.stores);
    demo.summary = await loadDemoData(demo.stores, { size: 'small', seed: SEED, now: NOW, onProgress: (p) => demo.progress.push(p) });
  });

  after(async () => {
    await demo.stores?.close();
    await dropDatabase?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return demo;
}
