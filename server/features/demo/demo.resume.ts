// The demo load's progress in PostgreSQL (demo_loads, migration postgres/053), so that a load
// cut short (kill -9, power loss, a crash) is found at the next start and loaded again instead
// of leaving a console that says healthy with PostgreSQL empty and ClickHouse full of orphans.
// The record is written outside the load's own transaction: 'data' before the two stores are
// loaded, 'history' once both are (PostgreSQL's transaction commits when its part is loaded, and
// the accounts and the moderation history are written beside ClickHouse's part), 'done' once the
// demo's merges are done too. docs/architecture.md#demo-data says what a redo clears.
import { chQuery, pgQuery, type Stores } from '../../db/index.js';

export interface UnfinishedDemoLoad {
  id: number;
  size: string;
  seed: number;
  demoNow: Date;
  phase: 'data' | 'history';
  startedAt: Date;
  updatedAt: Date;
}

const pgLoadsUnfinished = pgQuery('demo/loads_unfinished').returns<UnfinishedDemoLoad>();
const pgLoadsStart = pgQuery('demo/loads_start').returns<{ id: number }>();
const pgLoadsPhase = pgQuery('demo/loads_phase');
const pgLoadsCloseUnfinished = pgQuery('demo/loads_close_unfinished');
const pgClearData = pgQuery('demo/clear_data');
const pgClearHistoryAudit = pgQuery('demo/clear_history_audit');
const chEventTables = chQuery('demo/event_tables').returns<{ name: string }>();
const chClearTable = chQuery('demo/clear_table');

/** The latest demo load that did not reach 'done', if any. */
export async function unfinishedDemoLoad(stores: Stores): Promise<UnfinishedDemoLoad | undefined> {
  return stores.pg.one(pgLoadsUnfinished, {});
}

/** Records a load's start (committed at once); answers its id. */
export async function recordDemoStart(stores: Stores, load: { size: string; seed: number; now: Date; redoOf?: number }): Promise<number> {
  const row = await stores.pg.one(pgLoadsStart, { size: load.size, seed: load.seed, demo_now: load.now, redo_of: load.redoOf ?? null });
  return row!.id;
}

/** Moves a load to 'history' (its data committed, with the row counts) or to 'done'. */
export async function recordDemoPhase(stores: Stores, id: number, phase: 'history' | 'done', counts?: Record<string, number>): Promise<void> {
  await stores.pg.exec(pgLoadsPhase, { id, phase, counts: counts ?? null });
  // A finished redo closes the loads it redid.
  if (phase === 'done') await stores.pg.exec(pgLoadsCloseUnfinished, { id });
}

/**
 * Empties what the interrupted load wrote: the ClickHouse event tables and every rollup their
 * views fill (on a cluster their local tables, ON CLUSTER: ChStore.tableCommand), then
 * PostgreSQL's platform tables and the history's audit rows.
 */
export async function clearDemoData(stores: Stores, load: UnfinishedDemoLoad): Promise<string[]> {
  const tables = (await stores.ch.rows(chEventTables, {})).map((t) => t.name);
  for (const table of tables) await stores.ch.tableCommand(chClearTable, table);
  await stores.pg.tx(async (tx) => {
    await tx.exec(pgClearData, {});
    await tx.exec(pgClearHistoryAudit, { demo_now: load.demoNow });
  });
  return tables;
}
