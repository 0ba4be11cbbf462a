// Starts one console: binds the port first (a port in use fails before minutes of work), opens
// and migrates the stores, serves the app, then loads demo data in the background while
// /api/health says "starting". main.ts and the integration tests both start consoles this way.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { Registry, collectDefaultMetrics } from 'prom-client';
import { ConfigError, type Env } from './env.js';
import { openStores, QUERIES_DIR, type Stores } from './db/index.js';
import { migrate } from './db/migrate.js';
import { describe } from './db/postgres.js';
import { Lifecycle } from './lifecycle.js';
import { createApp } from './app.js';
import type { MountedRoute } from './http/route.js';
import { loadDemoData, loadDemoHistory, storesAreEmpty } from './features/demo/demo.service.js';
import { DAY_MS, DEMO_DAYS } from './features/demo/demo.plan.js';
import { clearDemoData, recordDemoPhase, recordDemoStart, unfinishedDemoLoad } from './features/demo/demo.resume.js';
import { compose, type Console } from './compose.js';

/** A started console: its parts (server/compose.ts) and the process-level handles. */
export interface RunningConsole extends Console {
  url: string;
  port: number;
  stores: Stores;
  lifecycle: Lifecycle;
  routes: MountedRoute[];
  /** Settles when start-up has finished (demo data loaded, or none to load). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  log: Logger;
  /**
   * The console's clock where it is injectable: the demo data's end, ingest's time checks, the
   * dashboards' windows and cache, the report-schedule job (alert evaluation times are explicit).
   */
  now?: () => Date;
  /** Start the every-minute report-schedule job (default true; test consoles start it only when asked). */
  reportScheduleJob?: boolean;
  /** Where the demo accounts' passwords are printed, once (stdout by default; never the logger). */
  print?: (text: string) => void;
}

/** The demo accounts' one-time passwords, as a block a person can copy from the terminal. */
function printDemoAccounts(created: { email: string; role: string; password: string }[], print: (text: string) => void): void {
  const lines = created.map((a) => `  ${a.role.padEnd(11)} ${a.email.padEnd(26)} ${a.password}`);
  print(['', '=== Demo accounts (passwords shown this once; they are not stored in clear) ===', ...lines, '='.repeat(78), '', ''].join('\n'));
}

