// Issue 17, "control characters reach the pretty log", over real HTTP on real stores (both
// PostgreSQLs through TEST_DATABASE_URL): a console in its own process writing the pretty log
// (LOG_FORMAT=pretty, as `npm start` does on a terminal) is sent a caller's text carrying an
// escape sequence, a C1 control and a newline followed by a forged line. The 422 it answers is
// logged with the caller's text, and the log must show that text as \u escapes: no raw control
// character, no line of the caller's making.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, tempDataDir, type TestConsole } from '../support/console.js';
import { spawnConsole, stopConsole, type ChildConsole } from '../support/child-console.js';
import { ADMIN, bootstrapAdminEnv, login } from '../support/auth.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`hardening: the pretty log escapes a caller's control characters on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let db: { url: string; drop(): Promise<void> } | undefined;
  let child: ChildConsole | undefined;

  before(async () => {
    db = process.env.TEST_DATABASE_URL ? await createTestDatabase(process.env.TEST_DATABASE_URL) : undefined;
    child = await spawnConsole({
      DATA_DIR: tempDataDir('hardening-log-'),
      LOG_FORMAT: 'pretty',
      ...bootstrapAdminEnv,
      ...(db ? { DATABASE_URL: db.url } : {}),
    });
  });
  after(async () => {
    if (child) await stopConsole(child);
    await db?.drop();
  });

  test('a mute timing name with ESC, U+0085 and a newline: 422, and the log line shows them as \\u escapes', async () => {
    const url = child!.url;
    const c = { get: (pathname: string, init?: RequestInit) => fetch(`${url}${pathname}`, init) } as TestConsole;
    const admin = await login(c, ADMIN.email, ADMIN.password);
    const name = 'x\u001b[2J\u0085\nFAKE LINE level=error';
    const res = await admin.call('PUT', '/api/routing/mute-timings', { route: 'route', muteTimings: [name] });
    assert.equal(res.status, 422, await res.text());

    // The escaped form of the caller's text, written out by hand.
    const escaped = 'x\\u001b[2J\\u0085\\u000aFAKE LINE level=error';
    for (let i = 0; i < 50 && !child!.log().includes(escaped); i++) await sleep(100);
    const log = child!.log();
    assert.ok(log.includes(`muteTimings.0: no mute timing named ${escaped}`), `the 422 is logged with the escaped name:\n${log.slice(-2000)}`);
    assert.equal(log.includes('\u001b'), false, 'no raw ESC in the log');
    assert.equal(log.includes('\u0085'), false, 'no raw U+0085 in the log');
    assert.equal(
      log.split('\n').some((line) => line.startsWith('FAKE LINE')),
      false,
      'no log line of the caller making',
    );
  });
});
