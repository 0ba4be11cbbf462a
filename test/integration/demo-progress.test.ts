// The demo load's progress while one long statement runs (docs/architecture.md, "Demo data"): the
// large demo's video events are one statement, and the bar moves with the rows it has written so
// far (an INSERT … SELECT commits its parts block by block), counted beside the statement
// (ChStore.rowsBeside). Here pass 2 writes 5M events of the large plan on the embedded engine while
// the test counts; 5M is the statement's own count, set by hand.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { chQuery, openStores, type Stores } from '../../server/db/index.js';
import { migrate } from '../../server/db/migrate.js';
import { buildPlan } from '../../server/features/demo/demo.plan.js';
import { videoEventsParams, videoEventsWritten, videoOrderParams } from '../../server/features/demo/demo.clickhouse.js';

const ROWS = 5_000_000;
let dir: string;
let stores: Stores;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pulse-demo-progress-'));
  stores = await openStores({ dataDir: dir });
  await migrate(stores, path.resolve('queries/migrations'), pino({ level: 'silent' }));
});

after(async () => {
  await stores?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the video events written, counted beside pass 2 while it runs: 0 before, growing to at most its count, all of it after', async () => {
  const plan = buildPlan('large', 42, new Date('2026-11-01T12:00:00Z'));
  await stores.ch.command(chQuery('demo/drop_video_order'), {});
  await stores.ch.command(chQuery('demo/create_video_order'), {});
  await stores.ch.command(chQuery('demo/video_order'), videoOrderParams(plan, 0, ROWS));
  assert.equal(await videoEventsWritten(stores), 0);
  let running = true;
  const pass2 = stores.ch.command(chQuery('demo/video_events'), videoEventsParams(plan, { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER })).finally(() => {
    running = false;
  });
  const readings: number[] = [];
  while (running) {
    const written = await videoEventsWritten(stores);
    if (running) readings.push(written);
    await new Promise((r) => setTimeout(r, 20));
  }
  await pass2;
  assert.ok(
    readings.some((r) => r > 0 && r < ROWS),
    `a count between 0 and ${ROWS} while it ran (${readings.length} readings: ${readings.slice(0, 8).join(', ')}…)`,
  );
  assert.ok(readings.every((r) => r <= ROWS));
  assert.ok(
    readings.every((r, i) => i === 0 || r >= readings[i - 1]!),
    'never going back',
  );
  assert.equal(await videoEventsWritten(stores), ROWS, 'every row of pass 1 written');
  await stores.ch.command(chQuery('demo/drop_video_order'), {});
});
