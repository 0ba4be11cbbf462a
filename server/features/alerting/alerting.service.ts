// Alerting for the routes and the scheduler: the merged rule set (YAML + UI), alerts,
// acknowledgements, silences, the notification log, the backtest and the daily digest.
import fs from 'node:fs';
import { pgQuery, type Stores } from '../../db/index.js';
import { BadRequestError, ConflictError, NotFoundError, UnprocessableError } from '../../http/errors.js';
import type { QueryCatalog } from '../../db/catalog.js';
import { parseDuration, validateRule, type AlertConfig, type FieldProblem, type Rule, type RuleInput } from './rules.js';
import { AlertEngine, type AlertingInstance } from './engine.js';
import { applyRule, STORE_RULE, type Stored } from './series.js';
import { decideGroup, dedupKeyOf, groupOf, labelMatches, type GroupMemory, type GroupRef, type Labels } from './routing.js';
import { isFiring } from './state-machine.js';
import type { AlertSignals } from './signals.js';
import { agentName, INCIDENT_EVENTS, type PagerDutyWebhook } from './pagerduty-webhook.js';
import type { PgRunner } from '../../db/stores.js';
import { activeMuteTiming, intervalActive, zMuteTiming, type TimeInterval } from './mute-timings.js';
import type { RouteNode } from './rules.js';

type Json = Record<string, unknown>;

const pgUpsertRule = pgQuery('alerting/upsert_rule').returns<{ id: string }>();
const pgListUiRules = pgQuery('alerting/list_ui_rules').returns<{
  id: string;
  definition: RuleInput;
  enabled: boolean;
  createdBy: string | null;
  updatedAt: Date;
}>();
const pgFindRule = pgQuery('alerting/find_rule').returns<{ id: string; source: string }>();
const pgDeleteUiRule = pgQuery('alerting/delete_ui_rule');
const pgListAlerts = pgQuery('alerting/list_alerts').returns<AlertRow>();
const pgGetAlert = pgQuery('alerting/get_alert').returns<AlertRow>();
const pgAlertHistory = pgQuery('alerting/alert_history').returns<{
  id: string;
  at: Date;
  fromState: string;
  toState: string;
  value: number | null;
  detail: Json;
}>();
const pgAckAlert = pgQuery('alerting/ack_alert').returns<{ id: string; state: string; value: number | null }>();
const pgInsertHistory = pgQuery('alerting/insert_history');
const pgFindGroup = pgQuery('alerting/find_group').returns<{
  groupKey: string;
  receiver: string;
  dedupKey: string;
  firing: boolean;
  pagerdutyStatus: string | null;
  pagerdutyActor: string | null;
  pagerdutyAt: Date | null;
  pagerdutyAssignees: string[] | null;
}>();
const pgListSilences = pgQuery('alerting/list_silences').returns<{
  id: string;
  matchers: Labels;
  startsAt: Date;
  endsAt: Date;
  comment: string;
  createdAt: Date;
  createdBy: string | null;
}>();
const pgInsertSilence = pgQuery('alerting/insert_silence').returns<{ id: string; matchers: Labels; startsAt: Date; endsAt: Date; comment: string }>();
const pgExpireSilence = pgQuery('alerting/expire_silence').returns<{ id: string }>();
const pgListOutbox = pgQuery('alerting/list_outbox').returns<OutboxRow>();
const pgRetryOutbox = pgQuery('alerting/retry_outbox').returns<{ id: string }>();
const pgDigestFirings = pgQuery('alerting/digest_firings').returns<{
  id: string;
  ruleId: string;
  labels: Labels;
  annotations: Record<string, string>;
  at: Date;
  value: number | null;
}>();
const pgClaimDigest = pgQuery('alerting/claim_digest').returns<{ day: string }>();
const pgInsertOutbox = pgQuery('alerting/insert_outbox').returns<{ id: string }>();
const pgInsertPagerdutyEvent = pgQuery('alerting/insert_pagerduty_event').returns<{ eventId: string }>();
const pgFindGroupByDedup = pgQuery('alerting/find_group_by_dedup').returns<{ groupKey: string; receiver: string; dedupKey: string; firing: boolean }>();
const pgAckInstancesExternal = pgQuery('alerting/ack_instances_external').returns<{ id: string; state: string; value: number | null }>();
const pgUnackInstances = pgQuery('alerting/unack_instances').returns<{ id: string; state: string; value: number | null }>();
const pgListMuteTimings = pgQuery('alerting/list_mute_timings').returns<{
  name: string;
  timeIntervals: TimeInterval[];
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}>();
const pgUpsertMuteTiming = pgQuery('alerting/upsert_mute_timing').returns<{ name: string }>();
const pgDeleteMuteTiming = pgQuery('alerting/delete_mute_timing').returns<{ name: string }>();
const pgUpdateGroupPagerduty = pgQuery('alerting/update_group_pagerduty');

