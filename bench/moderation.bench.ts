// The review queue at scale (README#moderation): queue page latency with 100k open cases (first page,
// deep cursor pages, filtered) on embedded PGlite and on the real PostgreSQL, then claim-and-decide
// throughput with 50 concurrent moderators (claim-next, then a decision) on the real PostgreSQL.
// The console runs in its own process (server/main.ts); this process only sends requests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchContext } from './run.js';
import { startAndWaitHealthy } from './process.js';
import { createTestDatabase, startTestConsole, type TestConsole } from '../test/support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../test/support/auth.js';

export const description = 'queue page latency with 100k open cases (PGlite, PostgreSQL); claim-and-decide throughput, 50 moderators (PostgreSQL)';

const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const MODERATORS = 50;
const PASSWORD = 'bench-moderator-password';
const SEED = fs.readFileSync(path.resolve('bench/sql/moderation_seed.sql'), 'utf8');

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await fn();
  return [performance.now() - t0, out];
}

/** Seeds a data directory (and a database on PostgreSQL) in-process, then stops. */
async function prepare(target: 'pglite' | 'postgres', dataDir: string, dbUrl: string | undefined, log: (l: string) => void): Promise<void> {
  const c = await startTestConsole(bootstrapAdminEnv, { dataDir, keepDatabase: dbUrl });
  await c.ready;
  const [seedMs] = await timed(() => c.stores.pg.handle.pool.query(SEED));
  log(`  ${target}: seeded 100k open cases, 200k reports in ${(seedMs / 1000).toFixed(1)} s`);
  const admin = await login(c, ADMIN.email, ADMIN.password);
  for (let i = 0; i < MODERATORS; i++) {
    const res = await admin.call('POST', '/api/admin/accounts', { email: `bench-mod-${i}@bench.test`, password: PASSWORD, role: 'moderator' });
    if (res.status !== 201) throw new Error(`account: ${res.status} ${await res.text()}`);
  }
  await c.stop();
}

async function queueLatency(ctx: BenchContext, target: string, moderator: TestSession): Promise<void> {
  const get = async (qs: string) => {
    const res = await moderator.call('GET', `/api/moderation/queue?${qs}`);
    if (res.status !== 200) throw new Error(`queue ${qs}: ${res.status}`);
    return (await res.json()) as { items: unknown[]; nextCursor: string | null };
  };
  for (let i = 0; i < 10; i++) await get('limit=50'); // warm-up
  const first: number[] = [];
  for (let i = 0; i < 200; i++) first.push((await timed(() => get('limit=50')))[0]);
  first.sort((a, b) => a - b);
  ctx.record(`${target}: queue first page (50 of 100k) p50`, 'ms', pct(first, 50));
  ctx.record(`${target}: queue first page (50 of 100k) p95`, 'ms', pct(first, 95));

  const deep: number[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const [ms, body] = await timed(() => get(`limit=50${cursor ? `&cursor=${cursor}` : ''}`));
    deep.push(ms);
    cursor = body.nextCursor;
  }
  deep.sort((a, b) => a - b);
  ctx.record(`${target}: queue pages 1-100 by cursor p95`, 'ms', pct(deep, 95));

  const filtered: number[] = [];
  for (let i = 0; i < 100; i++) filtered.push((await timed(() => get('limit=50&reason=hate&sla=breached')))[0]);
  filtered.sort((a, b) => a - b);
  ctx.record(`${target}: queue filtered (reason, SLA) p95`, 'ms', pct(filtered, 95));
}

async function claimAndDecide(ctx: BenchContext, target: string, mods: TestSession[], seconds: number): Promise<void> {
  const pairs: number[] = [];
  let conflicts = 0;
  const stopAt = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    mods.map(async (m, i) => {
      while (performance.now() < stopAt) {
        const [ms, ok] = await timed(async () => {
          const claimed = await m.call('POST', '/api/moderation/claim-next');
          const { lease } = (await claimed.json()) as { lease: { caseId: number; version: number } | null };
          if (!lease) return false;
          const res = await m.call('POST', `/api/moderation/cases/${lease.caseId}/decision`, {
            outcome: i % 3 === 0 ? 'remove' : 'dismiss',
            reason: i % 3 === 0 ? 'spam' : 'no_violation',
            version: lease.version,
          });
          await res.arrayBuffer();
          if (res.status === 409) conflicts++;
          else if (res.status !== 200) throw new Error(`decision: ${res.status}`);
          return res.status === 200;
        });
        if (ok) pairs.push(ms);
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  pairs.sort((a, b) => a - b);
  ctx.record(`${target}: claim-and-decide, 50 moderators`, 'decisions/s', pairs.length / elapsed);
  ctx.record(`${target}: claim-next + decision p95`, 'ms', pct(pairs, 95));
  ctx.record(`${target}: decisions refused (409)`, 'count', conflicts);
}

export default async function (ctx: BenchContext) {
  const targets = String(ctx.args.targets ?? 'pglite,postgres').split(',');
  const seconds = Number(ctx.args.seconds ?? 20);
  for (let run = 0; run < ctx.runs; run++) {
    for (const target of targets as ('pglite' | 'postgres')[]) {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-mod-'));
      const db = target === 'postgres' ? await createTestDatabase(PG_URL) : undefined;
      try {
        await prepare(target, dataDir, db?.url, ctx.log);
        const server = await startAndWaitHealthy({ DATA_DIR: dataDir, DEMO_DATA: '0', ...(db ? { DATABASE_URL: db.url } : {}) });
        try {
          const base = { get: (p: string, init?: RequestInit) => fetch(`http://127.0.0.1:${server.port}${p}`, init) } as unknown as TestConsole;
          const mods: TestSession[] = [];
          for (let i = 0; i < MODERATORS; i++) mods.push(await login(base, `bench-mod-${i}@bench.test`, PASSWORD, `10.1.0.${i}`));
          await queueLatency(ctx, target, mods[0]!);
          if (target === 'postgres') await claimAndDecide(ctx, target, mods, seconds);
        } finally {
          await server.stop();
        }
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
        await db?.drop();
      }
    }
  }
}
