// Embedded engines only when embedded (docs/clickhouse.md): a console with DATABASE_URL and
// CLICKHOUSE_URL never loads chDB's native library nor PGlite. The console runs in its own process
// (server/main.ts) with a resolve hook recording its module graph (test/support/module-log.mjs);
// the native libraries it mapped are read from /proc/<pid>/maps. PostgreSQL is the machine's
// server (a fresh database). No ClickHouse server exists on these machines: CLICKHOUSE_URL points
// at a local HTTP endpoint that answers the ping and every statement with an empty 200 — enough
// for start-up, which is all this test is about (it says nothing about query results).
// A console with both stores embedded is the control: the same probes do see both engines there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createTestDatabase, tempDataDir } from '../support/console.js';
import { movedClockEnv } from '../support/child-console.js';

const PG_BASE = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Started {
  child: ChildProcess;
  modules(): string[];
  nativeLibraries(): string[];
  stop(): Promise<void>;
}

async function startConsoleProcess(env: Record<string, string>, dataDir: string): Promise<Started> {
  const moduleLog = path.join(dataDir, 'modules.log');
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './test/support/module-log.mjs', 'server/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      ...movedClockEnv(),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      DEMO_DATA: '0',
      ALERTING: '0',
      PORT: '0',
      DATA_DIR: dataDir,
      PULSE_MODULE_LOG: moduleLog,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.on('close', () => r()));
  const deadline = Date.now() + 120_000;
  while (!/"msg":"ready in/.test(out)) {
    if (child.exitCode !== null) throw new Error(`console exited: ${out}`);
    if (Date.now() > deadline) throw new Error(`console not ready in 120 s: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    modules: () => fs.readFileSync(moduleLog, 'utf8').split('\n').filter(Boolean),
    nativeLibraries: () => [
      ...new Set(
        fs
          .readFileSync(`/proc/${child.pid}/maps`, 'utf8')
          .split('\n')
          .map((l) => l.split(/\s+/)[5] ?? '')
          .filter((p) => p.endsWith('.so') || p.includes('.so.') || p.endsWith('.node')),
      ),
    ],
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const isChdb = (s: string) => /\/node_modules\/(chdb|@chdb)\//.test(s) || /libchdb/.test(s);
const isPglite = (s: string) => /\/node_modules\/@electric-sql\/pglite/.test(s);

test('with DATABASE_URL and CLICKHOUSE_URL the console loads neither chDB nor PGlite', async () => {
  const statements: string[] = [];
  const stub = http.createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (req.url?.startsWith('/ping')) return void res.end('Ok.\n');
      statements.push(new URL(req.url!, 'http://x').searchParams.get('query') ?? body);
      res.end('');
    });
  });
  await new Promise<void>((r) => stub.listen(0, '127.0.0.1', r));
  const db = await createTestDatabase(PG_BASE);
  const dataDir = tempDataDir('pulse-external-');
  try {
    const c = await startConsoleProcess(
      { DATABASE_URL: db.url, CLICKHOUSE_URL: `http://127.0.0.1:${(stub.address() as { port: number }).port}/pulse` },
      dataDir,
    );
    try {
      const modules = c.modules();
      const libraries = c.nativeLibraries();
      // The probes work: the process did resolve its own modules and map node's native libraries.
      assert.ok(
        modules.some((m) => m.endsWith('/server/db/clickhouse.ts')),
        'module log holds the console',
      );
      assert.ok(
        modules.some((m) => /\/node_modules\/pg\//.test(m)),
        'module log holds pg',
      );
      assert.ok(
        libraries.some((l) => /libc\.so|ld-linux/.test(l)),
        libraries.join('\n'),
      );
      assert.deepEqual(modules.filter(isChdb), []);
      assert.deepEqual(modules.filter(isPglite), []);
      assert.deepEqual(libraries.filter(isChdb), []);
      // It did start against the stub: the migrations table was created through CLICKHOUSE_URL.
      assert.ok(
        statements.some((s) => /CREATE TABLE IF NOT EXISTS schema_migrations/.test(s)),
        statements.join('\n'),
      );
    } finally {
      await c.stop();
    }
  } finally {
    stub.close();
    await db.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test('control: with both stores embedded the same probes see chDB (native library) and PGlite', async () => {
  const dataDir = tempDataDir('pulse-embedded-');
  try {
    const c = await startConsoleProcess({}, dataDir);
    try {
      assert.ok(c.modules().some(isChdb), 'chdb in the module graph');
      assert.ok(c.modules().some(isPglite), 'pglite in the module graph');
      assert.ok(
        c.nativeLibraries().some((l) => /libchdb/.test(l)),
        c.nativeLibraries().join('\n'),
      );
    } finally {
      await c.stop();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
