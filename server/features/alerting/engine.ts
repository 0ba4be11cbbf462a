// The evaluator and the routing flush (README#alerting). evaluateAt(time) is the one entry point the
// scheduler, the tests and the benchmark use: run the rules at an explicit evaluation time,
// advance every instance through the state machine, persist, then route what is firing into
// the outbox. The backtest replays the same functions over a past window in memory.
import type { Logger } from 'pino';
import { chQuery, pgQuery, type Stores } from '../../db/index.js';
import type { QueryHandle } from '../../db/catalog.js';
import { describe } from '../../db/postgres.js';
import type { Routing, Rule } from './rules.js';
import { isFiring, type AlertState } from './state-machine.js';
import { decideGroup, dedupKeyOf, groupOf, routeOfGroupKey, labelMatches, type GroupAction, type GroupMemory, type Labels } from './routing.js';
import type { AlertSignals } from './signals.js';
import { activeMuteTiming, type TimeInterval } from './mute-timings.js';
import { slackMessage, webhookBody } from './contact-points.js';
import { annotationsOf, applyRule, STORE_RULE, type Applied, type QueryResult, type Stored } from './series.js';

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
const pgInsertHistory = pgQuery('alerting/insert_history');
const pgInsertHistoryBatch = pgQuery('alerting/insert_history_batch');
const pgListAlertingInstances = pgQuery('alerting/list_alerting_instances').returns<AlertingInstance>();
const pgListActiveSilences = pgQuery('alerting/list_active_silences').returns<{ id: string; matchers: Labels }>();
const pgListGroups = pgQuery('alerting/list_groups').returns<GroupRow>();
const pgUpsertGroup = pgQuery('alerting/upsert_group');
const pgInsertOutbox = pgQuery('alerting/insert_outbox').returns<{ id: string }>();
const pgHeartbeat = pgQuery('alerting/heartbeat');
const pgListInstancesByIds = pgQuery('alerting/list_instances_by_ids').returns<AlertingInstance>();
const pgListMuteTimings = pgQuery('alerting/list_mute_timings').returns<{ name: string; timeIntervals: TimeInterval[] }>();

export interface AlertingInstance {
  id: string;
  ruleId: string;
  fingerprint: string;
  labels: Labels;
  annotations: Record<string, string>;
  severity: string;
  state: AlertState;
  value: number | null;
  firingSince: Date | null;
  acknowledgedAt: Date | null;
}

interface GroupRow {
  groupKey: string;
  receiver: string;
  groupLabels: Labels;
  dedupKey: string;
  pendingSince: Date | null;
  firing: boolean;
  lastNotifiedAt: Date | null;
  notifiedInstanceIds: string[];
}

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

export interface OutboxPayload {
  kind: GroupAction | 'acknowledge' | 'digest';
  instanceIds: number[];
  [k: string]: unknown;
}

/** Rows per upsert statement (a jsonb array parameter). */
const WRITE_CHUNK = 500;

/** What makes two rules' queries the same query at one evaluation time. */
export function queryKey(rule: Pick<Rule, 'store' | 'query' | 'params'>): string {
  const params = Object.keys(rule.params)
    .sort()
    .map((k) => [k, rule.params[k]]);
  return `${rule.store}:${rule.query}:${JSON.stringify(params)}`;
}

