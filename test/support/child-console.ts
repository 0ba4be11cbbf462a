// A console in a child process (`server/main.ts`), for what one process cannot hold: a second
// console beside the test's own (chDB opens one data directory per process), or a console that is
// killed with SIGKILL and started again on the same stores.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ChildConsole {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Every log line so far (JSON), for failure messages. */
  log(): string;
}

/** Starts `server/main.ts`; answers once it is healthy, or once it listens with `{ healthy: false }` (a start-up to watch or kill). */
/** The moved clock of `npm run test:year-ahead` (libfaketime's settings), for a child started with a clean environment. */
export function movedClockEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[0] === 'LD_PRELOAD' || e[0].startsWith('FAKETIME')));
}

export async function spawnConsole(env: Record<string, string>, opts: { healthy?: boolean } = {}): Promise<ChildConsole> {
  // Under test/run.ts the child records the SQL files it ran too (the coverage gate counts them).
  const coverage = process.env.PULSE_SQL_COVERAGE_DIR;
  const args = ['--import', 'tsx', ...(coverage ? ['--import', './test/support/sql-coverage.ts'] : []), 'server/main.ts'];
  const child = spawn(process.execPath, args, {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      DEMO_DATA: '0',
      ALERTING: '0',
      REQUEST_METRICS_FLUSH_MS: '60000',
      ...movedClockEnv(),
      ...(coverage ? { PULSE_SQL_COVERAGE_DIR: coverage } : {}),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearInterval(timer);
        resolve(m[1]!);
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`console exited (${code}) before listening:\n${out}`));
    });
  });
  // Healthy once migrations ran and start-up finished.
  while (opts.healthy !== false) {
    const res = await fetch(`${url}/api/health`).catch(() => undefined);
    if (res?.status === 200) break;
    if (child.exitCode !== null) throw new Error(`console exited before it was healthy:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, child, exited, log: () => out };
}

/** SIGTERM and wait for a clean exit. */
export async function stopConsole(c: ChildConsole): Promise<void> {
  if (c.child.exitCode !== null || c.child.signalCode !== null) return;
  c.child.kill('SIGTERM');
  await c.exited;
}