interface AlertRow {
  id: string;
  ruleId: string;
  fingerprint: string;
  labels: Labels;
  annotations: Record<string, string>;
  severity: string;
  state: string;
  value: number | null;
  activeSince: Date | null;
  firingSince: Date | null;
  lastEvalAt: Date | null;
  acknowledgedBy: string | null;
  acknowledgedByName: string | null;
  acknowledgedAt: Date | null;
}

interface OutboxRow {
  id: string;
  channel: string;
  receiver: string;
  groupKey: string;
  dedupKey: string | null;
  payload: Json;
  status: string;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  deliveredAt: Date | null;
  attempts_log: unknown[];
}

/** At most this many evaluations in one backtest (a day at one minute is 1,440). */
export const MAX_BACKTEST_STEPS = 2000;

export class AlertingService {
  private uiRules: Rule[] = [];
  /** Stored UI rules that no longer validate: skipped by the evaluator, listed with their errors. */
  private invalidRules: { id: string; definition: unknown; errors: FieldProblem[] }[] = [];

  constructor(
    private readonly stores: Stores,
    private readonly catalog: QueryCatalog,
    private readonly config: AlertConfig,
    readonly engine: AlertEngine,
    private readonly signals?: AlertSignals,
    /** PAGERDUTY_WEBHOOK_SECRET: the secrets a PagerDuty webhook may be signed with (none: every webhook is refused). */
    readonly pagerDutyWebhookSecrets: readonly string[] = [],
  ) {}

  /** The PostgreSQL runner the routes write audit rows with. */
  get db() {
    return this.stores.pg;
  }

  /** Provisions the YAML rules into alert_rules and reads the UI rules. */
  async init(): Promise<void> {
    for (const r of this.config.rules) {
      const { source: _s, ...definition } = r;
      await this.stores.pg.one(pgUpsertRule, { id: r.id, source: 'file', definition, enabled: r.enabled, created_by: null });
    }
    await this.reloadUiRules();
  }

  async reloadUiRules(): Promise<void> {
    const fileIds = new Set(this.config.rules.map((r) => r.id));
    const rows = await this.stores.pg.rows(pgListUiRules, {});
    const valid: Rule[] = [];
    const invalid: typeof this.invalidRules = [];
    for (const row of rows) {
      if (fileIds.has(row.id)) continue;
      const checked = validateRule({ ...row.definition, enabled: row.enabled }, this.catalog);
      if (checked.ok) valid.push({ ...checked.rule, source: 'ui' });
      else invalid.push({ id: row.id, definition: row.definition, errors: checked.errors });
    }
    this.uiRules = valid;
    this.invalidRules = invalid;
  }

