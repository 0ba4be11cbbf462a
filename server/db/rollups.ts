// Rebuilding the pre-aggregates from the raw tables (docs/scale.md, `npm run rollups -- rebuild`).
// Every materialized view's target is recomputed from the view's own SELECT, one monthly
// partition of its source at a time (a raw table, or for a coarser tier the finer tier, which is
// then rebuilt first): the SELECT runs over that month into a scratch copy of
// the target, which then replaces the target's partition (REPLACE PARTITION: the month switches
// over at once, readers never see it half built). A step that finished is recorded in
// rollup_rebuilds, so a run stopped midway resumes with the next step when started again with
// the same arguments. New views (a new tier) are picked up by the same code.
import { createHash } from 'node:crypto';
import { chQuery, pgQuery } from './catalog.js';
import type { Stores } from './stores.js';

const chListViews = chQuery('rollups/list_views').returns<{ view: string; target: string; select: string }>();
const chViewColumns = chQuery('rollups/view_columns').returns<{ view: string; columns: string[] }>();
const chSourcePartitions = chQuery('rollups/source_partitions').returns<{ partition: string }>();
const chSourceTtl = chQuery('rollups/source_ttl').returns<{ ttl_days: number; has_ttl: boolean | number }>();
const chProgressDone = chQuery('rollups/progress_done').returns<{ view: string; partition: string }>();
const chRecordProgress = chQuery('rollups/record_progress');
const pgSteps = (
  [
    'rollups/lock_facts',
    'rollups/clear_rollups',
    'rollups/fill_revenue_15m',
    'rollups/fill_revenue_1h',
    'rollups/fill_revenue_1d',
    'rollups/fill_creator_followers',
    'rollups/fill_creator_follows_daily',
    'rollups/fill_creator_follows_hourly',
    'rollups/fill_moderation_cases_daily',
    'rollups/fill_moderation_decision_times',
  ] as const
).map((name) => pgQuery(name));

/**
 * Recounts the PostgreSQL pre-aggregates (revenue_15m with revenue_1h and revenue_1d, creator_followers, creator_follows_daily/_hourly,
 * moderation_cases_daily, moderation_decision_times) from transactions, follows, moderation_cases and
 * moderation_decisions in one transaction:
 * readers see the old figures until it commits.
 */
export async function rebuildPgRollups(stores: Stores): Promise<void> {
  await stores.pg.tx(async (tx) => {
    for (const q of pgSteps) await tx.exec(q, {});
  });
}

export interface RebuildOptions {
  /** First month rebuilt: the month holding this instant (default: every month held). */
  from?: Date;
  /** Last month rebuilt: the month holding this instant. */
  to?: Date;
  /** Only these views (by name); default every materialized view. */
  views?: string[];
  onProgress?: (p: { step: number; steps: number; view: string; target: string; partition: string; ms: number; skipped: boolean }) => void;
  /**
   * The clock of the raw tables' TTL (default: now). A month that starts before now − TTL may have
   * lost raw rows already, so it is left as it is, not recounted from what is left.
   */
  now?: Date;
  /** Told of each month left alone for that reason. */
  onExpired?: (p: { view: string; target: string; partition: string; ttlDays: number }) => void;
}

export interface RebuildPlanStep {
  view: string;
  target: string;
  source: string;
  partition: string;
  select: string;
  columns: string[];
}

const ident = (s: string): string => {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) throw new Error(`not a plain identifier: ${s}`);
  return s;
};
const yyyymm = (d: Date): number => d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;

const FROM = /\bFROM\s+(?:`?\w+`?\.)?`?(\w+)`?(?:\s+AS\s+`?(\w+)`?)?/i;

/** The table a view reads: the single `FROM [db.]table` of its SELECT. */
export function viewSource(select: string): string {
  const m = FROM.exec(select);
  if (!m) throw new Error(`cannot find the source table of: ${select.slice(0, 120)}`);
  return m[1]!;
}

/** The view's SELECT over one monthly partition of its source, the source keeping its name (or alias). */
export function selectForPartition(select: string, partition: string): string {
  if (!/^\d{6}$/.test(partition)) throw new Error(`not a monthly partition: ${partition}`);
  return select.replace(
    FROM,
    (_all, table: string, alias: string | undefined) => `FROM (SELECT * FROM ${ident(table)} WHERE _partition_id = '${partition}') AS ${ident(alias ?? table)}`,
  );
}

