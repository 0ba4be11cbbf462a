// The evaluator (README#alerting). evaluateAt(time) is the one entry point the scheduler, the tests
// and the benchmark use: run the rules at an explicit evaluation time (one query per store, query
// file and parameters), advance every instance through the state machine, persist, then route what
// is firing into the outbox (router.ts, as soon as a batch changed a state). The backtest
// (backtest.ts) replays the same functions over a past window in memory.
import type { Logger } from 'pino';
import { chQuery, pgQuery, type Stores } from '../../db/index.js';
import type { QueryHandle } from '../../db/catalog.js';
import { describe } from '../../db/postgres.js';
import type { Routing, Rule } from './rules.js';
import { isFiring, type AlertState } from './state-machine.js';
import type { Labels } from './routing.js';
import type { AlertSignals } from './signals.js';
import { NotificationRouter } from './router.js';
import type { MuteState } from './route-mutes.js';
import { annotationsOf, applyRule, STORE_RULE, type Applied, type QueryResult, type Stored } from './series.js';
import { batchesOf, fanoutOf, resultFor, type Fanout } from './batches.js';

type Json = Record<string, unknown>;

const chStorePing = chQuery('alerting/store_ping').returns<{ ok: number }>();
const pgStatementTimeout = pgQuery('alerting/statement_timeout');
const pgListInstancesOfRules = pgQuery('alerting/list_instances_of_rules').returns<{
  id: string;
  ruleId: string;
  fingerprint: string;
  labels: Labels;
  state: AlertState;
  value: number | null;
  activeSince: Date | null;
  firingSince: Date | null;
  recoveringSince: Date | null;
  missedEvals: number;
}>();
const pgUpsertInstances = pgQuery('alerting/upsert_instances').returns<{ id: string; ruleId: string; fingerprint: string }>();
const pgInsertHistoryBatch = pgQuery('alerting/insert_history_batch');
const pgHeartbeat = pgQuery('alerting/heartbeat');

export type { AlertingInstance } from './notifications.js';

export interface EngineOptions {
  queryTimeoutMs: number;
  concurrency: number;
  instanceId: string;
  log: Logger;
  /** Told when a flush wrote notifications to the outbox. */
  signals?: AlertSignals;
  /** The console's address for links in messages (CONSOLE_URL). */
  consoleUrl?: string;
}

export interface TickReport {
  at: Date;
  rules: number;
  errors: number;
  transitions: number;
  notifications: number;
  storeDown: string[];
  durationMs: number;
}

/** Rows per upsert statement (a jsonb array parameter). */
const WRITE_CHUNK = 500;

export { batchesOf, queryKey } from './batches.js';

/** Runs a set of async jobs with at most `limit` at a time. */
async function limited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(workers);
}

export class AlertEngine {
  private flushChain: Promise<unknown> = Promise.resolve();
  private flushQueued = false;
  /** The routing flush: groups, silences, mute timings, the outbox. */
  readonly router: NotificationRouter;

  constructor(
    private readonly stores: Stores,
    private routing: Routing,
    private readonly opts: EngineOptions,
  ) {
    this.router = new NotificationRouter(stores, () => this.routing, { log: opts.log, signals: opts.signals, consoleUrl: opts.consoleUrl });
  }

  setRouting(routing: Routing): void {
    this.routing = routing;
  }

  get log(): Logger {
    return this.opts.log;
  }

  get routingTree(): Routing {
    return this.routing;
  }

  /** A rule query file's `@fanout` declaration (batches.ts), read once per file. */
  private readonly fanouts = new Map<string, Fanout | undefined>();

  fanoutFor(rule: Pick<Rule, 'store' | 'query'>): Fanout | undefined {
    const key = `${rule.store}:${rule.query}`;
    if (!this.fanouts.has(key)) this.fanouts.set(key, fanoutOf(this.stores.catalog.get(rule.store, rule.query).text));
    return this.fanouts.get(key);
  }

