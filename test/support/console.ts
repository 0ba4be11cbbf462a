// Starts a real console for a test file: real HTTP on a free loopback port, embedded stores in
// a fresh temporary DATA_DIR, or a fresh database on the PostgreSQL at TEST_DATABASE_URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { parseEnv } from '../../server/env.js';
import { startConsole, type RunningConsole } from '../../server/server.js';

/** The /metrics bearer token of test consoles (send it as Authorization: Bearer). */
export const METRICS_TOKEN = 'test-metrics-token-0123456789';
export const metricsHeaders = { authorization: `Bearer ${METRICS_TOKEN}` };

export interface TestConsole extends RunningConsole {
  dataDir: string;
  /** Which PostgreSQL this run uses, for test names. */
  pgTarget: 'pglite' | 'postgres';
  get(pathname: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/** A fresh database on the machine's PostgreSQL, dropped by the returned cleanup. */
export async function createTestDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `pulse_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function tempDataDir(prefix = 'pulse-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * `now` is the console's test clock (demo data, ingest's time checks, the report-schedule job).
 * Background jobs are off unless asked for: the report-schedule job (`reportScheduleJob`) and the
 * alert evaluator and delivery loop (`ALERTING: '1'`), so no test meets a tick of the real clock.
 */
export async function startTestConsole(
  overrides: Record<string, string> = {},
  opts: { now?: () => Date; dataDir?: string; keepDatabase?: string; reportScheduleJob?: boolean } = {},
): Promise<TestConsole> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const base = process.env.TEST_DATABASE_URL;
  const db = opts.keepDatabase ? { url: opts.keepDatabase, drop: async () => {} } : base ? await createTestDatabase(base) : undefined;
  const config = parseEnv({
    // Routes check what they send against their contract (server/http/route.ts).
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_DATA: '0',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    REQUEST_METRICS_FLUSH_MS: '60000',
    // No alert evaluator or delivery loop unless a test asks for one (test/integration/alerting.test.ts).
    ALERTING: '0',
    // The tests play clients behind a proxy on loopback (X-Forwarded-For picks their address);
    // test/integration/hardening-system.test.ts checks the default (0: no proxy trusted).
    TRUST_PROXY: 'loopback',
    METRICS_TOKEN,
    // Test files fire many requests from one session, key and address in a few seconds: the
    // per-minute and per-session bounds are checked by test/integration/hardening-limits.test.ts.
    RATE_LIMIT_SESSION_PER_MINUTE: '1000000',
    RATE_LIMIT_KEY_PER_MINUTE: '1000000',
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000',
    HEAVY_QUERIES_PER_SESSION: '64',
    DATABASE_URL: db?.url,
    ...overrides,
  });
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const running = await startConsole(config, { log, now: opts.now, reportScheduleJob: opts.reportScheduleJob ?? false });
  return Object.assign(running, {
    dataDir,
    pgTarget: (db ? 'postgres' : 'pglite') as TestConsole['pgTarget'],
    get: (pathname: string, init?: RequestInit) => fetch(running.url + pathname, init),
    async stop() {
      await running.close();
      if (!opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      if (!opts.keepDatabase) await db?.drop();
    },
  });
}
