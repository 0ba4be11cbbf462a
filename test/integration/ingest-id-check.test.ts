// The dedup step's stored-ids check in its two shapes (dedup.ts): on the embedded engine the batch's
// ids go to the engine as a file under DATA_DIR/tmp (stored_*_event_ids_file.sql,
// ChStore.rowsWithFile), to a ClickHouse server as one String parameter (stored_*_event_ids.sql,
// run here on chDB all the same). Both answer the same ids with their tokens, only inside the time
// span asked; the file is gone once answered, and a file a crash left behind is gone at start. And
// the embedded insert's body, written 25,000 rows at a time (ndjsonPart): pieces all ASCII (copied
// as Latin-1) and pieces with other text (UTF-8) store every row as sent.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { startTestConsole, tempDataDir, type TestConsole } from '../support/console.js';
import { chQuery } from '../../server/db/catalog.js';

const shapes = {
  video_events: {
    param: chQuery('ingest/stored_video_event_ids').returns<{ id: string; token: string }>(),
    file: chQuery('ingest/stored_video_event_ids_file').returns<{ id: string; token: string }>(),
  },
  ad_events: {
    param: chQuery('ingest/stored_ad_event_ids').returns<{ id: string; token: string }>(),
    file: chQuery('ingest/stored_ad_event_ids_file').returns<{ id: string; token: string }>(),
  },
};

describe(`ingest on the engine: the stored-ids check from a file or a parameter, the insert body in pieces (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  let c: TestConsole;
  const dataDir = tempDataDir();
  const stale = path.join(dataDir, 'tmp', `${randomUUID()}.tsv`);

  before(async () => {
    fs.mkdirSync(path.dirname(stale), { recursive: true });
    fs.writeFileSync(stale, `${randomUUID()}\n`);
    c = await startTestConsole({}, { dataDir });
    await c.ready;
  });
  after(async () => c?.stop());

  test('a data file left behind is removed at start', () => {
    assert.equal(fs.existsSync(stale), false);
  });

  for (const table of ['video_events', 'ad_events'] as const) {
    test(`${table}: both shapes answer the stored ids of the span, with their tokens`, async () => {
      const t0 = Date.parse('2026-11-20T10:00:00.000Z');
      const stored = Array.from({ length: 6 }, (_, i) => ({
        event_id: randomUUID(),
        ts: new Date(t0 + i * 60_000).toISOString().replace('T', ' ').replace('Z', ''),
        ingest_token: `token-${i % 2}`,
      }));
      await c.stores.ch.insert(table, stored);
      const unknown = [randomUUID(), randomUUID()];
      // The first five stored ids (one written in upper case), the unknown ones; the span leaves out the first.
      const ids = [...stored.slice(0, 5).map((r, i) => (i === 2 ? r.event_id.toUpperCase() : r.event_id)), ...unknown];
      const span = { from: new Date(t0 + 60_000), to: new Date(t0 + 5 * 60_000) };
      const byParam = await c.stores.ch.rows(shapes[table].param, { ...span, ids: ids.join('\n') });
      const byFile = await c.stores.ch.rowsWithFile(shapes[table].file, span, Buffer.from(`${ids.join('\n')}\n`));
      const sorted = (rows: { id: string; token: string }[]) => rows.map((r) => `${r.id} ${r.token}`).sort();
      const expected = stored
        .slice(1, 5)
        .map((r) => `${r.event_id} ${r.ingest_token}`)
        .sort();
      assert.deepEqual(sorted(byParam), expected);
      assert.deepEqual(sorted(byFile), expected);
      assert.deepEqual(
        fs.readdirSync(path.join(dataDir, 'tmp')).filter((f) => f.endsWith('.tsv')),
        [],
      );
    });
  }

  test('an insert body in pieces, ASCII and not, stores every row as sent', async () => {
    const ts = '2026-11-20 10:00:00.000';
    // 60,000 rows: the first piece all ASCII, the second with one non-ASCII row, the third (10,000) all ASCII.
    const rows = Array.from({ length: 60_000 }, (_, i) => ({
      ts,
      service: i === 30_001 ? 'sérvice-ü' : `ascii-${Math.floor(i / 25_000)}`,
      route: i === 30_001 ? '/vidéos/:id' : '/v/:id',
      method: 'GET',
      status: 200,
      duration_ms: i,
      instance: 'piece-test',
    }));
    await c.stores.ch.insertBatch('request_metrics', rows);
    const rs = await c.stores.ch.handle.client.query({
      query:
        "SELECT service, route, count() AS n, sum(duration_ms) AS d FROM request_metrics WHERE instance = 'piece-test' GROUP BY service, route ORDER BY service",
      format: 'JSONEachRow',
    });
    const got = (await rs.json()) as { service: string; route: string; n: string | number; d: string | number }[];
    assert.deepEqual(
      got.map((r) => [r.service, r.route, Number(r.n)]),
      [
        ['ascii-0', '/v/:id', 25_000],
        ['ascii-1', '/v/:id', 24_999],
        ['ascii-2', '/v/:id', 10_000],
        ['sérvice-ü', '/vidéos/:id', 1],
      ],
    );
    assert.equal(
      got.reduce((a, r) => a + Number(r.d), 0),
      (60_000 * 59_999) / 2,
    );
  });
});