  /**
   * The catalog's rule queries (queries/<store>/alerting/*.sql taking `at`) with their own
   * parameters typed for a form (number or text) and the file's opening comment.
   */
  ruleQueries() {
    const numeric = /^(int|bigint|float8|U?Int\d+|Float\d+|Decimal.*)$/;
    return this.catalog
      .all()
      .filter((q) => q.name.startsWith('alerting/') && q.params.some((p) => p.name === 'at'))
      .map((q) => ({
        store: q.store,
        query: q.name,
        description: fs
          .readFileSync(q.file, 'utf8')
          .split('\n')
          .filter((l) => l.startsWith('--') && !l.includes('@param'))
          .map((l) => l.replace(/^--\s?/, ''))
          .join(' ')
          .trim(),
        params: q.params.filter((p) => p.name !== 'at').map((p) => ({ name: p.name, type: numeric.test(p.type) ? ('number' as const) : ('text' as const) })),
      }))
      .sort((a, b) => a.query.localeCompare(b.query) || a.store.localeCompare(b.store));
  }

  /** UI rules stored in alert_rules that fail validation (the evaluator skips them). */
  rulesInError() {
    return this.invalidRules;
  }

  rules(): Rule[] {
    return [...this.config.rules, ...this.uiRules];
  }

  rule(id: string): Rule {
    const r = this.rules().find((x) => x.id === id) ?? (id === STORE_RULE.id ? STORE_RULE : undefined);
    if (!r) throw new NotFoundError(`No alert rule ${id}.`);
    return r;
  }

  /** Validates a rule body: zod, then the SQL catalog (422 naming the first field; every problem in details.fields). */
  validate(input: unknown): Rule {
    const checked = validateRule(input, this.catalog);
    if (!checked.ok) {
      const first = checked.errors[0]!;
      throw new UnprocessableError(`${first.field}: ${first.message}`, { field: first.field, fields: checked.errors });
    }
    return { ...checked.rule, source: 'ui' };
  }

  async saveRule(input: unknown, accountId: number, mode: 'create' | 'update', id?: string): Promise<Rule> {
    const rule = this.validate(id ? { ...(input as Json), id } : input);
    const existing = await this.stores.pg.one(pgFindRule, { id: rule.id });
    if (existing?.source === 'file') throw new ConflictError(`Rule ${rule.id} comes from alerts/*.yaml and is read-only here.`);
    if (mode === 'create' && existing) throw new ConflictError(`Rule ${rule.id} exists already.`);
    if (mode === 'update' && !existing) throw new NotFoundError(`No alert rule ${rule.id}.`);
    const { source: _s, ...definition } = rule;
    await this.stores.pg.one(pgUpsertRule, { id: rule.id, source: 'ui', definition, enabled: rule.enabled, created_by: accountId });
    await this.reloadUiRules();
    this.signals?.emit('rulesChanged');
    return rule;
  }

  async deleteRule(id: string): Promise<void> {
    const existing = await this.stores.pg.one(pgFindRule, { id });
    if (!existing) throw new NotFoundError(`No alert rule ${id}.`);
    if (existing.source === 'file') throw new ConflictError(`Rule ${id} comes from alerts/*.yaml and is read-only here.`);
    await this.stores.pg.exec(pgDeleteUiRule, { id });
    await this.reloadUiRules();
    this.signals?.emit('rulesChanged');
  }

  async listAlerts(includeNormal: boolean) {
    const [rows, silences] = await Promise.all([this.stores.pg.rows(pgListAlerts, { include_normal: includeNormal }), this.activeSilences(new Date())]);
    return rows.map((r) => this.shapeAlert(r, silences));
  }

  private async activeSilences(at: Date) {
    const all = await this.stores.pg.rows(pgListSilences, {});
    return all.filter((s) => new Date(s.startsAt) <= at && new Date(s.endsAt) > at);
  }

  private shapeAlert(r: AlertRow, silences: { id: string; matchers: Labels }[]) {
    const silencedBy = silences.filter((s) => labelMatches(r.labels, s.matchers)).map((s) => Number(s.id));
    return {
      id: Number(r.id),
      ruleId: r.ruleId,
      labels: r.labels,
      annotations: r.annotations,
      severity: r.severity,
      state: r.state,
      value: r.value,
      activeSince: iso(r.activeSince),
      firingSince: iso(r.firingSince),
      lastEvalAt: iso(r.lastEvalAt),
      acknowledgedAt: iso(r.acknowledgedAt),
      acknowledgedBy: r.acknowledgedBy === null ? null : Number(r.acknowledgedBy),
      acknowledgedByName: r.acknowledgedByName,
      silencedBy,
    };
  }

