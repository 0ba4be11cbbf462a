// Ingest throughput (issue 4): rows/s of 100,000-line video-events batches POSTed over HTTP to an
// embedded console (gzip: 100,000 lines of ~190 bytes are ~19 MB, over the 16 MiB a plain body
// may have, ~3 MB gzipped; a plain 80,000-line batch is measured too) (PGlite + chDB, started in this process), against inserting the same rows
// straight through @clickhouse/client into the same chDB (the ceiling: no HTTP, no parsing, no
// validation, no orphan look-up, no batch record). Goal: ingest at least half the raw rate.
// Every batch has fresh event ids, so no insert is a duplicate of another; each run times a raw
// insert and an HTTP gzip batch back to back, raw first in odd runs and HTTP first in even ones, so
// that merges in the background and the drift of a shared machine's load weigh on both alike; the
// ratio is taken per pair, and its median over the runs is the figure. Event dedup is always on
// (docs/ingest-dedup.md): each HTTP batch's ids are checked in ClickHouse before the insert, and
// one figure resends a batch whole (every line a duplicate: the cost of the check alone). With a
// RabbitMQ broker (TEST_AMQP_URL, or guest/guest at 127.0.0.1:5672), the same gzip batches are
// also published as messages and timed from publish to the batch record: queue ingest rows/s.
import { STREAMS } from '../contract/ingest.js';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import amqp from 'amqplib';
import type { BenchContext } from './run.js';
import { parseEnv } from '../server/env.js';
import { startConsole } from '../server/server.js';

export const description = 'rows/s of 100k-line video-events batches over HTTP (plain and gzip) vs raw @clickhouse/client inserts into the same chDB';

const ADMIN_EMAIL = 'bench@bench.local';
const ADMIN_PASSWORD = 'bench-password-long';
const LINES = 100_000;
const PLAIN_LINES = 80_000;
const USERS = 2_000;
const VIDEOS = 20_000;
const TYPES = ['view', 'view', 'view', 'view', 'view', 'view', 'like', 'like', 'comment', 'share'] as const;
const DEVICES = ['ios', 'android', 'web'] as const;
const REGIONS = ['US', 'IN', 'BR', 'ID', 'GB'] as const;

/** One batch of events: 1 in 50 about a video the console does not know (an orphan). */
function makeBatch(seed: number, lines = LINES) {
  const now = Date.now();
  const rows = [];
  for (let i = 0; i < lines; i++) {
    const h = (i * 2654435761 + seed * 97) >>> 0;
    const type = TYPES[h % 10]!;
    const video = i % 50 === 0 ? VIDEOS + 1 + (h % 1000) : 1 + (h % VIDEOS);
    const row: Record<string, unknown> = {
      event_id: randomUUID(),
      ts: new Date(now - (h % 3_600_000)).toISOString(),
      type,
      video_id: video,
      creator_id: 1 + ((video * 7) % USERS),
      user_id: 1 + (h % 50_000),
      region: REGIONS[h % 5],
      device: DEVICES[h % 3],
    };
    if (type === 'view') row.watch_ms = 1000 + (h % 60_000);
    rows.push(row);
  }
  return rows;
}

async function post(url: string, key: string, body: Buffer, gzip: boolean): Promise<{ ms: number; accepted: number }> {
  const t0 = performance.now();
  const res = await fetch(`${url}/api/v1/ingest/video-events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson', ...(gzip ? { 'content-encoding': 'gzip' } : {}) },
    body: body as BodyInit,
  });
  const answer = (await res.json()) as { accepted: number };
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${JSON.stringify(answer)}`);
  return { ms, accepted: answer.accepted };
}

