// Store health, data freshness and row counts: what /api/health and the status page show.
import { pgQuery, chQuery, type Stores } from '../../db/index.js';
import { listMigrations } from '../../db/migrate.js';
import { describe } from '../../db/postgres.js';
import type { Lifecycle } from '../../lifecycle.js';
import type { EventStream } from '../../../contract/ingest.js';
import type { AdminStatus, Freshness, Health, PublicStatus, QueueStatus, StoreHealth } from '../../../contract/system.js';
import { formatChDateTime } from '../../db/params.js';

const pgHealthProbe = pgQuery('system/health_probe').returns<{ at: Date }>();
const chHealthProbeRead = chQuery('system/health_probe_read').returns<{ at: string | null }>();
const pgRowCounts = pgQuery('system/row_counts').returns<{ name: string; rows: number; estimated: boolean }>();
const pgEvaluatorLastRun = pgQuery('system/evaluator_last_run').returns<{ lastRunAt: Date | null }>();
const chTableSizes = chQuery('system/table_sizes').returns<{ name: string; rows: number; bytes: number }>();
const chFreshness = chQuery('system/freshness').returns<{ stream: string; newestMs: number; any: number }>();

const HEALTH_TIMEOUT_MS = 2000;
/** A health answer is reused this long: a flood of /api/health costs one probe per store per second. */
const HEALTH_CACHE_MS = 1000;
/** The admin status report (row counts, migrations) is reused this long. */
const STATUS_CACHE_MS = 30_000;
/** Tables estimated above this many rows answer the planner's estimate instead of a count. */
const EXACT_COUNT_BELOW = 100_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

async function probe(mode: StoreHealth['mode'], fn: () => Promise<unknown>): Promise<StoreHealth> {
  const t0 = performance.now();
  try {
    await withTimeout(fn(), HEALTH_TIMEOUT_MS);
    return { status: 'ok', mode, latencyMs: Math.round((performance.now() - t0) * 100) / 100 };
  } catch (err) {
    return { status: 'down', mode, latencyMs: null, error: describe(err) };
  }
}

export class SystemService {
  private freshnessCache: { at: number; value: Freshness[] } | undefined;
  private healthCache: { at: number; value: Promise<Health> } | undefined;
  private statusCache: { at: number; value: Promise<Omit<AdminStatus, 'phase' | 'demo' | 'queue'>> } | undefined;

  constructor(
    private readonly stores: Stores,
    private readonly lifecycle: Lifecycle,
    private readonly now: () => Date = () => new Date(),
    private readonly instance = 'console',
    private readonly queueStatus: () => QueueStatus | null = () => null,
  ) {}

  /** Concurrent and repeated calls within a second share one check (never a probe per caller). */
  health(): Promise<Health> {
    const t = Date.now();
    if (!this.healthCache || t - this.healthCache.at >= HEALTH_CACHE_MS) {
      const value = this.checkHealth();
      this.healthCache = { at: t, value };
      // Settled answers are kept a second; the start-up phase is read fresh below.
    }
    return this.healthCache.value.then((h) => ({
      ...h,
      // A demo load that failed (or an interrupted one left as it is) is partial data: not ok.
      status: !this.lifecycle.ready
        ? 'starting'
        : h.postgres?.status === 'ok' && h.clickhouse?.status === 'ok' && this.lifecycle.demo.state !== 'failed'
          ? 'ok'
          : 'degraded',
      demo: this.lifecycle.demo,
    }));
  }

