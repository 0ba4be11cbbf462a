// Dashboard panel endpoints on demo data: p50/p95 per endpoint at 1 and 50 concurrent clients
// (each request a different 7-day window, so the result cache misses and the engines work),
// the ratio of endpoint time to the engine time of the same SQL (the service's queries run
// directly on the stores, same windows, one at a time), and N clients
// hammering the overview for S seconds (a relative "last 24 h" window, as browsers ask it: the
// result cache serves most of them). `--sizes small,default,large --requests 40 --soak-clients
// 1000 --soak-seconds 30 [--panels engagement,watch-time]`. The console runs in this process (chDB binds one data directory per
// process, and the direct engine timings need the same stores).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { parseEnv } from '../server/env.js';
import { startConsole } from '../server/server.js';
import { DashboardsService, type Window } from '../server/features/dashboards/dashboards.service.js';
import { PasswordService } from '../server/features/auth/passwords.js';
import type { Stores } from '../server/db/index.js';
import type { AuthService } from '../server/features/auth/auth.service.js';
import type { BenchContext } from './run.js';

export const description = 'dashboard endpoints: p50/p95 at 1 and 50 clients, endpoint / engine time, overview soak';

const ADMIN = { email: 'bench@bench.local', password: 'bench-password-123' };
const BENCH_ACTOR = { id: null, email: 'bench', requestId: null, ip: null };
const DAY = 86_400_000;
const Q = 15 * 60_000;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};

/**
 * The panels' client: node:http on kept-alive connections, as a plain HTTP client (curl, a load
 * tester) reads them. It runs in the console's process and on its 2 cores; fetch (undici, its web
 * streams and abort signals) cost ~0.35 ms more a request there, which the endpoint/engine ratio
 * counted as the console's (docs/request-path.md, session 10). The soak keeps fetch.
 */
const agent = new http.Agent({ keepAlive: true });
function get(url: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { cookie } }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

// `fn(i, worker)`: request i of n, run by worker `worker` of `concurrency` (each worker is one client).
async function pool<T>(n: number, concurrency: number, fn: (i: number, worker: number) => Promise<T>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async (_, worker) => {
      while (next < n) await fn(next++, worker);
    }),
  );
}

/**
 * The bench's admin on a kept directory (`--data-dir`). BOOTSTRAP_ADMIN_* adds its admin only to a
 * console that has no enabled admin (AuthService.ensureAccounts), and a directory loaded by
 * `npm run bench -- demo --keep-dir` holds the demo's admin@pulse.local: so the bench creates its
 * account itself, through the console's account service, as `npm run accounts -- create` would.
 * When the account exists (an earlier bench run), its password is reset (PasswordService, as
 * `npm run accounts -- reset-password` does) and the first sign-in sets the bench's password, so a
 * changed password, a disabled account or a lost role do not fail the run. The account and its
 * sessions stay in the directory (audited as actor `bench`). Returns what was done.
 */