  async getAlert(id: number) {
    const row = await this.stores.pg.one(pgGetAlert, { id });
    if (!row) throw new NotFoundError(`No alert ${id}.`);
    const [history, notifications, silences] = await Promise.all([
      this.stores.pg.rows(pgAlertHistory, { instance_id: id }),
      this.listNotifications({ instanceId: id, limit: 200 }),
      this.activeSilences(new Date()),
    ]);
    const rule = this.rules().find((r) => r.id === row.ruleId) ?? (row.ruleId === STORE_RULE.id ? STORE_RULE : undefined);
    const ref = groupOf(this.engine.routingTree.route, row.labels);
    const group = await this.stores.pg.one(pgFindGroup, { group_key: ref.groupKey });
    const timings = await this.engine.muteTimings();
    const mutedBy = activeMuteTiming(ref.node.mute_time_intervals, timings, new Date()) ?? null;
    return {
      alert: this.shapeAlert(row, silences),
      group: {
        mutedBy,
        muteTimings: ref.node.mute_time_intervals,
        receiver: ref.receiver,
        labels: ref.groupLabels,
        dedupKey: group?.dedupKey ?? null,
        pagerduty: group?.pagerdutyStatus
          ? { status: group.pagerdutyStatus, by: group.pagerdutyActor, at: iso(group.pagerdutyAt), assignees: group.pagerdutyAssignees ?? [] }
          : null,
      },
      rule: rule
        ? {
            id: rule.id,
            title: rule.title,
            condition: rule.condition,
            interval: rule.interval,
            for: rule.for,
            keepFiringFor: rule.keep_firing_for,
            source: rule.source,
          }
        : null,
      history: history.map((h) => ({ id: Number(h.id), at: iso(h.at), fromState: h.fromState, toState: h.toState, value: h.value, detail: h.detail })),
      notifications: notifications.items,
    };
  }

  /** The value of one alert's series against its threshold over a window (the rule replayed). */
  async alertSeries(id: number, from: Date, to: Date) {
    const row = await this.stores.pg.one(pgGetAlert, { id });
    if (!row) throw new NotFoundError(`No alert ${id}.`);
    const rule = this.rules().find((r) => r.id === row.ruleId);
    if (!rule) return { threshold: null, points: [] };
    // A chart needs ~100 points, not one per evaluation: the value is replayed at a coarser step.
    const stepMs = Math.max(parseDuration(rule.interval), Math.ceil((to.getTime() - from.getTime()) / 100 / 60_000) * 60_000);
    const out = await this.backtest(rule, from, to, { fingerprint: row.fingerprint, stepMs });
    return { threshold: rule.condition.threshold, op: rule.condition.op, points: out.series[0]?.points ?? [] };
  }

  async acknowledge(id: number, accountId: number, at = new Date()) {
    const row = await this.stores.pg.one(pgAckAlert, { id, by: accountId, at });
    if (!row) {
      const exists = await this.stores.pg.one(pgGetAlert, { id });
      if (!exists) throw new NotFoundError(`No alert ${id}.`);
      throw new ConflictError(`Alert ${id} is normal: nothing to acknowledge.`);
    }
    await this.stores.pg.exec(pgInsertHistory, {
      instance_id: row.id,
      at,
      from_state: row.state,
      to_state: row.state,
      value: row.value,
      detail: { event: 'acknowledged', by: accountId },
    });
    const alert = (await this.stores.pg.one(pgGetAlert, { id }))!;
    const ref = groupOf(this.engine.routingTree.route, alert.labels);
    const group = await this.stores.pg.one(pgFindGroup, { group_key: ref.groupKey });
    let pagerduty = false;
    if (group?.firing && this.engine.routingTree.receivers.get(group.receiver)?.pagerduty?.routing_key) {
      const inst: AlertingInstance = { ...alert, state: alert.state as AlertingInstance['state'] };
      const only = this.engine.routingTree.receivers.get(group.receiver)!;
      await this.engine.enqueue('acknowledge', group.receiver, group.groupKey, group.dedupKey, ref.groupLabels, [inst], [], at);
      pagerduty = Boolean(only.pagerduty?.routing_key);
    }
    return { alert: this.shapeAlert(alert, []), pagerdutyAcknowledge: pagerduty };
  }

