// `npm test`: type checking, lint (Biome), unit tests (one checks that server/db/sql-params.gen.ts is current), integration tests on the embedded stores and again on
// the PostgreSQL at TEST_DATABASE_URL when it is set, the SQL coverage check, browser tests.
// Prints one closing line: "tests: N passed, N failed".
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryCatalog } from '../server/db/catalog.js';
import { QUERIES_DIR } from '../server/db/index.js';

const totals = { pass: 0, fail: 0, skipped: 0 };
const failedSteps: string[] = [];
const only = process.argv.slice(2); // e.g. `npm test -- unit integration`

function run(step: string, cmd: string, args: string[], env: Record<string, string | undefined> = {}): Promise<boolean> {
  console.log(`\n=== ${step}: ${cmd} ${args.join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    let tail = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('close', (code) => {
      // node:test's spec reporter closes with "ℹ pass N", "ℹ fail N", "ℹ skipped N".
      for (const k of ['pass', 'fail', 'skipped'] as const) {
        const m = new RegExp(`^\\S* ?${k} (\\d+)$`, 'm').exec(tail);
        if (m) totals[k] += Number(m[1]);
      }
      if (code !== 0) failedSteps.push(step);
      resolve(code === 0);
    });
  });
}

const files = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.test.ts'))
        .sort()
        .map((f) => path.join(dir, f))
    : [];
const nodeTest = (testFiles: string[]) => [
  '--import',
  'tsx',
  '--import',
  './test/support/sql-coverage.ts',
  '--test',
  '--test-reporter=spec',
  '--test-concurrency=1',
  ...testFiles,
];
const wants = (name: string) => only.length === 0 || only.includes(name);

const coverageDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-sqlcov-'));

if (wants('typecheck')) {
  // Server (Node types, no DOM), client (DOM, no Node) and the tests and benches, each on its own.
  for (const project of ['tsconfig.server.json', 'tsconfig.client.json', 'tsconfig.test.json'])
    await run(`typecheck ${project}`, 'npx', ['tsc', '--noEmit', '-p', project]);
}
// Lint rules and formatting (biome.json): `npm run format` rewrites what `biome check` finds unformatted.
if (wants('lint')) await run('lint', 'npx', ['biome', 'check', '.']);
if (wants('unit')) await run('unit', process.execPath, nodeTest(files('test/unit')));
if (wants('integration')) {
  await run('integration (PGlite + chDB)', process.execPath, nodeTest(files('test/integration')), {
    TEST_DATABASE_URL: undefined,
    PULSE_SQL_COVERAGE_DIR: coverageDir,
  });
  if (process.env.TEST_DATABASE_URL) {
    await run('integration (PostgreSQL at TEST_DATABASE_URL + chDB)', process.execPath, nodeTest(files('test/integration')), {
      PULSE_SQL_COVERAGE_DIR: coverageDir,
    });
  } else {
    console.log('\n!!! TEST_DATABASE_URL is not set: the integration suite ran on PGlite only, not on a real PostgreSQL.');
  }
  // Every SQL file under queries/ ran at least once in the integration suite.
  const used = new Set<string>(fs.readdirSync(coverageDir).flatMap((f) => JSON.parse(fs.readFileSync(path.join(coverageDir, f), 'utf8')) as string[]));
  // A statement marked `-- @coverage postgres-server` runs only against a PostgreSQL server (e.g. the
  // cross-console advisory lock, which PGlite's one process never needs): without TEST_DATABASE_URL
  // it is listed, not required.
  const serverOnly = (file: string) => /^--\s*@coverage\s+postgres-server\b/m.test(fs.readFileSync(file, 'utf8'));
  const statements = QueryCatalog.load(QUERIES_DIR).all();
  const excused = process.env.TEST_DATABASE_URL ? [] : statements.filter((q) => q.store === 'postgres' && serverOnly(q.file));
  const missing = statements
    .filter((q) => !excused.includes(q))
    .map((q) => `${q.store}/${q.name}`)
    .filter((n) => !used.has(n));
  console.log(`\n=== SQL coverage: ${used.size} statements ran; ${missing.length} never ran`);
  for (const q of excused) console.log(`  not required without TEST_DATABASE_URL (runs only on a PostgreSQL server): queries/${q.store}/${q.name}.sql`);
  if (missing.length) {
    for (const m of missing) console.log(`  never ran: queries/${m}.sql`);
    totals.fail++;
    failedSteps.push('sql coverage');
  } else totals.pass++;
}
if (wants('e2e')) {
  const chrome = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chrome)) {
    const line = `!!! BROWSER TESTS SKIPPED: no Chromium at ${chrome} (apt-get install chromium, or set CHROME_PATH)`;
    console.log(`\n${'!'.repeat(line.length)}\n${line}\n${'!'.repeat(line.length)}`);
    if (process.env.CI === 'true') {
      totals.fail++;
      failedSteps.push('e2e (no Chromium under CI)');
    }
  } else if ((await run('build client', 'npx', ['vite', 'build', '--logLevel', 'warn'])) && files('test/e2e').length) {
    await run('e2e (Chromium)', process.execPath, nodeTest(files('test/e2e')), { CHROME_PATH: chrome });
  }
}
fs.rmSync(coverageDir, { recursive: true, force: true });

if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
if (failedSteps.length && totals.fail === 0) totals.fail = failedSteps.length;
console.log(`\ntests: ${totals.pass} passed, ${totals.fail} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failedSteps.length ? 1 : 0);
