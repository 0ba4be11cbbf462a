// The pg pool, to DATABASE_URL or to embedded PGlite served over a private loopback socket
// (docs/architecture.md#stores): one code path, `pg` everywhere.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { ConfigError } from '../env.js';

// Dates come back as JS Dates (timestamptz), bigint (int8) and numeric as strings unless parsed:
// counts in this product fit in 2^53, so int8 is parsed to number; numeric stays a string.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export interface PostgresHandle {
  pool: pg.Pool;
  mode: 'embedded' | 'external';
  close(): Promise<void>;
}

/** Pool size for an external server (a constant, not a setting); the embedded engine is one connection (docs/architecture.md#stores). */
const EXTERNAL_POOL_SIZE = 10;

export interface PostgresOptions {
  databaseUrl?: string;
  dataDir: string;
}

export async function openPostgres(opts: PostgresOptions): Promise<PostgresHandle> {
  if (opts.databaseUrl) return openExternal(opts.databaseUrl, EXTERNAL_POOL_SIZE);
  return openEmbedded(path.join(opts.dataDir, 'pg'));
}

async function openExternal(url: string, max: number): Promise<PostgresHandle> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  pool.on('error', () => {
    // An idle client lost its connection (server restart): the pool replaces it on next use,
    // and /api/health reports the outage. Without this listener the process would crash.
  });
  try {
    await pool.query('SELECT 1');
  } catch (err) {
    await pool.end().catch(() => {});
    throw new ConfigError('DATABASE_URL', `cannot connect to ${redactUrl(url)} (${describe(err)})`);
  }
  return { pool, mode: 'external', close: () => pool.end() };
}

async function openEmbedded(dir: string): Promise<PostgresHandle> {
  fs.mkdirSync(dir, { recursive: true });
  // Imported here, not at the top: a console with DATABASE_URL never loads PGlite's WASM build.
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite-socket')]);
  let db: PGlite;
  try {
    db = await PGlite.create(dir);
  } catch (err) {
    throw new ConfigError('DATA_DIR', `cannot open embedded PostgreSQL in ${dir} (${describe(err)})`);
  }
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
  await server.start();
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
  // PGlite is one connection: a pool of one keeps transactions from interleaving (docs/architecture.md#stores).
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port: address.port,
    user: 'postgres',
    database: 'postgres',
    max: 1,
  });
  pool.on('error', () => {});
  return {
    pool,
    mode: 'embedded',
    async close() {
      await pool.end().catch(() => {});
      await server.stop().catch(() => {});
      await db.close().catch(() => {});
    },
  };
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

export function describe(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length) return describe(err.errors[0]);
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown };
    const msg = typeof e.message === 'string' && e.message ? e.message : String(err);
    return typeof e.code === 'string' && !msg.includes(e.code) ? `${e.code}: ${msg}` : msg;
  }
  return String(err);
}