/** Fails with a ConfigError naming DATA_DIR when it cannot be created or written. */
export function ensureWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const probe = path.join(dir, `.write-probe-${process.pid}`);
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe);
  } catch (err) {
    throw new ConfigError('DATA_DIR', `${dir} is not a writable directory (${describe(err)})`);
  }
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (err.code === 'EADDRINUSE') reject(new ConfigError('PORT', `${port} is already in use on ${host}`));
      else if (err.code === 'EACCES') reject(new ConfigError('PORT', `no permission to listen on ${host}:${port}`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') reject(new ConfigError('HOST', `${host} is not an address of this machine`));
      else reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as { port: number }).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export async function startConsole(config: Env, opts: StartOptions): Promise<RunningConsole> {
  const { log } = opts;
  const embedded = !config.DATABASE_URL || !config.CLICKHOUSE_URL;
  const dataDir = path.resolve(config.DATA_DIR);
  if (embedded || !config.SMTP_URL) ensureWritableDir(dataDir);

  const lifecycle = new Lifecycle();
  let handler: http.RequestListener = (req, res) => {
    const health = req.url === '/api/health';
    res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '2' });
    res.end(
      JSON.stringify(
        health
          ? { status: 'starting', uptimeSeconds: 0, postgres: null, clickhouse: null, evaluator: { lastRunAt: null }, freshness: [], demo: lifecycle.demo }
          : { error: { code: 'starting', message: 'The console is opening its stores; try again in a few seconds.' } },
      ),
    );
  };
  const server = http.createServer((req, res) => handler(req, res));
  server.keepAliveTimeout = 65_000;
  const port = await listen(server, config.PORT, config.HOST);

  let stores: Stores;
  try {
    stores = await openStores({
      databaseUrl: config.DATABASE_URL,
      clickhouseUrl: config.CLICKHOUSE_URL,
      clickhouseCluster: config.CLICKHOUSE_CLUSTER,
      dataDir,
      queriesDir: QUERIES_DIR,
    });
  } catch (err) {
    server.close();
    throw err;
  }
  const registry = new Registry();
  let parts: Console;
  try {
    parts = compose(config, {
      stores,
      lifecycle,
      log,
      registry,
      dataDir,
      instanceId: config.INSTANCE_ID ?? os.hostname(),
      now: opts.now,
      reportScheduleJob: opts.reportScheduleJob,
    });
    const applied = await migrate(stores, path.join(QUERIES_DIR, 'migrations'), log);
    log.info({ applied, postgres: stores.pg.mode, clickhouse: stores.ch.mode }, 'stores ready');
    for (const init of parts.init) await init();
  } catch (err) {
    server.close();
    await stores.close();
    throw err;
  }

  collectDefaultMetrics({ register: registry });
  const { app, routes } = createApp({
    parts,
    lifecycle,
    log,
    registry,
    mediaOrigins: config.MEDIA_ORIGINS,
    trustProxy: config.TRUST_PROXY,
    heavyQueriesPerSession: config.HEAVY_QUERIES_PER_SESSION,
    rateLimits: {
      sessionPerMinute: config.RATE_LIMIT_SESSION_PER_MINUTE,
      keyPerMinute: config.RATE_LIMIT_KEY_PER_MINUTE,
      anonymousPerMinute: config.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
    },
    checkResponses: config.NODE_ENV === 'test',
  });
  handler = app;
  for (const job of parts.jobs) await job.start();

  /** The demo month's trending day lists being made once the console is ready; awaited at close. */
  let preparing: Promise<void> | undefined;
  const ready = (async () => {
    const wantDemo = config.DEMO_DATA ?? (!config.DATABASE_URL && !config.CLICKHOUSE_URL);
    let demoNow: Date | undefined;
    let demoLoadId: number | undefined;
    let demoMerging: Promise<number> | undefined;
    // A load an earlier start did not finish (demo_loads, demo.resume.ts) is cleared and redone.
    const interrupted = await unfinishedDemoLoad(stores).catch((err) => void log.error({ err }, 'the demo load record could not be read'));
    const redo = interrupted ? { startedAt: new Date(interrupted.startedAt).toISOString(), phase: interrupted.phase } : undefined;
    if (interrupted && !wantDemo) {
      lifecycle.demo = { state: 'failed', error: 'an interrupted demo load left partial data: start with DEMO_DATA=1 to load it again', redo };
      log.error(redo, 'AN INTERRUPTED DEMO LOAD LEFT PARTIAL DATA in both stores; DEMO_DATA is off, so it is not redone');
    }
    // The console's accounts (the configured first admin; the demo's, when demo data is wanted and
    // did not fail), then the demo's moderation history, which needs its reviewers' accounts. On a
    // demo load both run once PostgreSQL's part has committed, beside ClickHouse's part of the load
    // (loadDemoData's afterPostgres); otherwise after it.
    let accountsEnsured = false;
    const ensureAccounts = async (demo: boolean) => {
      accountsEnsured = true;
      try {
        const bootstrap =
          config.BOOTSTRAP_ADMIN_EMAIL && config.BOOTSTRAP_ADMIN_PASSWORD
            ? { email: config.BOOTSTRAP_ADMIN_EMAIL, password: config.BOOTSTRAP_ADMIN_PASSWORD }
            : undefined;
        const created = await parts.auth.ensureAccounts({ demo, bootstrap });
        if (created.length) printDemoAccounts(created, opts.print ?? ((s) => process.stdout.write(s)));
      } catch (err) {
        log.error({ err }, 'console accounts could not be created');
      }
    };
    const writeHistory = async (now: Date) => {
      try {
        const t0 = Date.now();
        const history = await loadDemoHistory(stores, { size: config.DEMO_SIZE, seed: config.DEMO_SEED, now });
        log.info(history, `demo moderation history written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      } catch (err) {
        log.error({ err }, 'demo moderation history failed; the cases stay without decisions');
      }
    };
    if (wantDemo && (interrupted || (await storesAreEmpty(stores)))) {
      lifecycle.demo = { state: 'loading', step: 'starting', done: 0, total: 1, redo };
      const t0 = Date.now();
      let lastLogged = 0;
      try {
        if (interrupted) {
          log.warn(
            { ...redo, size: interrupted.size, seed: interrupted.seed },
            `THE DEMO LOAD STARTED ${redo!.startedAt} DID NOT FINISH (stopped in its ${interrupted.phase} phase): clearing its partial data in PostgreSQL and ClickHouse and loading it again`,
          );
          lifecycle.demo = { state: 'loading', step: 'clearing the interrupted load', done: 0, total: 1, redo };
          const cleared = await clearDemoData(stores, interrupted);
          log.warn({ clickhouseTables: cleared }, 'the interrupted demo load is cleared; loading again');
        }
        demoNow = opts.now?.() ?? new Date();
        demoLoadId = await recordDemoStart(stores, { size: config.DEMO_SIZE, seed: config.DEMO_SEED, now: demoNow, redoOf: interrupted?.id });
        const summary = await loadDemoData(stores, {
          size: config.DEMO_SIZE,
          seed: config.DEMO_SEED,
          now: demoNow,
          mergeLater: true,
          afterPostgres: async () => {
            await ensureAccounts(true);
            await writeHistory(demoNow!);
          },
          onProgress: (p) => {
            lifecycle.demo = { state: 'loading', ...p, redo };
            if (Date.now() - lastLogged > 1000 || p.done === p.total) {
              lastLogged = Date.now();
              log.info(`demo data: ${p.step} (${Math.round((100 * p.done) / Math.max(1, p.total))}%)`);
            }
          },
        });
        demoMerging = summary.merging;
        await recordDemoPhase(stores, demoLoadId, 'history', summary.counts);
        lifecycle.demo = { state: 'done', redo };
        log.info(
          { counts: summary.counts, steps: summary.steps },
          `demo data (${summary.size}, seed ${summary.seed}) loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
        );
      } catch (err) {
        lifecycle.demo = { state: 'failed', error: describe(err), redo };
        log.error({ err }, 'demo data failed to load; the console runs with what was loaded (the next start loads it again)');
      }
    }
    if (!accountsEnsured) await ensureAccounts(wantDemo && lifecycle.demo.state !== 'failed');
    // ClickHouse's merges of the demo's small rollups ran beside the load (demo.clickhouse.ts);
    // the console is ready once they are done too. A failed merge leaves the rows as they are
    // (only more parts to read): logged, not a failed load.
    if (demoMerging) {
      await demoMerging.then(
        (seconds) => log.info(`demo rollups merged in ${seconds.toFixed(1)} s (beside the load)`),
        (err) => log.error({ err }, 'the demo rollups could not be merged; they are read unmerged'),
      );
    }
    if (demoLoadId !== undefined && lifecycle.demo.state === 'done') {
      await recordDemoPhase(stores, demoLoadId, 'done').catch((err) => log.error({ err }, 'the demo load could not be recorded as done'));
      if (redo) log.warn(redo, 'the interrupted demo load is loaded again in full');
    }
    // The demo's days do not change again: their trending day lists are made now, in the
    // background, newest day first, instead of at first use a minute from now; until then a
    // trending request groups every video of its window (TrendingLists.prepare, docs/scale.md).
    if (demoNow && lifecycle.demo.state === 'done' && lifecycle.phase === 'starting') {
      const t1 = Date.now();
      const month = { from: new Date(demoNow.getTime() - DEMO_DAYS * DAY_MS), to: new Date(demoNow.getTime() + DAY_MS) };
      preparing = parts.dashboards.prepareTrending(month.from, month.to).then(
        (made) => log.info(`trending day lists of the demo month: ${made} made in ${((Date.now() - t1) / 1000).toFixed(1)} s`),
        (err) => log.warn({ err }, 'the trending day lists of the demo month were not made now; they are made at first use'),
      );
    }
    if (lifecycle.phase === 'starting') lifecycle.phase = 'ready';
    if (lifecycle.phase === 'ready') {
      for (const job of parts.readyJobs) await Promise.resolve(job.start()).catch((err) => log.error({ err }, 'a background job did not start'));
    }
  })();

  return {
    ...parts,
    url: `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`,
    port,
    stores,
    lifecycle,
    routes,
    ready,
    async close() {
      lifecycle.phase = 'stopping';
      await ready.catch(() => {});
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5000).unref();
      });
      for (const job of [...parts.jobs, ...parts.readyJobs].reverse()) await job.stop();
      await preparing;
      await stores.close();
    },
  };
}