async function ensureBenchAdmin(url: string, stores: Stores, auth: AuthService): Promise<string> {
  const existing = (await auth.listAccounts()).find((a) => a.email.toLowerCase() === ADMIN.email);
  if (!existing) {
    await auth.createAccount(BENCH_ACTOR, { email: ADMIN.email, password: ADMIN.password, role: 'admin' });
    return `created ${ADMIN.email}`;
  }
  if (existing.disabled || existing.role !== 'admin') await auth.updateAccount(BENCH_ACTOR, Number(existing.id), { role: 'admin', disabled: false });
  const { oneTimePassword } = await new PasswordService(stores, auth).resetByEmail(BENCH_ACTOR, ADMIN.email);
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN.email, password: oneTimePassword, newPassword: ADMIN.password }),
  });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${ADMIN.email}: setting the bench password answered HTTP ${res.status}`);
  return `reset ${ADMIN.email}`;
}

export default async function (ctx: BenchContext) {
  const sizes = String(ctx.args.sizes ?? 'default').split(',');
  const requests = Number(ctx.args.requests ?? 40);
  const soakClients = Number(ctx.args['soak-clients'] ?? 1000);
  const soakSeconds = Number(ctx.args['soak-seconds'] ?? 30);
  for (const size of sizes) {
    // `--data-dir D` reuses a data directory that already holds this size's demo (kept after the
    // run): the panels are measured without loading it again (the load time is then not measured).
    const kept = ctx.args['data-dir'] ? String(ctx.args['data-dir']) : null;
    if (kept && sizes.length > 1) throw new Error('--data-dir takes one size');
    const dir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), `pulse-bench-dash-${size}-`));
    const t0 = performance.now();
    const c = await startConsole(
      parseEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dir,
        DEMO_DATA: '1',
        DEMO_SIZE: size,
        LOG_LEVEL: 'warn',
        BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
        BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
        // Every client below is its own signed-in session, as each browser is; they all come from
        // 127.0.0.1, so the per-IP anonymous limit (which their sign-ins count against) is lifted.
        // The per-session limits (RATE_LIMIT_SESSION_PER_MINUTE, HEAVY_QUERIES_PER_SESSION) stay.
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000',
      }),
      { log: pino({ level: 'silent' }) },
    );
    try {
      await c.ready;
      ctx.log(`${size}: ${kept ? `started on ${kept} (demo already loaded)` : 'demo loaded'} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      // A new directory got the bench's admin from BOOTSTRAP_ADMIN_* (it had no admin); a kept one did not.
      if (kept) ctx.log(`${size}: bench admin: ${await ensureBenchAdmin(c.url, c.stores, c.auth)}`);
      const signIn = async () => {
        const login = await fetch(`${c.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
        if (login.status !== 200) throw new Error(`sign-in: HTTP ${login.status}`);
        return (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      };
      const sessions: string[] = [];
      const sessionsFor = async (n: number) => {
        const t = performance.now();
        const before = sessions.length;
        await pool(Math.max(0, n - sessions.length), 4, async () => void sessions.push(await signIn()));
        if (sessions.length > before) ctx.log(`${size}: ${sessions.length - before} sessions signed in in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      };
      await sessionsFor(50);
      // Its own result cache, like the endpoint's: every window below is new, so the window's
      // queries miss in both; only window-free ones (alerts firing) hit in both.
      const direct = new DashboardsService(c.stores);
      const end = Math.ceil(Date.now() / Q) * Q;
      const windowOf = (i: number): Window => ({ from: new Date(end - i * Q - 7 * DAY), to: new Date(end - i * Q), tz: 'America/Los_Angeles' });
      const top = await direct.trendingVideos(windowOf(0), 1);
      const videoId = top.rows[0]?.videoId ?? 1;
      const panels: { name: string; path: string; run: (w: Window) => Promise<unknown> }[] = [
        { name: 'overview', path: 'overview', run: (w) => direct.overview(w) },
        { name: 'trending-videos', path: 'trending-videos?limit=100', run: (w) => direct.trendingVideos(w, 100) },
        { name: 'engagement', path: 'engagement?interval=day', run: (w) => direct.engagement(w, 'day') },
        { name: 'engagement-breakdown', path: 'engagement/breakdown?by=region', run: (w) => direct.engagementBreakdown(w, 'region') },
        { name: 'watch-time', path: 'watch-time?interval=day', run: (w) => direct.watchTime(w, 'day') },
        { name: 'top-creators', path: 'top-creators?limit=100', run: (w) => direct.topCreators(w, 100) },
        { name: 'revenue', path: 'revenue', run: (w) => direct.revenue(w) },
        { name: 'latency', path: 'latency', run: (w) => direct.latency(w) },
        { name: 'moderation', path: 'moderation', run: (w) => direct.moderation(w) },
        { name: 'data-quality', path: 'data-quality', run: (w) => direct.dataQuality(w) },
        { name: 'video', path: `videos/${videoId}?interval=day`, run: (w) => direct.video(videoId, w, 'day') },
      ];
      // `--panels engagement,watch-time` measures only those (the soak is separate: --soak-clients 0).
      const only = ctx.args.panels ? String(ctx.args.panels).split(',') : null;
      const unknown = only?.filter((n) => !panels.some((p) => p.name === n)) ?? [];
      if (unknown.length) throw new Error(`--panels: no panel ${unknown.join(', ')} (${panels.map((p) => p.name).join(', ')})`);
      // The console's own time for each request at one client (observe(), second middleware, to
      // the response's finish: the request-metrics row's duration). The rest of the endpoint time
      // is HTTP parsing and this process's HTTP client (get() above), which shares the cores with the console.
      let serverTimes: number[] | null = null;
      const record = c.writer.record.bind(c.writer);
      c.writer.record = (m) => {
        serverTimes?.push(m.durationMs);
        record(m);
      };
      let windowSeq = 1;
      for (const p of panels) {
        // A panel left out still takes its windows, so each panel measures the same windows either way.
        if (only && !only.includes(p.name)) {
          windowSeq += 1 + 2 * requests;
          continue;
        }
        const url = (w: Window) =>
          `${c.url}/api/metrics/${p.path}${p.path.includes('?') ? '&' : '?'}from=${w.from.toISOString()}&to=${w.to.toISOString()}&tz=${encodeURIComponent(w.tz)}`;
        const endpoint = async (w: Window, client = 0) => {
          const t = performance.now();
          const status = await get(url(w), sessions[client]!);
          if (status !== 200) throw new Error(`${p.name}: HTTP ${status}`);
          return performance.now() - t;
        };
        await endpoint(windowOf(windowSeq++)); // warm-up (first-use costs of parts and pages)
        for (const clients of [1, 50]) {
          const times: number[] = [];
          const base = windowSeq;
          windowSeq += requests;
          const engine: number[] = [];
          if (clients === 1) {
            // Each window through the endpoint and straight on the stores, one at a time, the two in
            // turn first: whichever reads a new window first pays for bringing its pages in (on the
            // large demo that alone made the endpoint look 7 ms slower than the engine when it
            // always went first).
            const onStores = async (w: Window) => {
              const t = performance.now();
              await p.run(w);
              engine.push(performance.now() - t);
            };
            serverTimes = [];
            for (let i = 0; i < requests; i++) {
              const w = windowOf(base + i);
              if (i % 2 === 0) {
                times.push(await endpoint(w));
                await onStores(w);
              } else {
                await onStores(w);
                times.push(await endpoint(w));
              }
            }
          } else await pool(requests, clients, async (i, worker) => void times.push(await endpoint(windowOf(base + i), worker)));
          ctx.record(`${size} ${p.name} @${clients} p50`, 'ms', pct(times, 50));
          ctx.record(`${size} ${p.name} @${clients} p95`, 'ms', pct(times, 95));
          if (clients === 1) {
            ctx.record(`${size} ${p.name} engine p50`, 'ms', pct(engine, 50));
            ctx.record(`${size} ${p.name} endpoint/engine p50`, 'x', pct(times, 50) / pct(engine, 50));
            ctx.record(`${size} ${p.name} server/engine p50`, 'x', pct(serverTimes!, 50) / pct(engine, 50));
            serverTimes = null;
          }
        }
      }
      if (soakClients > 0 && soakSeconds > 0) {
        await sessionsFor(soakClients);
        const stopAt = performance.now() + soakSeconds * 1000;
        const times: number[] = [];
        let errors = 0;
        const statuses = new Map<number, number>();
        await Promise.all(
          Array.from({ length: soakClients }, async (_, client) => {
            while (performance.now() < stopAt) {
              const now = Date.now();
              const t = performance.now();
              try {
                const res = await fetch(`${c.url}/api/metrics/overview?from=${new Date(now - DAY).toISOString()}&to=${new Date(now).toISOString()}`, {
                  headers: { cookie: sessions[client]! },
                });
                await res.arrayBuffer();
                if (res.status !== 200) {
                  errors++;
                  statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
                }
              } catch {
                errors++;
              }
              times.push(performance.now() - t);
            }
          }),
        );
        ctx.record(`${size} overview soak ${soakClients} clients requests`, 'count', times.length);
        ctx.record(`${size} overview soak ${soakClients} clients errors`, 'count', errors);
        if (statuses.size > 0) ctx.log(`${size}: soak errors by status: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}`);
        ctx.record(`${size} overview soak ${soakClients} clients p50`, 'ms', pct(times, 50));
        ctx.record(`${size} overview soak ${soakClients} clients p95`, 'ms', pct(times, 95));
      }
    } finally {
      agent.destroy();
      await c.close();
      if (!kept) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
