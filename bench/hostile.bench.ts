// `npm run bench -- hostile [--sizes small] [--runs 1]`: issue 17's three attacks at once against
// one console (its own process, loopback only) while a signed-in client loads the overview once a
// second: 8 concurrent gzipped batches of 100,000 invalid `users` lines from one API key, 300
// concurrent anonymous GET /api/status, and 300 different 30-day data-quality windows from one
// analyst. Figures: the client's p95 and errors during the attack, the console's peak RSS, and the
// time from the last attack answer until health is ok and the overview answers in under a second.
// Every loop is bounded (attack sizes fixed, the client stops 120 s after the start at the latest).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { BenchContext } from './run.js';
import { startAndWaitHealthy } from './process.js';

export const description = 'three attacks at once (8 × 100k bad lines gzip, 300 anonymous status, 300 data-quality windows) vs one signed-in overview client';

const ADMIN = { email: 'bench-admin@pulse.local', password: 'bench-admin-password-1' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssMb(pid: number): number {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function p95(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  return v.length ? v[Math.min(v.length - 1, Math.ceil(0.95 * v.length) - 1)]! : NaN;
}

async function signIn(base: string, cred: { email: string; password: string }) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(cred) });
  if (res.status !== 200) throw new Error(`login ${cred.email}: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]!, csrfToken };
}

/** 100,000 `users` lines, each invalid (an id that is not a number, a bad email): ~65 MB decoded (under the 64 MiB bound). */
function badBatch(): Buffer {
  const lines: string[] = [];
  const pad = 'x'.repeat(520);
  for (let i = 0; i < 100_000; i++)
    lines.push(
      JSON.stringify({
        id: `u-${i}`,
        username: `attacker${i}`,
        email: `not-an-email-${i}`,
        region: 'IN',
        display_name: pad,
        updated_at: '2026-01-01T00:00:00Z',
      }),
    );
  return zlib.gzipSync(lines.join('\n') + '\n');
}

export default async function (ctx: BenchContext) {
  const size = String(ctx.args.sizes ?? 'small').split(',')[0]!;
  for (let run = 0; run < ctx.runs; run++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-hostile-'));
    const server = await startAndWaitHealthy({
      DATA_DIR: dir,
      DEMO_DATA: '1',
      DEMO_SIZE: size,
      ALERTING: '0',
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    });
    const base = `http://127.0.0.1:${server.port}`;
    const pid = server.child.pid!;
    try {
      const admin = await signIn(base, ADMIN);
      const post = (p: string, body: unknown) =>
        fetch(`${base}${p}`, {
          method: 'POST',
          headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
      for (const email of ['bench-attacker@pulse.local', 'bench-viewer@pulse.local']) {
        const r = await post('/api/admin/accounts', { email, role: 'analyst', password: 'bench-analyst-password-1' });
        if (r.status !== 201) throw new Error(`account ${email}: ${r.status}`);
      }
      const key = ((await (await post('/api/admin/api-keys', { name: 'bench attacker', scopes: ['ingest'] })).json()) as { key: string }).key;
      const attacker = await signIn(base, { email: 'bench-attacker@pulse.local', password: 'bench-analyst-password-1' });
      const viewer = await signIn(base, { email: 'bench-viewer@pulse.local', password: 'bench-analyst-password-1' });
      const body = badBatch();
      ctx.log(
        `  run ${run + 1}: ${size} demo healthy in ${server.secondsToHealthy.toFixed(1)} s; batch ${(body.length / 1e6).toFixed(2)} MB gzipped; RSS idle ${rssMb(pid).toFixed(0)} MB`,
      );

      let peak = rssMb(pid);
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 100);
      const t0 = performance.now();
      let attacking = true;
      const during: number[] = [];
      let errors = 0;
      let clientRequests = 0;
      const overview = async () => {
        const to = new Date(Math.floor(Date.now() / 900_000) * 900_000);
        const from = new Date(to.getTime() - 86_400_000);
        const s = performance.now();
        try {
          const res = await fetch(`${base}/api/metrics/overview?from=${from.toISOString()}&to=${to.toISOString()}`, {
            headers: { cookie: viewer.cookie },
            signal: AbortSignal.timeout(30_000),
          });
          await res.arrayBuffer();
          return { ok: res.status === 200, ms: performance.now() - s };
        } catch {
          return { ok: false, ms: performance.now() - s };
        }
      };
      // The signed-in client: one overview a second while the attacks run.
      const client = (async () => {
        while (attacking && performance.now() - t0 < 120_000) {
          const next = performance.now() + 1000;
          const r = await overview();
          clientRequests++;
          during.push(r.ms);
          if (!r.ok) errors++;
          await sleep(Math.max(0, next - performance.now()));
        }
      })();
      const statuses = (name: string) => {
        const seen = new Map<string, number>();
        return {
          add: (s: number | string) => seen.set(String(s), (seen.get(String(s)) ?? 0) + 1),
          show: () => `${name} ${[...seen].map(([k, v]) => `${k}×${v}`).join(' ')}`,
        };
      };
      const ingestS = statuses('ingest'),
        statusS = statuses('status'),
        dqS = statuses('data-quality');
      const call = async (tally: ReturnType<typeof statuses>, url: string, init: RequestInit) => {
        try {
          const res = await fetch(url, { ...init, signal: AbortSignal.timeout(110_000) });
          await res.arrayBuffer();
          tally.add(res.status);
        } catch {
          tally.add('network-error');
        }
      };
      const end = new Date(Math.floor(Date.now() / 900_000) * 900_000);
      await Promise.all([
        ...Array.from({ length: 8 }, () =>
          call(ingestS, `${base}/api/v1/ingest/users`, {
            method: 'POST',
            headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip' },
            body: body as unknown as BodyInit,
          }),
        ),
        ...Array.from({ length: 300 }, () => call(statusS, `${base}/api/status`, {})),
        ...Array.from({ length: 300 }, (_, i) => {
          const to = new Date(end.getTime() - i * 900_000);
          const from = new Date(to.getTime() - 30 * 86_400_000);
          return call(dqS, `${base}/api/metrics/data-quality?from=${from.toISOString()}&to=${to.toISOString()}`, { headers: { cookie: attacker.cookie } });
        }),
      ]);
      const attackSeconds = (performance.now() - t0) / 1000;
      attacking = false;
      await client;
      // Recovery: health ok and an overview under a second, polled every 200 ms (at most 60 s).
      const tEnd = performance.now();
      let recovered = NaN;
      while (performance.now() - tEnd < 60_000) {
        const health = await fetch(`${base}/api/health`).then(
          (r) => r.status,
          () => 0,
        );
        const r = await overview();
        if (health === 200 && r.ok && r.ms < 1000) {
          recovered = (performance.now() - tEnd) / 1000;
          break;
        }
        await sleep(200);
      }
      clearInterval(sampler);
      ctx.log(`  attacks over in ${attackSeconds.toFixed(1)} s: ${ingestS.show()}; ${statusS.show()}; ${dqS.show()}`);
      ctx.log(
        `  client: ${clientRequests} overviews, p95 ${p95(during).toFixed(0)} ms, max ${Math.max(...during).toFixed(0)} ms, ${errors} errors; peak RSS ${peak.toFixed(0)} MB; recovered in ${recovered.toFixed(1)} s; load ${os
          .loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      );
      ctx.record('signed-in client overview p95 during attacks', 'ms', p95(during));
      ctx.record('signed-in client errors during attacks', 'errors', errors);
      ctx.record('console peak RSS', 'MB', peak);
      ctx.record('time to recover after the last attack answer', 's', recovered);
      ctx.record('attacks duration', 's', attackSeconds);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