  /** Runs one rule's query at `at` (with `params`, default its own) with the query timeout; never throws. */
  async runQuery(rule: Rule, at: Date, ruleParams: Rule['params'] = rule.params): Promise<QueryResult> {
    const handle: QueryHandle<Record<string, unknown>, Json> = { store: rule.store, name: rule.query };
    const params = { ...ruleParams, at };
    const timeout = this.opts.queryTimeoutMs;
    try {
      if (rule.store === 'clickhouse') {
        const signal = AbortSignal.timeout(timeout);
        return { ok: true, rows: await this.stores.ch.rows(handle, params, { signal, settings: { max_execution_time: Math.ceil(timeout / 1000) } }) };
      }
      return {
        ok: true,
        rows: await this.stores.pg.tx(async (tx) => {
          await tx.rows(pgStatementTimeout, { ms: String(timeout) });
          return tx.rows(handle, params);
        }),
      };
    } catch (err) {
      return { ok: false, error: describe(err).slice(0, 500) };
    }
  }

  async clickhouseAnswers(): Promise<boolean> {
    try {
      await this.stores.ch.rows(chStorePing, {}, { signal: AbortSignal.timeout(Math.min(this.opts.queryTimeoutMs, 5000)) });
      return true;
    } catch {
      return false;
    }
  }

  /** Evaluates `rules` at `at`, then routes; the scheduler's tick and the tests' entry point. */
  async evaluateAt(rules: Rule[], at: Date): Promise<TickReport> {
    const t0 = performance.now();
    const storeDown: string[] = [];
    let todo = rules.filter((r) => r.enabled);
    let transitions = 0;
    let errors = 0;
    if (todo.some((r) => r.store === 'clickhouse')) {
      const up = await this.clickhouseAnswers();
      transitions += await this.persistRule(STORE_RULE, { ok: true, rows: [{ store: 'clickhouse', value: up ? 1 : 0 }] }, at);
      if (!up) {
        storeDown.push('clickhouse');
        todo = todo.filter((r) => r.store !== 'clickhouse');
      }
    }
    let notifications = 0;
    const flushed: Promise<void>[] = [];
    const flushNow = () => flushed.push(this.queueFlush(at).then((n) => void (notifications += n)));
    // Rules sharing a store, query file and parameters (a fanned-out bound aside: batches.ts) run
    // one query per tick; each rule then applies its own condition, labels and timing to its rows
    // of the shared result (the bench's 1,000 rules over six query files cost six queries).
    await limited(
      batchesOf(todo, (r) => this.fanoutFor(r)),
      this.opts.concurrency,
      async (batch) => {
        const result = await this.runQuery(batch.rules[0]!, at, batch.params);
        if (!result.ok) {
          errors += batch.rules.length;
          this.opts.log.warn({ rules: batch.rules.map((r) => r.id), error: result.error }, 'alert rule query failed');
        }
        const changed = await this.persistRules(batch.rules, (r) => resultFor(batch, r, result), at);
        transitions += changed;
        // A state change is routed at once, not after the whole tick (group_wait 0 means now).
        if (changed > 0) flushNow();
      },
    );
    flushNow();
    await Promise.all(flushed);
    return { at, rules: todo.length, errors, transitions, notifications, storeDown, durationMs: performance.now() - t0 };
  }

  private persistRule(rule: Rule, result: QueryResult, at: Date): Promise<number> {
    return this.persistRules([rule], () => result, at);
  }

