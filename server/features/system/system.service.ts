// Store health, data freshness and row counts: what /api/health and the status page show.
import { pgQuery, chQuery, type Stores } from '../../db/index.js';
import { listMigrations } from '../../db/migrate.js';
import { describe } from '../../db/postgres.js';
import type { Lifecycle } from '../../lifecycle.js';

const pgPing = pgQuery('system/ping');
const chPing = chQuery('system/ping');
const pgRowCounts = pgQuery('system/row_counts').returns<{ name: string; rows: number }>();
const pgEvaluatorLastRun = pgQuery('system/evaluator_last_run').returns<{ lastRunAt: Date | null }>();
const chTableSizes = chQuery('system/table_sizes').returns<{ name: string; rows: number; bytes: number }>();
const chFreshness = chQuery('system/freshness').returns<{ stream: string; newestMs: number; any: number }>();

const HEALTH_TIMEOUT_MS = 2000;

export interface StoreHealth {
  status: 'ok' | 'down';
  mode: 'embedded' | 'external';
  latencyMs: number | null;
  error?: string;
}

export interface Freshness {
  stream: string;
  newestAt: string | null;
  lagSeconds: number | null;
}

export interface Health {
  status: 'ok' | 'degraded' | 'starting';
  uptimeSeconds: number;
  postgres: StoreHealth | null;
  clickhouse: StoreHealth | null;
  evaluator: { lastRunAt: string | null };
  freshness: Freshness[];
  demo: Lifecycle['demo'];
}

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

  constructor(
    private readonly stores: Stores,
    private readonly lifecycle: Lifecycle,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async health(): Promise<Health> {
    const [postgres, clickhouse] = await Promise.all([
      probe(this.stores.pg.mode, () => this.stores.pg.rows(pgPing, {})),
      probe(this.stores.ch.mode, () => this.stores.ch.rows(chPing, {})),
    ]);
    const [freshness, lastRunAt] = await Promise.all([
      clickhouse.status === 'ok' ? this.freshness().catch(() => []) : Promise.resolve([]),
      postgres.status === 'ok'
        ? withTimeout(this.stores.pg.one(pgEvaluatorLastRun, {}), HEALTH_TIMEOUT_MS).then((r) => r?.lastRunAt ?? null, () => null)
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
      stream: r.stream,
      newestAt: r.any ? new Date(Number(r.newestMs)).toISOString() : null,
      lagSeconds: r.any ? Math.max(0, Math.round((nowMs - Number(r.newestMs)) / 1000)) : null,
    }));
    this.freshnessCache = { at: nowMs, value };
    return value;
  }

  async status() {
    const [pgRows, chRows, migrations, freshness] = await Promise.all([
      this.stores.pg.rows(pgRowCounts, {}),
      this.stores.ch.rows(chTableSizes, {}),
      listMigrations(this.stores),
      this.freshness(),
    ]);
    return {
      postgres: { mode: this.stores.pg.mode, tables: pgRows.map((r) => ({ name: r.name, rows: Number(r.rows) })), migrations: migrations.postgres.map(strip) },
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