export default async function (ctx: BenchContext) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-ingest-'));
  const brokerUrl = process.env.TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
  const broker = await amqp.connect(brokerUrl).catch(() => undefined);
  broker?.on('error', () => {});
  const prefix = `pulse.bench.${process.pid}.ingest`;
  if (!broker) ctx.log(`  no RabbitMQ at ${brokerUrl.replace(/\/\/[^@]*@/, '//')}: the queue figure is skipped`);
  const config = parseEnv({
    ...(broker ? { AMQP_URL: brokerUrl, AMQP_QUEUE_PREFIX: prefix } : {}),
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    DEMO_DATA: '0',
    LOG_LEVEL: 'warn',
    REQUEST_METRICS_FLUSH_MS: '60000',
    BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    // The range size of an events batch may be compared from the shell (docs/ingest-dedup.md).
    ...(process.env.INGEST_CHUNK_LINES ? { INGEST_CHUNK_LINES: process.env.INGEST_CHUNK_LINES } : {}),
  });
  const c = await startConsole(config, { log: pino({ level: 'silent' }) });
  try {
    await c.ready;
    // An API key as a user makes one: the bootstrap admin signs in and asks the admin API.
    const login = await fetch(`${c.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const created = await fetch(`${c.url}/api/admin/api-keys`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', scopes: ['ingest'] }),
    });
    const { key } = (await created.json()) as { key: string };

    // The entities the events refer to, through the API as the platform would send them.
    const at = new Date(Date.now() - 86_400_000).toISOString();
    const nd = (rows: unknown[]) => Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n'));
    const users = Array.from({ length: USERS }, (_, i) => ({
      id: i + 1,
      username: `creator${i + 1}`,
      email: `c${i + 1}@bench.local`,
      role: 'creator',
      region: 'US',
      updated_at: at,
    }));
    const entity = async (stream: string, rows: unknown[]) => {
      const res = await fetch(`${c.url}/api/v1/ingest/${stream}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        body: nd(rows) as BodyInit,
      });
      const a = (await res.json()) as { accepted: number };
      if (a.accepted !== rows.length) throw new Error(`${stream}: ${JSON.stringify(a).slice(0, 300)}`);
    };
    await entity('users', users);
    for (let v = 0; v < VIDEOS; v += 10_000) {
      await entity(
        'videos',
        Array.from({ length: 10_000 }, (_, i) => ({
          id: v + i + 1,
          creator_id: 1 + (((v + i + 1) * 7) % USERS),
          title: `Video ${v + i + 1}`,
          duration_ms: 30_000,
          region: 'US',
          updated_at: at,
        })),
      );
    }
    ctx.log(`  ${USERS} users and ${VIDEOS} videos ingested; batches of ${LINES} lines`);

    const client = c.stores.ch.handle.client;
    // The engine's wall time inside ingest (its id checks and inserts, summed) and the main thread's
    // busy time (event-loop utilization: this process serves the console), per gzip batch.
    const engine = { checkMs: 0, insertMs: 0 };
    const ch = c.stores.ch;
    const timed =
      <A extends unknown[], R>(fn: (...a: A) => Promise<R>, k: keyof typeof engine) =>
      async (...a: A) => {
        const t = performance.now();
        try {
          return await fn(...a);
        } finally {
          engine[k] += performance.now() - t;
        }
      };
    ch.insertBatch = timed(ch.insertBatch.bind(ch), 'insertMs') as typeof ch.insertBatch;
    ch.rows = timed(ch.rows.bind(ch), 'checkMs') as typeof ch.rows;
    // One warm-up of each path (first inserts create parts and load code).
    await client.insert({ table: 'video_events', values: makeBatch(0).map((r) => ({ ...r, ts: chTime(r.ts as string) })), format: 'JSONEachRow' });
    await post(c.url, key, zlib.gzipSync(nd(makeBatch(1))), true);

    const channel = await broker?.createConfirmChannel();
    const amqpBatches = async () =>
      Number((await c.stores.pg.handle.pool.query("SELECT count(*) AS n FROM ingest_batches WHERE transport = 'amqp'")).rows[0].n);
    /** Publishes one gzip body and waits for its batch record: ms from publish to stored. */
    const viaQueue = async (gz: Buffer): Promise<number> => {
      const before = await amqpBatches();
      const t0 = performance.now();
      channel!.sendToQueue(`${prefix}.video-events`, gz, { persistent: true, contentType: 'application/x-ndjson', contentEncoding: 'gzip' });
      await channel!.waitForConfirms();
      while ((await amqpBatches()) === before) await new Promise((r) => setTimeout(r, 20));
      return performance.now() - t0;
    };
    if (channel) {
      // The consumer starts once start-up is over; one warm-up message.
      while ((await (await fetch(`${c.url}/api/status`, { headers: { cookie } })).json()).queue?.connected !== true)
        await new Promise((r) => setTimeout(r, 100));
      await viaQueue(zlib.gzipSync(nd(makeBatch(2))));
    }

    for (let run = 0; run < ctx.runs; run++) {
      // Each run is a pair, the raw insert and the HTTP gzip batch back to back, in turn raw first
      // and HTTP first: whichever goes second meets the first one's background merges, and the
      // load of a shared machine drifts over a run, so a fixed order would favour one side.
      const rawRows = makeBatch(100 + run).map((r) => ({ ...r, ts: chTime(r.ts as string) }));
      const gz = zlib.gzipSync(nd(makeBatch(300 + run)));
      const rawFirst = run % 2 === 0;
      const raw = async () => {
        const t0 = performance.now();
        await client.insert({ table: 'video_events', values: rawRows, format: 'JSONEachRow' });
        return performance.now() - t0;
      };
      const http = async () => {
        engine.checkMs = engine.insertMs = 0;
        const elu = performance.eventLoopUtilization();
        const g = await post(c.url, key, gz, true);
        if (g.accepted !== LINES) throw new Error(`accepted ${g.accepted} of ${LINES}`);
        return { ...g, busyMs: performance.eventLoopUtilization(elu).active, ...engine };
      };
      let rawMs: number;
      let g: Awaited<ReturnType<typeof http>>;
      if (rawFirst) {
        rawMs = await raw();
        g = await http();
      } else {
        g = await http();
        rawMs = await raw();
      }
      const { busyMs, checkMs, insertMs } = g;

      const plain = nd(makeBatch(200 + run, PLAIN_LINES));
      const p = await post(c.url, key, plain, false);

      // The gzip batch again: every line is found stored (a duplicate), nothing is inserted.
      const d = await post(c.url, key, gz, true);
      if (d.accepted !== 0) throw new Error(`a resent batch stored ${d.accepted} lines`);
      const queueMs = channel ? await viaQueue(zlib.gzipSync(nd(makeBatch(400 + run)))) : undefined;

      const rawRate = LINES / (rawMs / 1000);
      const gzipRate = LINES / (g.ms / 1000);
      ctx.log(
        `  run ${run + 1} (${rawFirst ? 'raw, then HTTP' : 'HTTP, then raw'}; load ${os.loadavg()[0]!.toFixed(2)}): gzip body ${(gz.length / 1048576).toFixed(1)} MiB (${((LINES * 190) / 1048576).toFixed(0)}-ish MiB decoded), plain ${PLAIN_LINES}-line body ${(plain.length / 1048576).toFixed(1)} MiB`,
      );
      ctx.record('raw @clickhouse/client insert (100k rows)', 'rows/s', rawRate);
      ctx.record('HTTP ingest, 100k lines gzip', 'rows/s', gzipRate);
      ctx.record(`HTTP ingest, ${PLAIN_LINES / 1000}k lines plain`, 'rows/s', PLAIN_LINES / (p.ms / 1000));
      ctx.record('ratio HTTP gzip / raw', 'x', gzipRate / rawRate);
      ctx.record('gzip batch: main thread busy', 'ms', busyMs);
      ctx.record('gzip batch: engine wall in id checks', 'ms', checkMs);
      ctx.record('gzip batch: engine wall in inserts', 'ms', insertMs);
      ctx.record('HTTP ingest, 100k lines gzip, all duplicates', 'rows/s', LINES / (d.ms / 1000));
      if (queueMs !== undefined) ctx.record('queue ingest, 100k-line gzip message', 'rows/s', LINES / (queueMs / 1000));
    }
  } finally {
    await c.close();
    if (broker) {
      // A fresh connection for the clean-up (the first may have been closed by a broker restart).
      await broker.close().catch(() => {});
      const again = await amqp.connect(brokerUrl).catch(() => undefined);
      again?.on('error', () => {});
      const ch = await again?.createChannel().catch(() => undefined);
      for (const q of [...STREAMS, 'dead']) await ch?.deleteQueue(`${prefix}.${q}`).catch(() => {});
      await again?.close().catch(() => {});
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function chTime(iso: string): string {
  return iso.replace('T', ' ').replace('Z', '');
}
