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

const serials = new WeakMap<pg.ClientBase, number>();
let nextSerial = 1;

/**
 * The number of a pool connection, given at its first named statement: it names the connection's prepared
 * statements (`<query>/<serial>`, server/db/stores.ts), so two connections never prepare the same
 * name on one backend (PGlite serves them all from one, docs/architecture.md#engine-notes).
 */
export function connectionSerial(client: pg.ClientBase): number {
  let n = serials.get(client);
  if (n === undefined) {
    n = nextSerial++;
    serials.set(client, n);
  }
  return n;
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
  // The pool opens its next connection as soon as it drops one (after any failed query, after 10 s
  // idle), before the socket server has seen the last one close: with the server's default of one
  // connection that next one was refused ("Connection terminated unexpectedly", a 500). The pool
  // still uses one connection at a time (max: 1 below), which the DEALLOCATE below relies on.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
  // PGlite is one connection: a pool of one keeps transactions from interleaving (docs/architecture.md#stores).
  const pool = new pg.Pool({
    host: '127.0.0.1',
    port: address.port,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    // The backend outlives its connections: statements prepared by a closed one stay on it. The
    // pool has one connection at a time, so when one opens, everything prepared belongs to
    // connections it has dropped: deallocated before the new one is handed out, so they never
    // pile up (docs/architecture.md#engine-notes).
    verify: (client, done) => void client.query('DEALLOCATE ALL').then(() => done(), done),
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
