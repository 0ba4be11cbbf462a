// Issue 17, an interrupted demo load (both PostgreSQLs through TEST_DATABASE_URL): a console
// process killed with SIGKILL during its demo load (small size) used to leave, at the next start,
// a console that said healthy with PostgreSQL empty and ClickHouse holding the partial events
// (all of them orphans). Now the load's progress is in demo_loads (migration postgres/053): the
// next start says loudly in its log that the load did not finish, reports the redo on
// /api/status and /api/health while it clears both stores and loads again, and ends with the
// size table's exact counts (docs/architecture.md#demo-data, written out below) — rollups
// included, so nothing of the killed load is counted twice.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createTestDatabase, startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { spawnConsole, stopConsole, type ChildConsole } from '../support/child-console.js';

interface Demo {
  state: string;
  done?: number;
  total?: number;
  redo?: { startedAt: string; phase: string };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const status = async (c: ChildConsole) => ((await (await fetch(`${c.url}/api/status`)).json()) as { demo: Demo }).demo;

describe(`hardening: a demo load killed with SIGKILL is redone at the next start on ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  const dataDir = tempDataDir('hardening-demo-');
  let db: { url: string; drop(): Promise<void> } | undefined;
  let env: Record<string, string>;
  let second: ChildConsole | undefined;
  let killedAt: Demo;
  const seenDuringRedo: { status: Demo[]; health: { code: number; status: string; demo: Demo }[] } = { status: [], health: [] };

  before(async () => {
    db = process.env.TEST_DATABASE_URL ? await createTestDatabase(process.env.TEST_DATABASE_URL) : undefined;
    env = { DATA_DIR: dataDir, DEMO_DATA: '1', DEMO_SIZE: 'small', DEMO_SEED: '42', ...(db ? { DATABASE_URL: db.url } : {}) };
    // First start: killed once a fifth of the load is written (both stores load at once).
    const first = await spawnConsole(env, { healthy: false });
    for (;;) {
      const demo = await status(first).catch(() => undefined);
      if (demo?.state === 'loading' && (demo.done ?? 0) >= 0.2 * (demo.total ?? Infinity)) {
        first.child.kill('SIGKILL');
        killedAt = demo;
        break;
      }
      assert.notEqual(demo?.state, 'done', 'the demo load finished before the test could kill it');
      await sleep(50);
    }
    assert.equal(await first.exited, null);
    // Second start: watched until healthy.
    second = await spawnConsole(env, { healthy: false });
    for (;;) {
      const res = await fetch(`${second.url}/api/health`).catch(() => undefined);
      if (res) {
        const h = (await res.json()) as { status: string; demo: Demo };
        if (res.status === 200) break;
        seenDuringRedo.health.push({ code: res.status, status: h.status, demo: h.demo });
        seenDuringRedo.status.push(await status(second));
      }
      assert.equal(second.child.exitCode, null, second.log());
      await sleep(200);
    }
  });
  after(async () => {
    if (second) await stopConsole(second);
    await db?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('the next start says loudly that the load did not finish, and reports the redo while it loads again', async () => {
    assert.ok(killedAt.done! > 0 && killedAt.done! < killedAt.total!, JSON.stringify(killedAt));
    const lines = second!
      .log()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string; phase?: string });
    const loud = lines.find((l) => l.msg.includes('DID NOT FINISH'));
    assert.ok(loud, second!.log());
    assert.equal(loud.level, 40);
    assert.equal(loud.phase, 'data');
    assert.ok(lines.some((l) => l.msg === 'the interrupted demo load is loaded again in full'));
    // While it loads again: /api/health 503 'starting', and both answers name the redo.
    assert.ok(seenDuringRedo.health.length > 0);
    for (const h of seenDuringRedo.health) assert.deepEqual([h.code, h.status, h.demo.redo?.phase], [503, 'starting', 'data']);
    assert.ok(seenDuringRedo.status.some((d) => d.state === 'loading' && d.redo?.phase === 'data'));
    // Healthy at the end, the redo still said.
    const done = await status(second!);
    assert.deepEqual([done.state, done.redo?.phase], ['done', 'data']);
    const health = await fetch(`${second!.url}/api/health`);
    assert.equal(health.status, 200);
  });

  test('the stores hold exactly one small demo (the size table), rollups included; demo_loads has the killed load closed and its redo done', async () => {
    await stopConsole(second!);
    second = undefined;
    // The same stores, opened again without a demo load: nothing is left unfinished.
    let c: TestConsole | undefined;
    try {
      c = await startTestConsole({ DEMO_DATA: '0' }, { dataDir, keepDatabase: db?.url });
      await c.ready;
      assert.equal(c.lifecycle.demo.state, 'off');
      const pg = async (sql: string) => (await c!.stores.pg.handle.pool.query(sql)).rows;
      const ch = async (sql: string) => {
        const rs = await c!.stores.ch.handle.client.query({ query: sql, format: 'JSONEachRow' });
        return (await rs.json()) as Record<string, unknown>[];
      };
      const expected: Record<string, number> = {
        users: 2000,
        follows: 6000,
        videos: 4000,
        advertisers: 6,
        campaigns: 18,
        transactions: 3000,
        content_reports: 1500,
        ingest_rejections: 24,
        video_events: 50000,
        ad_events: 20000,
        request_metrics: 10000,
      };
      for (const [table, n] of Object.entries(expected)) {
        // request_metrics also holds the console's own requests (service 'console': the test's polls).
        const where = table === 'request_metrics' ? " WHERE service != 'console'" : '';
        const [row] =
          table in { video_events: 1, ad_events: 1, request_metrics: 1 }
            ? await ch(`SELECT count() AS n FROM ${table}${where}`)
            : await pg(`SELECT count(*)::int AS n FROM ${table}`);
        assert.equal(Number(row!.n), n, table);
      }
      // The designed orphans only (100 at the small size), in the raw table and in the rollups the
      // data-quality panel reads; the rollups count each event once.
      const [q] = await ch(
        'SELECT (SELECT sum(orphan) FROM video_events) AS raw_orphans, (SELECT sum(rows) FROM video_quality_15m) AS rows, (SELECT sum(orphans) FROM video_quality_15m) AS orphans, (SELECT sum(rows) FROM ad_quality_15m) AS ad_rows',
      );
      assert.deepEqual([Number(q!.raw_orphans), Number(q!.rows), Number(q!.orphans), Number(q!.ad_rows)], [100, 50000, 100, 20000]);
      // Every per-video tier counts each view once, the by-video quarter-hours trending and the video page read included
      // (a redo used to leave the killed load's rows there).
      const [t] = await ch(
        "SELECT (SELECT countIf(type = 'view') FROM video_events) AS raw, (SELECT sum(views) FROM video_stats_15m) AS q, (SELECT sum(views) FROM video_stats_1h) AS h, (SELECT sum(views) FROM video_stats_1d) AS d, (SELECT sum(views) FROM video_stats_15m_by_video) AS qv",
      );
      const raw = Number(t!.raw);
      assert.deepEqual([Number(t!.q), Number(t!.h), Number(t!.d), Number(t!.qv)], [raw, raw, raw, raw]);
      // (ids are not 1 and 2: a crash makes PostgreSQL's sequences skip ahead by up to 32.)
      const loads = await pg('SELECT id::int AS id, phase, redo_of::int AS redo_of, size, seed::int AS seed FROM demo_loads ORDER BY id');
      assert.deepEqual(
        loads.map((l) => ({ ...l, id: undefined, redo_of: l.redo_of === null ? null : l.redo_of === loads[0]!.id ? 'first' : l.redo_of })),
        [
          { id: undefined, phase: 'done', redo_of: null, size: 'small', seed: 42 },
          { id: undefined, phase: 'done', redo_of: 'first', size: 'small', seed: 42 },
        ],
      );
    } finally {
      await c?.stop();
    }
  });
});
