// Bad configuration stops start-up with one clear line naming the setting and the cause.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { movedClockEnv } from '../support/child-console.js';

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { PATH: process.env.PATH ?? '', ...movedClockEnv(), LOG_FORMAT: 'json', LOG_LEVEL: 'warn', DEMO_DATA: '0', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Only a guard against a child that never exits (alerting-rules' bad-rule-file test says why 300 s).
    const killer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr });
    });
  });
}

function assertOneLine(r: { code: number | null; stderr: string }, pattern: RegExp) {
  assert.equal(r.code, 1, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0]!, pattern);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-badcfg-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('malformed DATABASE_URL', async () => {
  assertOneLine(
    await start({ DATABASE_URL: 'postgres//nohost', DATA_DIR: tmp }),
    /^pulse: cannot start: DATABASE_URL: must be a URL starting with postgres:\/\/ or postgresql:\/\/$/,
  );
});

test('unreachable CLICKHOUSE_URL', async () => {
  // Port 9 on loopback (discard) has no listener here: the connection is refused at once.
  assertOneLine(
    await start({ CLICKHOUSE_URL: 'http://127.0.0.1:9', DATA_DIR: tmp, PORT: '0' }),
    /^pulse: cannot start: CLICKHOUSE_URL: cannot reach http:\/\/127\.0\.0\.1:9\/ \(.*ECONNREFUSED.*\)$/,
  );
});

test('CLICKHOUSE_CLUSTER without CLICKHOUSE_URL, and a cluster name that is not one', async () => {
  assertOneLine(
    await start({ CLICKHOUSE_CLUSTER: 'pulse', DATA_DIR: tmp, PORT: '0' }),
    /^pulse: cannot start: CLICKHOUSE_CLUSTER: needs CLICKHOUSE_URL: the embedded ClickHouse is one process, not a cluster$/,
  );
  assertOneLine(
    await start({ CLICKHOUSE_CLUSTER: "pulse' SETTINGS x=1", DATA_DIR: tmp }),
    /^pulse: cannot start: CLICKHOUSE_CLUSTER: must be a cluster name \(letters, digits, _ \. - or a \{macro\}\)$/,
  );
});

test('unreachable DATABASE_URL', async () => {
  assertOneLine(
    await start({ DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:9/x', DATA_DIR: tmp, PORT: '0' }),
    /^pulse: cannot start: DATABASE_URL: cannot connect to postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:9\/x \(.*ECONNREFUSED.*\)$/,
  );
});

test('port in use', async () => {
  const blocker = net.createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
  const port = (blocker.address() as net.AddressInfo).port;
  try {
    assertOneLine(await start({ PORT: String(port), DATA_DIR: tmp }), new RegExp(`^pulse: cannot start: PORT: ${port} is already in use on 127\\.0\\.0\\.1$`));
  } finally {
    blocker.close();
  }
});

test('unwritable DATA_DIR', async () => {
  const file = path.join(tmp, 'a-file');
  fs.writeFileSync(file, 'x');
  assertOneLine(
    await start({ DATA_DIR: path.join(file, 'data'), PORT: '0' }),
    /^pulse: cannot start: DATA_DIR: .*a-file\/data is not a writable directory \(ENOTDIR.*\)$/,
  );
});

test('SIGTERM closes the stores and exits 0; the next start on the same DATA_DIR is healthy', async () => {
  const dir = fs.mkdtempSync(path.join(tmp, 'data-'));
  for (const round of [1, 2]) {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { PATH: process.env.PATH ?? '', ...movedClockEnv(), LOG_FORMAT: 'json', LOG_LEVEL: 'info', DEMO_DATA: '0', DATA_DIR: dir, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    // The signal too: an exit by a signal (code null) then names it.
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('close', (code, signal) => r({ code, signal })));
    let healthy = false;
    for (let i = 0; i < 600 && !healthy; i++) {
      healthy = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (!healthy) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(healthy, `round ${round}: healthy`);
    child.kill('SIGTERM');
    const end = await exited;
    // The log's last lines say how far the shutdown got when it did not end with code 0.
    assert.deepEqual(end, { code: 0, signal: null }, `round ${round}: exit code and signal; the log ended: ${out.trim().split('\n').slice(-4).join(' | ')}`);
    assert.match(out, /stores closed/);
  }
});