  /**
   * Applies one PagerDuty webhook event (its signature already checked) in one transaction:
   * recorded once by its id (a replay changes nothing), then acknowledged, unacknowledged,
   * resolved or reassigned on the group whose dedup_key is the incident's key; `audit` writes the
   * audit row in the same transaction. An event about an incident the console did not open is
   * recorded and answered, nothing else.
   */
  async pagerDutyEvent(body: PagerDutyWebhook, audit: (db: PgRunner, action: string, groupKey: string, after: Json) => Promise<void>) {
    const ev = body.event;
    const effect = INCIDENT_EVENTS[ev.event_type];
    const incidentKey = ev.data?.incident_key ?? null;
    const by = agentName(ev);
    const occurred = ev.occurred_at && !Number.isNaN(Date.parse(ev.occurred_at)) ? new Date(ev.occurred_at) : new Date();
    return this.stores.pg.tx(async (tx) => {
      const group = effect && incidentKey ? await tx.one(pgFindGroupByDedup, { dedup_key: incidentKey }) : undefined;
      const outcome = !effect ? 'ignored' : !group ? 'unknown_incident' : 'applied';
      const fresh = await tx.one(pgInsertPagerdutyEvent, {
        event_id: ev.id,
        event_type: ev.event_type,
        incident_key: incidentKey,
        group_key: group?.groupKey ?? null,
        agent: by,
        outcome,
      });
      if (!fresh) return { outcome: 'replayed' as const, eventId: ev.id };
      if (outcome === 'unknown_incident')
        this.engine.log.warn({ eventId: ev.id, type: ev.event_type, incidentKey }, 'PagerDuty webhook about an incident this console did not open');
      if (!group || !effect) return { outcome, eventId: ev.id };
      const route = this.engine.routingTree.route;
      const members = (await tx.rows(pgListAlerts, { include_normal: false })).filter((r) => groupOf(route, r.labels).groupKey === group.groupKey);
      const ids = members.map((m) => m.id);
      const assignees = ev.data?.assignees ? ev.data.assignees.map((a) => a.summary ?? a.id ?? '?') : null;
      if (effect === 'acknowledged' || effect === 'resolved') await tx.rows(pgAckInstancesExternal, { ids, by_name: by, at: occurred });
      if (effect === 'triggered') await tx.rows(pgUnackInstances, { ids });
      const event = effect === 'triggered' ? 'unacknowledged' : effect === 'resolved' ? 'resolved_in_pagerduty' : effect;
      for (const m of members) {
        await tx.exec(pgInsertHistory, {
          instance_id: m.id,
          at: occurred,
          from_state: m.state,
          to_state: m.state,
          value: m.value,
          detail: { event, source: 'pagerduty', by: null, byName: by, pagerdutyEvent: ev.id, ...(assignees ? { assignees } : {}) },
        });
      }
      await tx.exec(pgUpdateGroupPagerduty, { group_key: group.groupKey, status: effect === 'reassigned' ? null : effect, actor: by, at: occurred, assignees });
      await audit(tx, `pagerduty.${ev.event_type}`, group.groupKey, {
        eventId: ev.id,
        by,
        agent: ev.agent ?? null,
        incident: ev.data?.id ?? null,
        dedupKey: incidentKey,
        alerts: ids.map(Number),
        ...(assignees ? { assignees } : {}),
      });
      return { outcome, eventId: ev.id, alerts: ids.map(Number) };
    });
  }