  /**
   * Each store writes and reads: PostgreSQL upserts this instance's health_probes row and returns
   * it; ClickHouse inserts a row and reads the instance's newest back (a store that answers
   * a bare liveness probe but cannot write or read a table is down).
   */
  private async checkHealth(): Promise<Health> {
    const at = this.now();
    const [postgres, clickhouse] = await Promise.all([
      probe(this.stores.pg.mode, async () => {
        const row = await this.stores.pg.one(pgHealthProbe, { instance: this.instance, at });
        if (!row || new Date(row.at).getTime() !== at.getTime()) throw new Error('the probe row did not read back');
      }),
      probe(this.stores.ch.mode, async () => {
        await this.stores.ch.insert('health_probes', [{ instance: this.instance, at: formatChDateTime(at) }]);
        const [row] = await this.stores.ch.rows(chHealthProbeRead, { instance: this.instance });
        if (!row?.at || Date.parse(`${row.at.replace(' ', 'T')}Z`) < at.getTime()) throw new Error('the probe row did not read back');
      }),
    ]);
    const [freshness, lastRunAt] = await Promise.all([
      clickhouse.status === 'ok' ? this.freshness().catch(() => []) : Promise.resolve([]),
      postgres.status === 'ok'
        ? withTimeout(this.stores.pg.one(pgEvaluatorLastRun, {}), HEALTH_TIMEOUT_MS).then(
            (r) => r?.lastRunAt ?? null,
            () => null,
          )
        : Promise.resolve(null),
    ]);
    const storesOk = postgres.status === 'ok' && clickhouse.status === 'ok';
    return {
      status: !this.lifecycle.ready ? 'starting' : storesOk ? 'ok' : 'degraded',
      uptimeSeconds: Math.round((Date.now() - this.lifecycle.startedAt) / 1000),
      postgres,
      clickhouse,
      evaluator: { lastRunAt: lastRunAt ? new Date(lastRunAt).toISOString() : null },
      freshness,
      demo: this.lifecycle.demo,
    };
  }

  async freshness(): Promise<Freshness[]> {
    const nowMs = this.now().getTime();
    if (this.freshnessCache && nowMs - this.freshnessCache.at < 5000) return this.freshnessCache.value;
    const rows = await withTimeout(this.stores.ch.rows(chFreshness, {}), HEALTH_TIMEOUT_MS);
    const value = rows.map((r) => ({
      stream: r.stream as EventStream,
      newestAt: r.any ? new Date(Number(r.newestMs)).toISOString() : null,
      lagSeconds: r.any ? Math.max(0, Math.round((nowMs - Number(r.newestMs)) / 1000)) : null,
    }));
    this.freshnessCache = { at: nowMs, value };
    return value;
  }

  /** The start-up phase and the demo load's progress: all an anonymous caller is told. */
  publicStatus(): PublicStatus {
    return { phase: this.lifecycle.phase, demo: this.lifecycle.demo };
  }

  /** Row counts (estimates past 100k rows), migrations and freshness for admins; computed at most every 30 s. */
  status(): Promise<AdminStatus> {
    const t = Date.now();
    if (!this.statusCache || t - this.statusCache.at >= STATUS_CACHE_MS) {
      const value = this.adminStatus();
      this.statusCache = { at: t, value };
      value.catch(() => (this.statusCache = undefined));
    }
    // The queue's state is live (not cached): connection, consumer rate, lag per queue, dead letters.
    return this.statusCache.value.then((s) => ({ ...s, ...this.publicStatus(), queue: this.queueStatus() }));
  }

  private async adminStatus(): Promise<Omit<AdminStatus, 'phase' | 'demo' | 'queue'>> {
    const [pgRows, chRows, migrations, freshness] = await Promise.all([
      this.stores.pg.rows(pgRowCounts, { exact_below: EXACT_COUNT_BELOW }),
      this.stores.ch.rows(chTableSizes, {}),
      listMigrations(this.stores),
      this.freshness(),
    ]);
    return {
      countedAt: new Date().toISOString(),
      postgres: {
        mode: this.stores.pg.mode,
        tables: pgRows.map((r) => ({ name: r.name, rows: Number(r.rows), ...(r.estimated ? { estimated: true } : {}) })),
        migrations: migrations.postgres.map(strip),
      },
      clickhouse: {
        mode: this.stores.ch.mode,
        tables: chRows.map((r) => ({ name: r.name, rows: Number(r.rows), bytes: Number(r.bytes) })),
        migrations: migrations.clickhouse.map(strip),
      },
      freshness,
    };
  }
}

function strip(m: { version: number; name: string; appliedAt: string }) {
  return { version: Number(m.version), name: m.name, appliedAt: m.appliedAt };
}
