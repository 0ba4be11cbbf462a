// Event-level export of one campaign (docs/exports.md): `--rows` (default 5,000,000) ad events are
// written straight into a new DATA_DIR's chDB, then the console runs in its own process and
// GET /api/campaigns/1/events.csv is downloaded in full over HTTP (every row counted). Figures:
// rows/s of the export, the server's peak RSS growth over its idle RSS during the download
// (sampled from /proc every 50 ms, and VmHWM; after a one-hour export whose own growth, the engine
// library's first use, is recorded apart), and throughput as a ratio to the engine writing
// the same statement's whole result as CSV in one query (`INSERT INTO FUNCTION file`, the raw
// engine's own CSV output; measured in this process before the console opens the directory).
// Beside it: the same statement streamed in-process without HTTP, and events.xlsx over the first
// six days (~19 % of the rows): rows/s and RSS growth. `--paths file,stream` measures both CSV
// paths of the embedded engine (docs/export-files.md), each in a server of its own
// (EXPORT_FILE_WRITES=2 / 0), figures marked [file] / [stream]; without it, the server's defaults.
// The CSV is read by `curl | wc -lc` (a native client, as a user downloads; node:http with
// BENCH_EXPORT_CLIENT=node or without curl) and every line counted; the client's CPU per download
// is recorded beside the server's.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { BenchContext } from './run.js';
import { startAndWaitHealthy } from './process.js';
import { chQuery, openStores, QUERIES_DIR } from '../server/db/index.js';
import { migrate } from '../server/db/migrate.js';

export const description = 'event-level CSV export: rows/s, server RSS growth over idle, ratio to the raw engine CSV of the same query';

const ADMIN = { email: 'bench@pulse.local', password: 'bench-password-123' };
const FROM = new Date('2026-10-01T00:00:00Z');
const TO = new Date('2026-11-01T00:00:00Z');
const XLSX_TO = new Date('2026-10-07T00:00:00Z');

type Download = { status: number; total: number; bytes: number; lines: number; clientCpu: number };

/** GET a CSV with node:http, counting its bytes and lines as they arrive (the client's CPU is this process's). */
function downloadCsvNode(url: string, cookie: string): Promise<Download> {
  const c0 = process.cpuUsage();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { cookie } }, (res) => {
      let bytes = 0;
      let lines = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.byteLength;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      });
      res.on('end', () => {
        const u = process.cpuUsage(c0);
        resolve({ status: res.statusCode ?? 0, total: Number(res.headers['x-total-rows']), bytes, lines, clientCpu: (u.user + u.system) / 1e6 });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

/** This process's reaped children's CPU seconds (/proc/self/stat cutime + cstime, in clock ticks of 1/100 s). */
function childrenCpu(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[13]) + Number(f[14])) / 100;
}

const CURL = ['/usr/bin/curl', '/usr/bin/wc'].every((f) => fs.existsSync(f));

/**
 * GET a CSV as a user's native client does: `curl | wc -lc` (every line counted, in C). Counting
 * 5M lines in JavaScript costs the bench 1.5-1.9 CPU s per download (session 10, quiet), most of a
 * core that the server under test shares on 2 cores; curl and wc cost a fraction. The client's CPU
 * is theirs (reaped children's CPU). Without curl, node:http as before.
 */
async function downloadCsv(url: string, cookie: string): Promise<Download> {
  if (!CURL || process.env.BENCH_EXPORT_CLIENT === 'node') return downloadCsvNode(url, cookie);
  const headers = path.join(os.tmpdir(), `pulse-bench-headers-${process.pid}.txt`);
  const cpu0 = childrenCpu();
  const out = await new Promise<string>((resolve, reject) => {
    // URL, cookie and header file go by the environment, never spliced into the shell text.
    const child = spawn('sh', ['-c', 'curl -sS -D "$H" -H "cookie: $C" "$U" | wc -lc'], {
      env: { ...process.env, H: headers, C: cookie, U: url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`curl | wc exited ${code}`))));
  });
  const head = fs.readFileSync(headers, 'utf8');
  fs.rmSync(headers, { force: true });
  const [lines, bytes] = out.trim().split(/\s+/).map(Number) as [number, number];
  return {
    status: Number(/^HTTP\/[\d.]+ (\d+)/.exec(head)?.[1] ?? 0),
    total: Number(/^x-total-rows: *(\d+)/im.exec(head)?.[1] ?? NaN),
    bytes,
    lines,
    clientCpu: childrenCpu() - cpu0,
  };
}

