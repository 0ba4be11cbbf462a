// `npm run bench -- <name> [--runs N] [--sizes small,default]`: runs a benchmark, prints each
// figure as min / median / max over repeated runs, writes JSON to bench/results/. Benchmarks
// measure; they do not pass or fail (speed budgets live here, not in timed tests).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface Sample {
  figure: string;
  unit: string;
  value: number;
}

export interface BenchContext {
  runs: number;
  args: Record<string, string | boolean | undefined>;
  record(figure: string, unit: string, value: number): void;
  log(line: string): void;
}

export type Bench = (ctx: BenchContext) => Promise<void>;

const benches: Record<string, () => Promise<{ default: Bench; description: string }>> = {
  startup: () => import('./startup.bench.js'),
  demo: () => import('./demo.bench.js'),
  dashboards: () => import('./dashboards.bench.js'),
  ingest: () => import('./ingest.bench.js'),
  moderation: () => import('./moderation.bench.js'),
  export: () => import('./export.bench.js'),
  alerting: () => import('./alerting.bench.js'),
  hostile: () => import('./hostile.bench.js'),
};

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string' },
    sizes: { type: 'string' },
    // dashboards: requests per endpoint and concurrency, and the overview soak.
    requests: { type: 'string' },
    panels: { type: 'string' },
    'soak-clients': { type: 'string' },
    'soak-seconds': { type: 'string' },
    // moderation: which stores to measure, and the claim-and-decide run length.
    targets: { type: 'string' },
    seconds: { type: 'string' },
    // export: rows in the event-level export; formats measured (csv,xlsx).
    rows: { type: 'string' },
    formats: { type: 'string' },
    // export: which CSV paths, each in its own server (file: EXPORT_FILE_WRITES=2, stream: 0).
    paths: { type: 'string' },
    // demo: load into this directory and keep it; dashboards: measure on a kept directory.
    'keep-dir': { type: 'string' },
    'data-dir': { type: 'string' },
  },
});
const name = positionals[0];
if (!name || !benches[name]) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}> [--runs N] [--sizes small,default,large] [--rows N]`);
  process.exit(2);
}

const mod = await benches[name]!();
const samples: Sample[] = [];
const ctx: BenchContext = {
  runs: Number(values.runs ?? 3),
  args: values,
  record: (figure, unit, value) => {
    samples.push({ figure, unit, value });
    console.log(`  ${figure}: ${value.toFixed(2)} ${unit}`);
  },
  log: (line) => console.log(line),
};
console.log(`bench ${name}: ${mod.description} (${ctx.runs} runs)`);
await mod.default(ctx);

const figures = [...new Set(samples.map((s) => s.figure))].map((figure) => {
  const vals = samples
    .filter((s) => s.figure === figure)
    .map((s) => s.value)
    .sort((a, b) => a - b);
  const median = vals.length % 2 ? vals[(vals.length - 1) / 2]! : (vals[vals.length / 2 - 1]! + vals[vals.length / 2]!) / 2;
  return { figure, unit: samples.find((s) => s.figure === figure)!.unit, runs: vals.length, min: vals[0]!, median, max: vals[vals.length - 1]! };
});
console.log(`\n${'figure'.padEnd(48)} ${'min'.padStart(10)} ${'median'.padStart(10)} ${'max'.padStart(10)}  unit`);
for (const f of figures)
  console.log(
    `${f.figure.padEnd(48)} ${f.min.toFixed(2).padStart(10)} ${f.median.toFixed(2).padStart(10)} ${f.max.toFixed(2).padStart(10)}  ${f.unit} (n=${f.runs})`,
  );
const outDir = path.resolve('bench/results');
fs.mkdirSync(outDir, { recursive: true });
const out = path.join(outDir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
fs.writeFileSync(
  out,
  JSON.stringify({ bench: name, at: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length }, figures, samples }, null, 2),
);
console.log(`\nwritten ${path.relative(process.cwd(), out)}`);
