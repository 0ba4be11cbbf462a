// `npm run test:year-ahead [-- steps | test files]`: the suite with the machine's clock moved a year
// ahead (docs/testing.md, "A year ahead"). Debian's libfaketime (`apt-get install faketime`) moves
// the clock of Node and everything in it (PGlite's now(), OpenSSL's certificate checks, the
// consoles' child processes, Chromium); a small shim built here with the C compiler keeps chDB's
// timed waits on glibc's (test/support/faketime-timedwait.c says why). chDB's own now() keeps the
// real clock: no ClickHouse query reads it (only the ingested_at default and rebuild progress).
//
//   npm run test:year-ahead                                  unit, integration and browser tests
//   npm run test:year-ahead -- integration                   steps of test/run.ts
//   npm run test:year-ahead -- test/integration/a.test.ts    test files, one at a time
//
// FAKETIME (default +365d) is libfaketime's own setting. TEST_DATABASE_URL is ignored: the machine's
// PostgreSQL server is not under libfaketime, so its now() would be a year behind the console's.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

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

const env: Record<string, string | undefined> = {
  ...process.env,
  LD_PRELOAD: [shim, lib, process.env.LD_PRELOAD].filter(Boolean).join(':'),
  FAKETIME: process.env.FAKETIME ?? '+365d',
  FAKETIME_DONT_FAKE_MONOTONIC: '1',
  TEST_DATABASE_URL: undefined,
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
  : ['--import', 'tsx', 'test/run.ts', ...(steps.length ? steps : ['unit', 'integration', 'e2e'])];

const child = spawn(process.execPath, command, { stdio: 'inherit', env });
child.on('close', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
