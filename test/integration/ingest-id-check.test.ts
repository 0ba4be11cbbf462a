// The dedup step's stored-ids check in its two shapes (dedup.ts): on the embedded engine the batch's
// ids go to the engine as a file under DATA_DIR/tmp (stored_*_event_ids_file.sql,
// ChStore.rowsWithFile), to a ClickHouse server as one String parameter (stored_*_event_ids.sql,
// run here on chDB all the same). Both answer the same ids with their tokens, only inside the time
// span asked; the file is gone once answered, and a file a crash left behind is gone at start.
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

describe(`the stored-ids check, from a file and from a parameter (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
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
});
