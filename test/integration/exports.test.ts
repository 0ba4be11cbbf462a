// Event-level exports at the engine's speed (docs/exports.md), over real HTTP on the real stores.
// - Byte for byte: the CSVs of the campaign fixture and of a 30,000-event campaign equal what the
//   paged implementation answered before (test/golden/exports/, captured from it; the comment
//   line's generated_at is blanked on both sides).
// - Cancellation: a download closed midway leaves no export query in the engine's process list
//   (read on a chDB session of this process, which is the console's) and no file behind; the
//   engine's export file (docs/export-files.md) is under DATA_DIR/tmp while its download is held.
// - Concurrency: 3 exports at once each complete and correct (two written to files by the engine,
//   EXPORT_FILE_WRITES=2, one streamed); with EXPORT_CONCURRENCY=3 held by three unread downloads,
//   a fourth answers 429 with Retry-After, and the slots come back.
// - Start-up removes export files a crash left in DATA_DIR/tmp (and nothing else there).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Session } from 'chdb';
import { startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { ADMIN, bootstrapAdminEnv, login, type TestSession } from '../support/auth.js';
import { ADV_A, loadCampaignFixture } from '../support/campaign-fixture.js';
import { LARGE, LARGE_RANGE, largeEvent, loadLargeExportFixture, withoutGeneratedAt } from '../support/export-fixture.js';

const GOLDEN = path.resolve('test/golden/exports');
const HUGE = { id: 3002, rows: 300_000 }; // ~45 MB of CSV: more than the sockets' buffers hold

let c: TestConsole;
let admin: TestSession;
let probe: Session;
let dataDir: string;
const STALE = 'tmp/0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b.csv';

/** Export queries the engine is running now (the console's chDB, seen from another session). */
function runningExports(): number {
  // The process list holds the statement as the engine formats it.
  // The streamed statement and the one writing a file (events_export_file.sql) both match.
  const out = probe.query(
    "SELECT count() FROM system.processes WHERE query LIKE '%FROM ad_events%WHERE%advertiser_id = %ORDER BY ts%event_id%' AND query NOT LIKE '%system.processes%'",
    'CSV',
  );
  return Number(String(out).trim());
}

/** ClickHouse orders a UUID by its second 64-bit half, then its first (not as text). */
const uuidKey = (u: string) => {
  const h = u.replace(/-/g, '');
  return h.slice(16) + h.slice(0, 16);
};
/** The large campaign's events in the export's order, (ts, event_id), computed from the fixture. */
function exportOrder() {
  return Array.from({ length: LARGE.rows }, (_, i) => largeEvent(i)).sort((a, b) =>
    a.ts !== b.ts ? (a.ts < b.ts ? -1 : 1) : uuidKey(a.event_id) < uuidKey(b.event_id) ? -1 : 1,
  );
}

/** Files under DATA_DIR outside the stores' own directories, plus the engine's scratch directory. */
function looseFiles(): string[] {
  // The stores' own trees are not walked: the engine creates and removes merge directories
  // under ch/store while a walk is in them (a scandir of a vanished directory fails).
  const out: string[] = [];
  const walk = (rel: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(path.join(c.dataDir, rel), { withFileTypes: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    for (const d of entries) {
      const f = rel ? `${rel}/${d.name}` : d.name;
      if (!rel && (f === 'pg' || f === 'ch')) continue;
      out.push(f);
      if (d.isDirectory()) walk(f);
    }
  };
  walk('');
  walk('ch/tmp');
  return out.sort();
}

/** Export files the engine is writing or the server is sending (DATA_DIR/tmp/<uuid>.csv). */
const exportFiles = () => looseFiles().filter((f) => /^tmp\/[0-9a-f-]{36}\.csv$/.test(f));

/** A download whose body is not read: the server's writes back up and its query waits. */
function unreadDownload(url: string): Promise<{ res: http.IncomingMessage; req: http.ClientRequest }> {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(url, c.url), { headers: { cookie: admin.cookie } }, (res) => {
      res.pause();
      resolve({ res, req });
    });
    req.on('error', reject);
  });
}