  /**
   * Advances every instance of `rules` (each answered by `resultOf(rule)`) and writes them: one
   * read of their stored memory, one upsert and one history insert per chunk of rows.
   */
  private async persistRules(rules: Rule[], resultOf: (rule: Rule) => QueryResult, at: Date): Promise<number> {
    const rows = await this.stores.pg.rows(pgListInstancesOfRules, { rule_ids: rules.map((r) => r.id) });
    const storedByRule = new Map<string, Map<string, Stored>>();
    for (const r of rows) {
      const m = storedByRule.get(r.ruleId) ?? new Map<string, Stored>();
      storedByRule.set(r.ruleId, m);
      m.set(r.fingerprint, {
        id: r.id,
        labels: r.labels,
        mem: {
          state: r.state,
          activeSince: r.activeSince ? new Date(r.activeSince).getTime() : null,
          firingSince: r.firingSince ? new Date(r.firingSince).getTime() : null,
          recoveringSince: r.recoveringSince ? new Date(r.recoveringSince).getTime() : null,
          missed: r.missedEvals,
          value: r.value,
        },
      });
    }
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    // Keyed by rule and fingerprint: two rows with the same labels are one instance (the last wins).
    const byKey = new Map<string, { rule: Rule; a: Applied; row: Json }>();
    const results = new Map(rules.map((r) => [r.id, resultOf(r)]));
    for (const rule of rules) {
      for (const a of applyRule(rule, results.get(rule.id)!, storedByRule.get(rule.id) ?? new Map(), at.getTime())) {
        if (!a.write) continue;
        byKey.set(`${rule.id}\u0000${a.fingerprint}`, {
          rule,
          a,
          row: {
            rule_id: rule.id,
            fingerprint: a.fingerprint,
            labels: a.labels,
            annotations: annotationsOf(rule, a.labels, a.values),
            severity: rule.labels.severity,
            state: a.mem.state,
            value: a.mem.value,
            active_since: iso(a.mem.activeSince),
            firing_since: iso(a.mem.firingSince),
            recovering_since: iso(a.mem.recoveringSince),
            last_eval_at: at.toISOString(),
            missed_evals: a.mem.missed,
          },
        });
      }
    }
    const writes = [...byKey.values()];
    let count = 0;
    for (let i = 0; i < writes.length; i += WRITE_CHUNK) {
      const chunk = writes.slice(i, i + WRITE_CHUNK);
      const ids = await this.stores.pg.rows(pgUpsertInstances, { rows: chunk.map((w) => w.row) });
      const idOf = new Map(ids.map((r) => [`${r.ruleId}\u0000${r.fingerprint}`, r.id]));
      const history: Json[] = [];
      for (const { rule, a } of chunk) {
        const id = idOf.get(`${rule.id}\u0000${a.fingerprint}`);
        if (!a.transition || !id) continue;
        const detail: Json = {
          event: 'state',
          reason: a.transition.reason,
          resolved: a.transition.resolved,
          threshold: rule.condition.threshold,
          op: rule.condition.op,
        };
        const result = results.get(rule.id)!;
        if (!result.ok) detail.error = result.error;
        history.push({
          instance_id: Number(id),
          at: at.toISOString(),
          from_state: a.transition.from,
          to_state: a.transition.to,
          value: a.transition.value,
          detail,
        });
      }
      if (history.length > 0) await this.stores.pg.exec(pgInsertHistoryBatch, { rows: history });
      count += history.length;
    }
    return count;
  }

  /**
   * Flushes one at a time; a request while one is waiting to start joins it (it will read the
   * newest state anyway), so a tick with many state changes costs few flushes.
   */
  queueFlush(at: Date): Promise<number> {
    if (this.flushQueued) return this.pendingFlush!;
    this.flushQueued = true;
    const run = this.flushChain
      .catch(() => undefined)
      .then(() => {
        this.flushQueued = false;
        return this.router.flush(at);
      });
    this.pendingFlush = run;
    this.flushChain = run;
    return run;
  }

  private pendingFlush: Promise<number> | undefined;

  /** Routes firing instances into notification groups; writes due notifications to the outbox. */
  flush(at: Date): Promise<number> {
    return this.router.flush(at);
  }

  /** Mute timings (routing.yaml's and the console's) and the console's route attachments. */
  muteState(): Promise<MuteState> {
    return this.router.muteState();
  }

  async heartbeat(lastRunAt: Date, lagMs: number): Promise<void> {
    await this.stores.pg.exec(pgHeartbeat, {
      instance_id: this.opts.instanceId,
      last_run_at: lastRunAt,
      lag_ms: Math.max(0, Math.min(2 ** 31 - 1, Math.round(lagMs))),
    });
  }
}

export { isFiring };