  /** Mute timings of routing.yaml (read-only) and of the console, with the routes naming each and whether it is active now. */
  async listMuteTimings(now = new Date()) {
    const routesNaming = (name: string) => {
      const out: string[] = [];
      const walk = (n: RouteNode, path: string) => {
        if (n.mute_time_intervals.includes(name))
          out.push(
            `${path} (${n.receiver}${
              Object.keys(n.matchers).length
                ? `, ${Object.entries(n.matchers)
                    .map(([k, v]) => `${k}=${v}`)
                    .join(' ')}`
                : ''
            })`,
          );
        n.routes.forEach((c, i) => walk(c, `${path}.routes[${i}]`));
      };
      walk(this.engine.routingTree.route, 'route');
      return out;
    };
    const shape = (name: string, intervals: TimeInterval[], source: 'file' | 'ui', extra: Json = {}) => ({
      name,
      timeIntervals: intervals,
      source,
      routes: routesNaming(name),
      active: intervals.some((i) => intervalActive(i, now)),
      ...extra,
    });
    const fromFile = [...this.engine.routingTree.muteTimings].map(([name, intervals]) => shape(name, intervals, 'file'));
    const rows = await this.stores.pg.rows(pgListMuteTimings, {});
    const fromUi = rows
      .filter((r) => !this.engine.routingTree.muteTimings.has(r.name))
      .map((r) => shape(r.name, r.timeIntervals, 'ui', { createdBy: r.createdBy === null ? null : Number(r.createdBy), updatedAt: iso(r.updatedAt) }));
    return [...fromFile, ...fromUi];
  }