/** A statement of bench/sql/ (bench data and the raw engine's file export live there, not in TypeScript). */
const sql = (name: string) => fs.readFileSync(path.resolve('bench/sql', `${name}.sql`), 'utf8');

function rssKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

/** CPU seconds (user + system, every thread: the engine's too) the process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

/** The process's RSS now (idle) and its peak until stop(), sampled every 50 ms. */
function sampleRss(pid: number): { stop(): { idle: number; peak: number } } {
  const idle = rssKb(pid, 'VmRSS');
  let peak = idle;
  const timer = setInterval(() => (peak = Math.max(peak, rssKb(pid, 'VmRSS'))), 50);
  return {
    stop() {
      clearInterval(timer);
      return { idle, peak: Math.max(peak, rssKb(pid, 'VmRSS')) };
    },
  };
}

async function prepare(dir: string, rows: number): Promise<{ rawSeconds: number; streamSeconds: number; rawCpu: number }> {
  const stores = await openStores({ dataDir: dir });
  try {
    await migrate(stores, path.join(QUERIES_DIR, 'migrations'), pino({ level: 'silent' }));
    await stores.pg.handle.pool.query(sql('export_seed'));
    const t0 = performance.now();
    // Bench data, written by this file only: 5M events spread over October 2026 (one every ~0.5 s).
    await stores.ch.handle.client.command({ query: sql('export_events'), query_params: { rows } });
    const insertSeconds = (performance.now() - t0) / 1000;
    // The raw engine's own CSV of the same statement: its whole result in one query, written by
    // the engine to a file (a 5M-row result is larger than a JS string may be).
    const out = path.join(dir, 'raw.csv');
    const q = stores.catalog.get('clickhouse', 'campaigns/events_export');
    const params = { advertiser_id: 1, campaign_id: 1, from: '2026-10-01 00:00:00.000', to: '2026-11-01 00:00:00.000', tz: 'UTC', currency: 'USD' };
    const t1 = performance.now();
    const c1 = cpuSeconds(process.pid);
    await stores.ch.handle.client.command({
      query: sql('export_raw_file').replace('-- @statement campaigns/events_export', () => q.text),
      query_params: { ...params, out },
      clickhouse_settings: { output_format_csv_crlf_end_of_line: 1 },
    });
    const rawSeconds = (performance.now() - t1) / 1000;
    const rawCpu = cpuSeconds(process.pid) - c1;
    const size = fs.statSync(out).size;
    fs.rmSync(out);
    // The same statement streamed in this process: the engine's chunks, no HTTP, no socket.
    const t2 = performance.now();
    let streamed = 0;
    for await (const chunk of stores.ch.stream(
      chQuery('campaigns/events_export'),
      { ...params, from: new Date(`${params.from}Z`), to: new Date(`${params.to}Z`) },
      'CSV',
      { signal: new AbortController().signal, settings: { output_format_csv_crlf_end_of_line: 1 } },
    ))
      streamed += chunk.byteLength;
    const streamSeconds = (performance.now() - t2) / 1000;
    if (streamed !== size) throw new Error(`streamed ${streamed} bytes, the file has ${size}`);
    console.log(
      `  prepared ${rows} events in ${insertSeconds.toFixed(1)} s; raw engine CSV ${(size / 1e6).toFixed(0)} MB in ${rawSeconds.toFixed(2)} s (file; ${rawCpu.toFixed(2)} CPU s, ${(rawCpu / rawSeconds).toFixed(2)} cores), ${streamSeconds.toFixed(2)} s (streamed in-process)`,
    );
    return { rawSeconds, streamSeconds, rawCpu };
  } finally {
    await stores.close();
  }
}