/** Rules grouped by queryKey, in first-seen order. */
export function batchesOf(rules: Rule[]): Rule[][] {
  const batches = new Map<string, Rule[]>();
  for (const r of rules) {
    const k = queryKey(r);
    const b = batches.get(k);
    if (b) b.push(r);
    else batches.set(k, [r]);
  }
  return [...batches.values()];
}

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

  constructor(
    private readonly stores: Stores,
    private routing: Routing,
    private readonly opts: EngineOptions,
  ) {}

  setRouting(routing: Routing): void {
    this.routing = routing;
  }

  get log(): Logger {
    return this.opts.log;
  }

  get routingTree(): Routing {
    return this.routing;
  }

  /** Runs one rule's query at `at` with the query timeout; never throws. */
  async runQuery(rule: Rule, at: Date): Promise<QueryResult> {
    const handle: QueryHandle<Record<string, unknown>, Json> = { store: rule.store, name: rule.query };
    const params = { ...rule.params, at };
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
    // Rules sharing a store, query file and parameters run one query per tick; each rule then
    // applies its own condition, labels and timing to the shared rows (the bench's 1,000 rules
    // over a handful of queries cost a handful of queries).
    await limited(batchesOf(todo), this.opts.concurrency, async (batch) => {
      const result = await this.runQuery(batch[0]!, at);
      if (!result.ok) {
        errors += batch.length;
        this.opts.log.warn({ rules: batch.map((r) => r.id), error: result.error }, 'alert rule query failed');
      }
      const changed = await this.persistRules(batch, result, at);
      transitions += changed;
      // A state change is routed at once, not after the whole tick (group_wait 0 means now).
      if (changed > 0) flushNow();
    });
    flushNow();
    await Promise.all(flushed);
    return { at, rules: todo.length, errors, transitions, notifications, storeDown, durationMs: performance.now() - t0 };
  }

  private persistRule(rule: Rule, result: QueryResult, at: Date): Promise<number> {
    return this.persistRules([rule], result, at);
  }

  /**
   * Advances every instance of `rules` (all answered by `result`) and writes them: one read of
   * their stored memory, one upsert and one history insert per chunk of rows.
   */
  private async persistRules(rules: Rule[], result: QueryResult, at: Date): Promise<number> {
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
    for (const rule of rules) {
      for (const a of applyRule(rule, result, storedByRule.get(rule.id) ?? new Map(), at.getTime())) {
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
        return this.flush(at);
      });
    this.pendingFlush = run;
    this.flushChain = run;
    return run;
  }

  private pendingFlush: Promise<number> | undefined;

  /** Routes firing instances into notification groups; writes due notifications to the outbox. */
  async flush(at: Date): Promise<number> {
    const [instances, silences, groupRows, timings] = await Promise.all([
      this.stores.pg.rows(pgListAlertingInstances, {}),
      this.stores.pg.rows(pgListActiveSilences, { at }),
      this.stores.pg.rows(pgListGroups, {}),
      this.muteTimings(),
    ]);
    type G = { key: string; receiver: string; groupLabels: Labels; node: ReturnType<typeof groupOf>['node']; active: AlertingInstance[]; silenced: number };
    const groups = new Map<string, G>();
    for (const inst of instances) {
      const ref = groupOf(this.routing.route, inst.labels);
      const g = groups.get(ref.groupKey) ?? {
        key: ref.groupKey,
        receiver: ref.receiver,
        groupLabels: ref.groupLabels,
        node: ref.node,
        active: [],
        silenced: 0,
      };
      groups.set(ref.groupKey, g);
      if (silences.some((s) => labelMatches(inst.labels, s.matchers))) g.silenced++;
      else g.active.push(inst);
    }
    const stored = new Map(groupRows.map((g) => [g.groupKey, g]));
    let sent = 0;
    const keys = new Set([...groups.keys(), ...stored.keys()]);
    for (const key of keys) {
      const s = stored.get(key);
      const g = groups.get(key);
      const mem: GroupMemory = s
        ? {
            pendingSince: s.pendingSince ? new Date(s.pendingSince).getTime() : null,
            firing: s.firing,
            lastNotifiedAt: s.lastNotifiedAt ? new Date(s.lastNotifiedAt).getTime() : null,
            notifiedInstanceIds: s.notifiedInstanceIds,
          }
        : { pendingSince: null, firing: false, lastNotifiedAt: null, notifiedInstanceIds: [] };
      // A group with no alert left keeps its own route's terms (send_resolved); one whose route no
      // longer exists (routing.yaml changed) resolves on the root's.
      const node = g?.node ?? routeOfGroupKey(this.routing.route, key) ?? this.routing.route;
      const active = g?.active ?? [];
      const allAck = active.length > 0 && active.every((i) => i.acknowledgedAt !== null);
      const decision = decideGroup(
        mem,
        active.map((i) => String(i.id)),
        g?.silenced ?? 0,
        allAck,
        node,
        at.getTime(),
      );
      const receiverName = g?.receiver ?? s?.receiver ?? '';
      const groupLabels = g?.groupLabels ?? s?.groupLabels ?? {};
      const dedupKey = s?.dedupKey ?? dedupKeyOf(key);
      // A muted route sends nothing and remembers nothing: states keep changing (and are recorded
      // by the evaluation), and the first flush after the window decides on the state then.
      const muted = activeMuteTiming(node.mute_time_intervals, timings, at);
      if (muted) {
        if (decision.action)
          await this.recordMuted(
            key,
            muted,
            decision.action,
            decision.action === 'resolve' ? await this.stores.pg.rows(pgListInstancesByIds, { ids: mem.notifiedInstanceIds }) : active,
            at,
          );
        continue;
      }
      if (decision.action) {
        sent += await this.enqueue(
          decision.action,
          receiverName,
          key,
          dedupKey,
          groupLabels,
          active,
          decision.action === 'resolve' ? mem.notifiedInstanceIds : [],
          at,
        );
      }
      const n = decision.next;
      const changed = !s || JSON.stringify(mem) !== JSON.stringify(n);
      if (changed && (s || n.firing || n.pendingSince !== null)) {
        const ts = (ms: number | null) => (ms === null ? null : new Date(ms));
        await this.stores.pg.exec(pgUpsertGroup, {
          group_key: key,
          receiver: receiverName,
          group_labels: groupLabels,
          dedup_key: dedupKey,
          pending_since: ts(n.pendingSince),
          firing: n.firing,
          last_notified_at: ts(n.lastNotifiedAt),
          notified_instance_ids: n.notifiedInstanceIds,
        });
      }
    }
    if (sent > 0) this.opts.signals?.emit('enqueued');
    return sent;
  }

  /** routing.yaml's mute timings, then the console's (a YAML name wins). */
  async muteTimings(): Promise<Map<string, TimeInterval[]>> {
    const rows = await this.stores.pg.rows(pgListMuteTimings, {});
    const all = new Map(rows.map((r) => [r.name, r.timeIntervals]));
    for (const [name, intervals] of this.routing.muteTimings) all.set(name, intervals);
    return all;
  }

  /** What a mute timing held back, once per group, action and timing while the window lasts. */
  private readonly mutedSeen = new Set<string>();

  private async recordMuted(groupKey: string, timing: string, action: GroupAction, alerts: AlertingInstance[], at: Date): Promise<void> {
    const seen = `${groupKey}|${timing}|${action}|${alerts
      .map((a) => a.id)
      .sort()
      .join(',')}`;
    if (this.mutedSeen.has(seen)) return;
    if (this.mutedSeen.size > 10_000) this.mutedSeen.clear();
    this.mutedSeen.add(seen);
    for (const a of alerts) {
      await this.stores.pg.exec(pgInsertHistory, {
        instance_id: a.id,
        at,
        from_state: a.state,
        to_state: a.state,
        value: a.value,
        detail: { event: 'muted', action, timing },
      });
    }
  }

  /** Writes one group notification per channel of its receiver to the outbox. */
  async enqueue(
    action: GroupAction | 'acknowledge',
    receiverName: string,
    groupKey: string,
    dedupKey: string,
    groupLabels: Labels,
    alerts: AlertingInstance[],
    resolvedIds: string[],
    at: Date,
  ): Promise<number> {
    const receiver = this.routing.receivers.get(receiverName);
    if (!receiver) return 0;
    const instanceIds = action === 'resolve' ? resolvedIds.map(Number) : alerts.map((a) => Number(a.id));
    const first = alerts[0];
    const title = first
      ? (first.annotations.title ?? first.ruleId)
      : Object.entries(groupLabels)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ');
    const status = action === 'resolve' ? 'RESOLVED' : action === 'acknowledge' ? 'ACKNOWLEDGED' : 'FIRING';
    const subject = `[${status}${alerts.length > 1 ? `:${alerts.length}` : ''}] ${title}`;
    const lines = alerts.map(
      (a) =>
        `- ${a.annotations.summary ?? a.ruleId} (${Object.entries(a.labels)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')})${a.annotations.runbook_url ? `\n  runbook: ${a.annotations.runbook_url}` : ''}`,
    );
    let count = 0;
    if (receiver.pagerduty?.routing_key) {
      const severity = alerts.some((a) => a.severity === 'critical') ? 'critical' : alerts.some((a) => a.severity === 'warning') ? 'warning' : 'info';
      const payload: OutboxPayload = {
        kind: action,
        instanceIds,
        routing_key: receiver.pagerduty.routing_key,
        event_action: action === 'resolve' ? 'resolve' : action === 'acknowledge' ? 'acknowledge' : 'trigger',
        dedup_key: dedupKey,
        payload: {
          summary: `${subject}: ${alerts.map((a) => a.annotations.summary ?? '').join('; ')}`.slice(0, 1024),
          source: 'pulse-console',
          severity,
          timestamp: at.toISOString(),
          custom_details: { groupLabels, alerts: alerts.map((a) => ({ labels: a.labels, value: a.value, summary: a.annotations.summary })) },
        },
      };
      await this.stores.pg.one(pgInsertOutbox, { channel: 'pagerduty', receiver: receiverName, group_key: groupKey, dedup_key: dedupKey, payload });
      count++;
    }
    if (receiver.email && !receiver.email.digest && action !== 'acknowledge') {
      const text = [
        `${subject}`,
        '',
        action === 'resolve' ? 'The alert group has resolved.' : `${alerts.length} alert(s):`,
        ...lines,
        '',
        `Evaluated at ${at.toISOString()}.`,
      ].join('\n');
      const payload: OutboxPayload = { kind: action, instanceIds, to: receiver.email.to, subject, text };
      await this.stores.pg.one(pgInsertOutbox, { channel: 'email', receiver: receiverName, group_key: groupKey, dedup_key: null, payload });
      count++;
    }
    if ((receiver.webhook || receiver.slack) && action !== 'acknowledge') {
      // A resolve names the alerts that were notified (normal now), so its message reads like the trigger's.
      const named = action === 'resolve' ? await this.stores.pg.rows(pgListInstancesByIds, { ids: resolvedIds }) : alerts;
      const group = { action, receiver: receiverName, groupKey, dedupKey, groupLabels, alerts: named, at, consoleUrl: this.opts.consoleUrl ?? '' };
      if (receiver.webhook) {
        const payload: OutboxPayload = { kind: action, instanceIds, body: webhookBody(group) };
        await this.stores.pg.one(pgInsertOutbox, { channel: 'webhook', receiver: receiverName, group_key: groupKey, dedup_key: dedupKey, payload });
        count++;
      }
      if (receiver.slack) {
        const payload: OutboxPayload = { kind: action, instanceIds, body: slackMessage(group) };
        await this.stores.pg.one(pgInsertOutbox, { channel: 'slack', receiver: receiverName, group_key: groupKey, dedup_key: dedupKey, payload });
        count++;
      }
    }
    for (const a of alerts) {
      if (count === 0) break;
      await this.stores.pg.exec(pgInsertHistory, {
        instance_id: a.id,
        at,
        from_state: a.state,
        to_state: a.state,
        value: a.value,
        detail: { event: 'notification', action, receiver: receiverName },
      });
    }
    return count;
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