async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe(`event exports (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'} + chDB)`, () => {
  before(async () => {
    dataDir = tempDataDir();
    // What a crash could leave: an export file (removed at start) beside a file that is not one (kept).
    fs.mkdirSync(path.join(dataDir, 'tmp'));
    fs.writeFileSync(path.join(dataDir, STALE), 'partial,row');
    fs.writeFileSync(path.join(dataDir, 'tmp/notes.txt'), 'not an export');
    c = await startTestConsole({ ...bootstrapAdminEnv, EXPORT_CONCURRENCY: '3', EXPORT_FILE_WRITES: '2' }, { dataDir });
    await c.ready;
    await loadCampaignFixture(c);
    await loadLargeExportFixture(c);
    await c.stores.pg.handle.pool.query(
      `INSERT INTO campaigns (id, advertiser_id, name, objective, status, budget_micros, bid_micros, start_date, end_date)
       VALUES ($1, $2, 'Huge', 'traffic', 'active', 1, 1, '2026-11-01', NULL)`,
      [HUGE.id, ADV_A.id],
    );
    await c.stores.ch.handle.client.command({
      query: `INSERT INTO ad_events (event_id, ts, type, advertiser_id, campaign_id, user_id, cost_micros, conversion_value_micros, play_ms, region, device)
              SELECT generateUUIDv4(), toDateTime64('2026-11-01 00:00:00', 3, 'UTC') + number, 'impression', ${ADV_A.id}, ${HUGE.id}, number, 250000, 0, 0, 'NP', 'ios'
              FROM numbers(${HUGE.rows})`,
    });
    admin = await login(c, ADMIN.email, ADMIN.password);
    probe = new Session(path.join(c.dataDir, 'ch'));
  });
  after(async () => {
    probe?.close();
    await c?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('start-up removed the export file a crash left in DATA_DIR/tmp, and only that', () => {
    assert.equal(fs.existsSync(path.join(dataDir, STALE)), false);
    assert.equal(fs.readFileSync(path.join(dataDir, 'tmp/notes.txt'), 'utf8'), 'not an export');
  });

  test('the fixture CSVs are byte for byte what the paged implementation answered', async () => {
    for (const [id, range] of [
      [1001, 'from=2026-11-09&to=2026-11-12'],
      [1002, 'from=2026-11-10&to=2026-11-11'],
      [2001, 'from=2026-10-31&to=2026-11-03'],
    ] as const) {
      const res = await admin.call('GET', `/api/campaigns/${id}/events.csv?${range}`);
      assert.equal(res.status, 200);
      assert.deepEqual(
        withoutGeneratedAt(Buffer.from(await res.arrayBuffer())),
        fs.readFileSync(path.join(GOLDEN, `campaign-${id}.events.csv`)),
        `campaign ${id}`,
      );
    }
  });

  test('30,000 events: byte for byte the paged output, rows in (ts, event_id) order as computed from the fixture', async () => {
    const res = await admin.call('GET', `/api/campaigns/${LARGE.id}/events.csv?${LARGE_RANGE}`);
    assert.equal(res.headers.get('x-total-rows'), String(LARGE.rows));
    const body = withoutGeneratedAt(Buffer.from(await res.arrayBuffer()));
    const [sha, length] = fs
      .readFileSync(path.join(GOLDEN, `campaign-${LARGE.id}.events.sha256`), 'utf8')
      .trim()
      .split(' ');
    assert.equal(body.length, Number(length));
    assert.equal(createHash('sha256').update(body).digest('hex'), sha);
    const rows = parse(body, { bom: true, comment: '#', comment_no_infix: true }) as string[][];
    const expected = exportOrder();
    assert.deepEqual(
      rows.slice(1).map((r) => r[0]),
      expected.map((e) => e.event_id),
    );
    const formulaStart = /^[=+\-@\t\r]/;
    assert.deepEqual(
      rows.slice(1).map((r) => [r[7], r[8]]),
      expected.map((e) => [formulaStart.test(e.region) ? `'${e.region}` : e.region, formulaStart.test(e.device) ? `'${e.device}` : e.device]),
    );
  });

  test('events.xlsx of 30,000 events: every row, typed cells, from the same one query', async () => {
    const res = await admin.call('GET', `/api/campaigns/${LARGE.id}/events.xlsx?${LARGE_RANGE}`);
    assert.equal(res.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as any);
    const ws = wb.getWorksheet('Events')!;
    assert.equal(ws.rowCount, 1 + LARGE.rows);
    const expected = exportOrder();
    for (const i of [0, 1, 2, 14_999, LARGE.rows - 1]) {
      const e = expected[i]!;
      const row = ws.getRow(i + 2);
      assert.equal(row.getCell(1).value, e.event_id);
      assert.equal(row.getCell(7).value, e.user_id);
      assert.equal(row.getCell(10).value, e.cost_micros / 1_000_000); // money in major units
    }
  });

  test('3 concurrent exports of the same campaign each complete and are correct', async () => {
    const [sha] = fs
      .readFileSync(path.join(GOLDEN, `campaign-${LARGE.id}.events.sha256`), 'utf8')
      .trim()
      .split(' ');
    const bodies = await Promise.all(
      [1, 2, 3].map(async () => {
        const res = await admin.call('GET', `/api/campaigns/${LARGE.id}/events.csv?${LARGE_RANGE}`);
        // Once, under load ~35, one of the three answered 500: the body says why if it recurs.
        assert.equal(res.status, 200, res.status === 200 ? '' : await res.text());
        return withoutGeneratedAt(Buffer.from(await res.arrayBuffer()));
      }),
    );
    for (const b of bodies) assert.equal(createHash('sha256').update(b).digest('hex'), sha);
  });

  test('a download closed midway stops the engine query and leaves no file', async () => {
    const before = looseFiles();
    const { res, req } = await unreadDownload(`/api/campaigns/${HUGE.id}/events.csv?from=2026-11-01&to=2026-11-08`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['x-total-rows'], String(HUGE.rows));
    // The engine writes this export to a file (EXPORT_FILE_WRITES), which stays while the
    // download is held, whether or not the engine has finished it…
    await until('the export file to show in DATA_DIR/tmp', () => exportFiles().length === 1);
    req.destroy();
    // …and neither the query nor the file once the client is gone.
    await until('the export query to end and its file to go', () => runningExports() === 0 && exportFiles().length === 0);
    assert.deepEqual(looseFiles(), before);
    const again = await admin.call('GET', `/api/campaigns/1002/events.csv?from=2026-11-10&to=2026-11-11`);
    assert.equal(again.status, 200);
    await again.arrayBuffer();
  });

  test('beyond EXPORT_CONCURRENCY an export answers 429 with Retry-After; closed downloads free their slots', async () => {
    const held = await Promise.all([1, 2, 3].map(() => unreadDownload(`/api/campaigns/${HUGE.id}/events.csv?from=2026-11-01&to=2026-11-08`)));
    for (const h of held) assert.equal(h.res.statusCode, 200);
    const refused = await admin.call('GET', `/api/campaigns/1002/events.csv?from=2026-11-10&to=2026-11-11`);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '5');
    assert.equal((await refused.json()).error.code, 'too_many_requests');
    // Two are written to files by the engine (EXPORT_FILE_WRITES=2; the files stay while their
    // downloads are held), the third is streamed: its query waits on the unread socket.
    await until('two export files and the streamed query', () => exportFiles().length === 2 && runningExports() >= 1);
    for (const h of held) h.req.destroy();
    await until('the held exports to end', () => runningExports() === 0 && exportFiles().length === 0);
    // The file exports' scope rows (docs/export-files.md) go with them.
    await until('their scope rows to go', () => String(probe.query('SELECT count() FROM export_scopes', 'CSV')).trim() === '0');
    let ok = await admin.call('GET', `/api/campaigns/1002/events.csv?from=2026-11-10&to=2026-11-11`);
    // The slot is released when the server has seen the close (its query is gone before that).
    for (let i = 0; ok.status === 429 && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 50));
      ok = await admin.call('GET', `/api/campaigns/1002/events.csv?from=2026-11-10&to=2026-11-11`);
    }
    assert.equal(ok.status, 200);
    assert.deepEqual(withoutGeneratedAt(Buffer.from(await ok.arrayBuffer())), fs.readFileSync(path.join(GOLDEN, 'campaign-1002.events.csv')));
  });
});