export default async function (ctx: BenchContext) {
  const rows = Number(ctx.args.rows ?? 5_000_000);
  const formats = String(ctx.args.formats ?? 'csv,xlsx').split(',');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-bench-export-'));
  try {
    const { rawSeconds, streamSeconds, rawCpu } = await prepare(dir, rows);
    ctx.record('raw engine CSV of the same query (file)', 'rows/s', rows / rawSeconds);
    ctx.record('engine CSV streamed in-process (no HTTP)', 'rows/s', rows / streamSeconds);
    const paths = ctx.args.paths ? String(ctx.args.paths).split(',') : [''];
    for (const p of paths) {
      if (p && p !== 'file' && p !== 'stream') throw new Error(`--paths: file and/or stream, not ${p}`);
      await measure(
        ctx,
        dir,
        rows,
        formats,
        rawSeconds,
        rawCpu,
        p ? { env: { EXPORT_FILE_WRITES: p === 'file' ? '2' : '0' }, tag: ` [${p}]` } : { env: {}, tag: '' },
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function measure(
  ctx: BenchContext,
  dir: string,
  rows: number,
  formats: string[],
  rawSeconds: number,
  rawCpu: number,
  variant: { env: Record<string, string>; tag: string },
): Promise<void> {
  const { tag } = variant;
  {
    const server = await startAndWaitHealthy({
      DATA_DIR: dir,
      DEMO_DATA: '0',
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      ...variant.env,
    });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) });
      if (login.status !== 200) throw new Error(`login: ${login.status}`);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const pid = server.child.pid!;
      {
        // The first export of a server process maps the engine library's export code and grows its
        // arenas once (~16 MB of file pages, docs/export-files.md), whatever its size. One hour's
        // rows go first, and their growth is recorded as its own figure; the runs then measure
        // what 5M rows add to a server that has exported before.
        const before = rssKb(pid, 'VmRSS');
        const warm = await downloadCsv(
          `${base}/api/campaigns/1/events.csv?from=${FROM.toISOString()}&to=${new Date(FROM.getTime() + 3_600_000).toISOString()}`,
          cookie,
        );
        if (warm.status !== 200 || warm.lines - 2 !== warm.total) throw new Error(`warm-up export: ${warm.status}, ${warm.lines - 2} rows of ${warm.total}`);
        await new Promise((r) => setTimeout(r, 500));
        const after = rssKb(pid, 'VmRSS'); // what it left mapped (it is over before a 50 ms sample would see its peak)
        ctx.log(`  first export${tag} (one hour, ${warm.total} rows): RSS ${(before / 1024).toFixed(0)} MB before, ${(after / 1024).toFixed(0)} MB after`);
        ctx.record(`server RSS left by its first export (one hour)${tag}`, 'MB', (after - before) / 1024);
      }
      for (let run = 0; run < ctx.runs; run++) {
        await new Promise((r) => setTimeout(r, 2000));
        global.gc?.();
        const hwmBefore = rssKb(pid, 'VmHWM');
        const rss = sampleRss(pid);
        const cpu0 = cpuSeconds(pid);
        const t0 = performance.now();
        const { status, total, bytes, lines, clientCpu } = await downloadCsv(
          `${base}/api/campaigns/1/events.csv?from=${FROM.toISOString()}&to=${TO.toISOString()}`,
          cookie,
        );
        if (status !== 200) throw new Error(`export: ${status}`);
        const seconds = (performance.now() - t0) / 1000;
        const cpu = cpuSeconds(pid) - cpu0;
        const { idle, peak } = rss.stop();
        const hwmAfter = rssKb(pid, 'VmHWM');
        // The server's own view (prom-client default metrics): how much of the RSS is the JS heap.
        const metrics = await (await fetch(`${base}/metrics`, { headers: { cookie } })).text(); // an admin session (or METRICS_TOKEN)
        const gauge = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(metrics)?.[1] ?? NaN) / 1e6;
        // Two preamble lines (comment, header) precede the data rows.
        if (total !== rows || lines - 2 !== rows) throw new Error(`export wrote ${lines - 2} rows (X-Total-Rows ${total}), expected ${rows}`);
        ctx.log(
          `  run ${run + 1}${tag}: ${rows} rows, ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(2)} s (server ${cpu.toFixed(2)} CPU s, ${(cpu / seconds).toFixed(2)} cores; raw engine ${rawCpu.toFixed(2)}; bench client ${clientCpu.toFixed(2)}; load ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}); RSS idle ${(idle / 1024).toFixed(0)} MB, peak ${(peak / 1024).toFixed(0)} MB, VmHWM ${(hwmBefore / 1024).toFixed(0)} → ${(hwmAfter / 1024).toFixed(0)} MB; after: JS heap total ${gauge('nodejs_heap_size_total_bytes').toFixed(0)} MB, external ${gauge('nodejs_external_memory_bytes').toFixed(0)} MB`,
        );
        ctx.record(`export rows/s (events.csv over HTTP)${tag}`, 'rows/s', rows / seconds);
        ctx.record(`export MB/s${tag}`, 'MB/s', bytes / 1e6 / seconds);
        ctx.record(`server peak RSS growth over idle (sampled)${tag}`, 'MB', (peak - idle) / 1024);
        ctx.record(`server peak RSS (sampled)${tag}`, 'MB', peak / 1024);
        ctx.record(`server CPU per export / raw engine CPU${tag}`, 'x', cpu / rawCpu);
        ctx.record(`ratio to raw engine CSV throughput${tag}`, 'x', rawSeconds / seconds);
        ctx.record(`bench client CPU s per CSV export${tag}`, 's', clientCpu);

        // events.xlsx over the first six days: exceljs' streaming writer fed by the same query.
        if (!formats.includes('xlsx')) continue;
        await new Promise((r) => setTimeout(r, 2000));
        const xRss = sampleRss(pid);
        const x0 = performance.now();
        const xres = await fetch(`${base}/api/campaigns/1/events.xlsx?from=${FROM.toISOString()}&to=${XLSX_TO.toISOString()}`, { headers: { cookie } });
        if (xres.status !== 200 || !xres.body) throw new Error(`xlsx export: ${xres.status}`);
        const xRows = Number(xres.headers.get('x-total-rows'));
        let xBytes = 0;
        for await (const chunk of xres.body as unknown as AsyncIterable<Uint8Array>) xBytes += chunk.byteLength;
        const xSeconds = (performance.now() - x0) / 1000;
        const { idle: xIdle, peak: xPeak } = xRss.stop();
        // The JS heap right after (its total shrinks only slowly after a GC): how much of the growth is V8's.
        const xMetrics = await (await fetch(`${base}/metrics`, { headers: { cookie } })).text();
        const xGauge = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(xMetrics)?.[1] ?? NaN) / 1e6;
        ctx.log(
          `  run ${run + 1}${tag}: xlsx ${xRows} rows, ${(xBytes / 1e6).toFixed(0)} MB in ${xSeconds.toFixed(2)} s; RSS idle ${(xIdle / 1024).toFixed(0)} MB, peak ${(xPeak / 1024).toFixed(0)} MB; after: JS heap total ${xGauge('nodejs_heap_size_total_bytes').toFixed(0)} MB, external ${xGauge('nodejs_external_memory_bytes').toFixed(0)} MB`,
        );
        ctx.record(`xlsx export rows/s (events.xlsx over HTTP)${tag}`, 'rows/s', xRows / xSeconds);
        ctx.record(`xlsx server peak RSS growth over idle (sampled)${tag}`, 'MB', (xPeak - xIdle) / 1024);
      }
    } finally {
      await server.stop();
    }
  }
}
