// `npm run test:year-ahead [-- steps | test files]`: the suite with the machine's clock moved a year
// ahead (docs/testing.md, "A year ahead"): with no arguments, every step of `npm test` (test/run.ts). Debian's libfaketime (`apt-get install faketime`) moves
// the clock of Node and everything in it (PGlite's now(), OpenSSL's certificate checks, the
// consoles' child processes, Chromium); a small shim built here with the C compiler keeps chDB's
// timed waits on glibc's (test/support/faketime-timedwait.c says why). chDB's own now() keeps the
// real clock: no ClickHouse query reads it (only the ingested_at default and rebuild progress).
//
//   npm run test:year-ahead                                  what npm test runs, browser tests included
//   npm run test:year-ahead -- integration                   steps of test/run.ts
//   npm run test:year-ahead -- test/integration/a.test.ts    test files, one at a time
//
// FAKETIME (default +365d) is libfaketime's own setting. With TEST_DATABASE_URL set (as for npm
// test), the PostgreSQL pass runs on a throwaway server of the same binaries started under
// libfaketime (test/support/year-ahead-postgres.ts): the shared server keeps the real clock.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type FakedPostgres, startFakedPostgres } from './support/year-ahead-postgres.js';

const LIBFAKETIME = [
  process.env.LIBFAKETIME,
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/local/lib/faketime/libfaketime.so.1',
];
const DAY_MS = 86_400_000;

function fail(message: string): never {
  console.error(`test:year-ahead: ${message}`);
  process.exit(2);
}

const lib = LIBFAKETIME.find((p) => p && fs.existsSync(p));
if (!lib) fail('libfaketime not found (apt-get install faketime, or set LIBFAKETIME to libfaketime.so.1)');

const shim = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-year-ahead-')), 'faketime-timedwait.so');
const cc = spawnSync(process.env.CC ?? 'cc', ['-shared', '-fPIC', '-O2', '-o', shim, 'test/support/faketime-timedwait.c', '-ldl'], {
  stdio: 'inherit',
});
if (cc.error || cc.status !== 0) fail(`could not build the timed-wait shim (${cc.error?.message ?? `cc exited ${cc.status}`}; apt-get install gcc)`);

const clock = { FAKETIME: process.env.FAKETIME ?? '+365d', FAKETIME_DONT_FAKE_MONOTONIC: '1' };
const env: Record<string, string | undefined> = {
  ...process.env,
  LD_PRELOAD: [shim, lib, process.env.LD_PRELOAD].filter(Boolean).join(':'),
  ...clock,
};

// The moved clock is what a child process sees, checked before anything runs.
const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], { env, encoding: 'utf8' });
const aheadDays = (Number(probe.stdout) - Date.now()) / DAY_MS;
if (!Number.isFinite(aheadDays) || Math.abs(aheadDays) < 1)
  fail(`the clock did not move under ${lib} (a child's Date.now() is ${aheadDays.toFixed(3)} days off)`);
console.log(`=== clock moved ${aheadDays.toFixed(2)} days (FAKETIME=${env.FAKETIME}): tests see ${new Date(Date.now() + aheadDays * DAY_MS).toISOString()}`);

const args = process.argv.slice(2);
const files = args.filter((a) => a.endsWith('.test.ts'));
const steps = args.filter((a) => !a.endsWith('.test.ts'));
if (files.length && steps.length) fail('give either steps of test/run.ts or test files, not both');
const command = files.length
  ? ['--import', 'tsx', '--import', './test/support/sql-coverage.ts', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files]
  : ['--import', 'tsx', 'test/run.ts', ...steps];

// Chromium too, launched as the browser tests launch it (playwright-core, the same environment):
// without the shim its renderer hung under libfaketime; with it, the page's Date.now() moves.
if (files.some((f) => f.includes('e2e/')) || (!files.length && (steps.length === 0 || steps.includes('e2e')))) {
  const script = `const { launchBrowser } = await import('./test/support/browser.ts');
    const b = await launchBrowser(); const p = await b.newPage();
    process.stdout.write(String(await p.evaluate(() => Date.now()))); await b.close();`;
  const page = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env, encoding: 'utf8', timeout: 180_000 });
  const browserDays = (Number(page.stdout) - Date.now()) / DAY_MS;
  if (!Number.isFinite(browserDays) || Math.abs(browserDays - aheadDays) > 0.01)
    fail(`Chromium's Date.now() is ${browserDays.toFixed(3)} days off, the tests' ${aheadDays.toFixed(3)} (${page.error?.message ?? page.stderr.slice(-500)})`);
  console.log(`=== Chromium (${process.env.CHROME_PATH ?? '/usr/bin/chromium'}): a page's Date.now() is ${browserDays.toFixed(2)} days ahead`);
}

let postgres: FakedPostgres | undefined;
if (process.env.TEST_DATABASE_URL && (files.length || steps.length === 0 || steps.includes('integration'))) {
  try {
    postgres = await startFakedPostgres({ LD_PRELOAD: lib, ...clock });
  } catch (e) {
    fail(`could not start PostgreSQL under libfaketime for the TEST_DATABASE_URL pass: ${(e as Error).message}`);
  }
  if (!postgres || Math.abs(postgres.aheadDays - aheadDays) > 0.01) {
    postgres?.stop();
    fail(`PostgreSQL's now() is ${postgres?.aheadDays.toFixed(3)} days off, the tests' ${aheadDays.toFixed(3)}`);
  }
  env.TEST_DATABASE_URL = postgres.url;
  console.log(`=== TEST_DATABASE_URL: PostgreSQL ${postgres.version} under libfaketime at ${postgres.url}, now() ${postgres.aheadDays.toFixed(2)} days ahead`);
}

const child = spawn(process.execPath, command, { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('close', (code, signal) => {
  postgres?.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