  async saveMuteTiming(input: unknown, accountId: number, mode: 'create' | 'update', name?: string) {
    const parsed = zMuteTiming.safeParse(name ? { ...(input as Json), name } : input);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(timing)', message: i.message }));
      throw new UnprocessableError(`${fields[0]!.field}: ${fields[0]!.message}`, { field: fields[0]!.field, fields });
    }
    const t = parsed.data;
    if (this.engine.routingTree.muteTimings.has(t.name)) throw new ConflictError(`Mute timing ${t.name} comes from alerts/routing.yaml and is read-only here.`);
    const exists = (await this.stores.pg.rows(pgListMuteTimings, {})).some((r) => r.name === t.name);
    if (mode === 'create' && exists) throw new ConflictError(`Mute timing ${t.name} exists already.`);
    if (mode === 'update' && !exists) throw new NotFoundError(`No mute timing ${t.name}.`);
    await this.stores.pg.one(pgUpsertMuteTiming, { name: t.name, time_intervals: t.time_intervals, created_by: accountId });
    return t;
  }

  async deleteMuteTiming(name: string) {
    if (this.engine.routingTree.muteTimings.has(name)) throw new ConflictError(`Mute timing ${name} comes from alerts/routing.yaml and is read-only here.`);
    const row = await this.stores.pg.one(pgDeleteMuteTiming, { name });
    if (!row) throw new NotFoundError(`No mute timing ${name}.`);
  }

  async listSilences(now = new Date()) {
    const rows = await this.stores.pg.rows(pgListSilences, {});
    return rows.map((s) => ({
      id: Number(s.id),
      matchers: s.matchers,
      startsAt: iso(s.startsAt),
      endsAt: iso(s.endsAt),
      comment: s.comment,
      createdAt: iso(s.createdAt),
      createdBy: s.createdBy,
      active: new Date(s.startsAt) <= now && new Date(s.endsAt) > now,
      expired: new Date(s.endsAt) <= now,
    }));
  }

  async createSilence(input: { matchers: Labels; startsAt?: string; endsAt: string; comment: string }, accountId: number) {
    const starts = input.startsAt ? new Date(input.startsAt) : new Date();
    const ends = new Date(input.endsAt);
    if (ends <= starts) throw new BadRequestError('endsAt must be after startsAt.', { field: 'endsAt' });
    const row = (await this.stores.pg.one(pgInsertSilence, {
      matchers: input.matchers,
      starts_at: starts,
      ends_at: ends,
      created_by: accountId,
      comment: input.comment,
    }))!;
    return { id: Number(row.id), matchers: row.matchers, startsAt: iso(row.startsAt), endsAt: iso(row.endsAt), comment: row.comment };
  }

  async expireSilence(id: number, now = new Date()) {
    const row = await this.stores.pg.one(pgExpireSilence, { id, now });
    if (!row) throw new NotFoundError(`No active silence ${id}.`);
  }

  async listNotifications(opts: { status?: string; instanceId?: number; before?: number; limit: number }) {
    const rows = await this.stores.pg.rows(pgListOutbox, {
      status: opts.status ?? null,
      instance_id: opts.instanceId ?? null,
      before_id: opts.before ?? null,
      max: opts.limit,
    });
    const items = rows.map((r) => ({
      id: Number(r.id),
      channel: r.channel,
      receiver: r.receiver,
      kind: r.payload.kind,
      subject:
        r.channel === 'email'
          ? r.payload.subject
          : r.channel === 'slack'
            ? (r.payload.body as Json | undefined)?.text
            : r.channel === 'webhook'
              ? `${(r.payload.body as Json | undefined)?.status ?? ''} ${(r.payload.body as Json | undefined)?.title ?? ''}`
              : ((r.payload.payload as Json | undefined)?.summary ?? r.payload.event_action),
      dedupKey: r.dedupKey,
      instanceIds: r.payload.instanceIds,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? iso(r.nextAttemptAt) : null,
      lastError: r.lastError,
      createdAt: iso(r.createdAt),
      deliveredAt: iso(r.deliveredAt),
      attemptLog: r.attempts_log,
    }));
    return { items, nextCursor: items.length === opts.limit ? items[items.length - 1]!.id : null };
  }

  async retryNotification(id: number, now = new Date()) {
    const row = await this.stores.pg.one(pgRetryOutbox, { id, now });
    if (!row) throw new NotFoundError(`No dead-lettered notification ${id}.`);
  }

  /**
   * Replays a rule over [from, to) at its interval through the same state machine and group
   * decisions as the evaluator, in memory; answers the transitions and the notifications it
   * would have sent (silences are not applied: they belong to their own time).
   */
  async backtest(rule: Rule, from: Date, to: Date, only?: { fingerprint: string; stepMs: number }) {
    const stepMs = only?.stepMs ?? parseDuration(rule.interval);
    const steps = Math.ceil((to.getTime() - from.getTime()) / stepMs);
    if (steps <= 0) throw new BadRequestError('to must be after from.', { field: 'to' });
    if (steps > MAX_BACKTEST_STEPS)
      throw new BadRequestError(`The window holds ${steps} evaluations at ${rule.interval}; at most ${MAX_BACKTEST_STEPS}.`, { field: 'to' });
    const stored = new Map<string, Stored>();
    const groups = new Map<string, GroupMemory>();
    const refs = new Map<string, GroupRef>();
    const transitions: { at: string; labels: Labels; from: string; to: string; value: number | null; reason: string }[] = [];
    const notifications: { at: string; action: string; receiver: string; channels: string[]; groupLabels: Labels; alerts: number; dedupKey: string }[] = [];
    const points = new Map<string, { labels: Labels; points: { at: string; value: number | null; state: string }[]; interesting: boolean }>();
    const receivers = this.engine.routingTree.receivers;
    for (let i = 0; i < steps; i++) {
      const at = new Date(from.getTime() + i * stepMs);
      const result = await this.engine.runQuery(rule, at);
      const applied = applyRule(rule, result, stored, at.getTime());
      for (const a of applied) {
        stored.set(a.fingerprint, { labels: a.labels, mem: a.mem });
        if (a.transition)
          transitions.push({
            at: at.toISOString(),
            labels: a.labels,
            from: a.transition.from,
            to: a.transition.to,
            value: a.transition.value,
            reason: a.transition.reason,
          });
        if (only && a.fingerprint !== only.fingerprint) continue;
        const p = points.get(a.fingerprint) ?? { labels: a.labels, points: [], interesting: false };
        p.points.push({ at: at.toISOString(), value: a.mem.value, state: a.mem.state });
        p.interesting ||= a.mem.state !== 'normal';
        points.set(a.fingerprint, p);
      }
      // Group decisions over the firing instances of this rule.
      const active = new Map<string, { ref: GroupRef; ids: string[] }>();
      for (const [fp, s] of stored) {
        if (!isFiring(s.mem.state)) continue;
        const ref = groupOf(this.engine.routingTree.route, s.labels);
        const g = active.get(ref.groupKey) ?? { ref, ids: [] };
        g.ids.push(fp);
        active.set(ref.groupKey, g);
      }
      for (const key of new Set([...active.keys(), ...groups.keys()])) {
        const mem = groups.get(key) ?? { pendingSince: null, firing: false, lastNotifiedAt: null, notifiedInstanceIds: [] };
        const g = active.get(key);
        const ref = g?.ref ?? refs.get(key)!;
        refs.set(key, ref);
        const d = decideGroup(mem, g?.ids ?? [], 0, false, ref.node, at.getTime());
        groups.set(key, d.next);
        if (d.action) {
          const rc = receivers.get(ref.receiver);
          const channels = [
            ...(rc?.pagerduty?.routing_key ? ['pagerduty'] : []),
            ...(rc?.email ? [rc.email.digest ? 'digest' : 'email'] : []),
            ...(rc?.webhook ? ['webhook'] : []),
            ...(rc?.slack ? ['slack'] : []),
          ];
          notifications.push({
            at: at.toISOString(),
            action: d.action,
            receiver: ref.receiver,
            channels,
            groupLabels: ref.groupLabels,
            alerts: g?.ids.length ?? 0,
            dedupKey: dedupKeyOf(key),
          });
        }
      }
    }
    const series = [...points.values()]
      .filter((p) => only || p.interesting)
      .slice(0, 20)
      .map((p) => ({ labels: p.labels, points: p.points }));
    return { evaluations: steps, transitions, notifications, series };
  }

  /** The daily digest of info alerts (README#alerting): one email per day, whichever console sends it. */
  async sendDigest(now: Date): Promise<number> {
    const day = now.toISOString().slice(0, 10);
    const digestReceivers = [...this.engine.routingTree.receivers.values()].filter((r) => r.email?.digest);
    if (digestReceivers.length === 0) return 0;
    const claimed = await this.stores.pg.one(pgClaimDigest, { day });
    if (!claimed) return 0;
    const from = new Date(now.getTime() - 86_400_000);
    const firings = await this.stores.pg.rows(pgDigestFirings, { from, to: now });
    const lines = firings.length
      ? firings.map((f) => `- ${new Date(f.at).toISOString()} ${f.annotations.summary ?? f.ruleId}`)
      : ['No info alerts fired in the last 24 hours.'];
    let n = 0;
    for (const r of digestReceivers) {
      const payload = {
        kind: 'digest',
        instanceIds: [...new Set(firings.map((f) => Number(f.id)))],
        to: r.email!.to,
        subject: `Pulse daily digest ${day}: ${firings.length} info alert(s)`,
        text: [`Info alerts that fired between ${from.toISOString()} and ${now.toISOString()}:`, '', ...lines].join('\n'),
      };
      await this.stores.pg.one(pgInsertOutbox, { channel: 'email', receiver: r.name, group_key: `digest|${day}`, dedup_key: null, payload });
      n++;
    }
    return n;
  }
}

function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}

export type { RuleInput };