export async function rebuildPlan(stores: Stores, opts: RebuildOptions = {}): Promise<RebuildPlanStep[]> {
  const [views, cols] = await Promise.all([stores.ch.rows(chListViews, {}), stores.ch.rows(chViewColumns, {})]);
  const columns = new Map(cols.map((c) => [c.view, c.columns]));
  // A view whose source is another view's target (a coarser tier) comes after that view.
  const byTarget = new Map(views.map((v) => [v.target, v]));
  const level = (v: { select: string }, seen = 0): number => {
    const up = byTarget.get(viewSource(v.select));
    return up && seen < views.length ? 1 + level(up, seen + 1) : 0;
  };
  // Its months are those of the raw table at the root (the finer tier may be empty until rebuilt).
  const root = (v: { select: string }, seen = 0): string => {
    const up = byTarget.get(viewSource(v.select));
    return up && seen < views.length ? root(up, seen + 1) : viewSource(v.select);
  };
  const ordered = [...views].sort((a, b) => level(a) - level(b) || a.view.localeCompare(b.view));
  // The first month whose every row is still inside the root table's TTL (month 0: no TTL).
  const firstKept = async (table: string): Promise<{ month: number; days: number }> => {
    const [t] = await stores.ch.rows(chSourceTtl, { table });
    if (!t || !Number(t.has_ttl)) return { month: 0, days: 0 };
    const days = Number(t.ttl_days);
    if (!days) throw new Error(`${table} has a TTL in other units than days: rebuild its views with --view and --from inside it`);
    const cut = new Date((opts.now ?? new Date()).getTime() - days * 86_400_000);
    const start = Date.UTC(cut.getUTCFullYear(), cut.getUTCMonth(), 1);
    return { month: yyyymm(start === cut.getTime() ? cut : new Date(Date.UTC(cut.getUTCFullYear(), cut.getUTCMonth() + 1, 1))), days };
  };
  const steps: RebuildPlanStep[] = [];
  for (const v of ordered) {
    if (opts.views && !opts.views.includes(v.view)) continue;
    const source = viewSource(v.select);
    const kept = await firstKept(root(v));
    const parts = await stores.ch.rows(chSourcePartitions, {
      table: root(v),
      from_month: opts.from ? yyyymm(opts.from) : 0,
      to_month: opts.to ? yyyymm(opts.to) : 999_999,
    });
    for (const p of parts) {
      if (Number(p.partition) < kept.month) {
        opts.onExpired?.({ view: v.view, target: v.target, partition: p.partition, ttlDays: kept.days });
        continue;
      }
      steps.push({ view: v.view, target: ident(v.target), source, partition: p.partition, select: v.select, columns: (columns.get(v.view) ?? []).map(ident) });
    }
  }
  return steps;
}

/** Recomputes every pre-aggregate (or those of opts.views) over the months asked for. */
export async function rebuildRollups(stores: Stores, opts: RebuildOptions = {}): Promise<{ steps: number; skipped: number }> {
  const steps = await rebuildPlan(stores, opts);
  const run = createHash('sha256')
    .update(JSON.stringify({ from: opts.from?.toISOString() ?? null, to: opts.to?.toISOString() ?? null, views: opts.views ?? null }))
    .digest('hex')
    .slice(0, 16);
  const done = new Set((await stores.ch.rows(chProgressDone, { run })).map((d) => `${d.view}/${d.partition}`));
  let skipped = 0;
  for (const [i, s] of steps.entries()) {
    const started = Date.now();
    if (done.has(`${s.view}/${s.partition}`)) {
      skipped++;
      opts.onProgress?.({ step: i + 1, steps: steps.length, view: s.view, target: s.target, partition: s.partition, ms: 0, skipped: true });
      continue;
    }
    const scratch = `${s.target}__rebuild`;
    await stores.ch.execScriptStatement(`DROP TABLE IF EXISTS ${scratch}`);
    await stores.ch.execScriptStatement(`CREATE TABLE ${scratch} AS ${s.target}`);
    try {
      await stores.ch.execScriptStatement(
        `INSERT INTO ${scratch} (${s.columns.join(', ')}) SETTINGS insert_deduplicate = 0 ${selectForPartition(s.select, s.partition)}`,
      );
      await stores.ch.execScriptStatement(`ALTER TABLE ${s.target} REPLACE PARTITION ID '${s.partition}' FROM ${scratch}`);
    } finally {
      await stores.ch.execScriptStatement(`DROP TABLE IF EXISTS ${scratch}`);
    }
    await stores.ch.command(chRecordProgress, { run, view: s.view, partition: s.partition });
    opts.onProgress?.({ step: i + 1, steps: steps.length, view: s.view, target: s.target, partition: s.partition, ms: Date.now() - started, skipped: false });
  }
  await stores.ch.command(chRecordProgress, { run, view: '', partition: '' });
  return { steps: steps.length, skipped };
}

/** Everything: the PostgreSQL pre-aggregates (whole tables, one transaction), then ClickHouse's. */
export async function rebuildAll(stores: Stores, opts: RebuildOptions = {}): Promise<{ steps: number; skipped: number }> {
  await rebuildPgRollups(stores);
  return rebuildRollups(stores, opts);
}
