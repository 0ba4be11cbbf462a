// Alerting for the routes and the scheduler: the merged rule set (YAML + UI), alerts and their
// acknowledgement, the notification log and the daily digest. Silences and mute timings are the
// muting service's (muting.service.ts), the backtest is backtest.ts, PagerDuty's webhook events
// pagerduty-events.ts; this service hands them out.
import fs from 'node:fs';
import { pgQuery, type Stores } from '../../db/index.js';
import { ConflictError, NotFoundError, UnprocessableError } from '../../http/errors.js';
import type { QueryCatalog } from '../../db/catalog.js';
import { parseDuration, validateRule, type AlertConfig, type FieldProblem, type Rule, type RuleInput } from './rules.js';
import type { AlertEngine, AlertingInstance } from './engine.js';
import { STORE_RULE } from './series.js';
import { groupOf, labelMatches, type Labels } from './routing.js';
import type { AlertSignals } from './signals.js';
import type { PagerDutyWebhook } from './pagerduty-webhook.js';
import { applyPagerDutyEvent, type PagerDutyAudit } from './pagerduty-events.js';
import { backtest } from './backtest.js';
import { MutingService } from './muting.service.js';
import { NotificationLog } from './notification-log.js';
import { muteNamesOf, routeMutedBy } from './route-mutes.js';

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

export { MAX_BACKTEST_STEPS } from './backtest.js';

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
  ) {
    this.muting = new MutingService(stores, engine);
    this.notifications = new NotificationLog(stores, engine);
  }

  /** The notification log (the outbox), its retry, and the daily digest. */
  readonly notifications: NotificationLog;

  /** Silences, mute timings and their routes. */
  readonly muting: MutingService;

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
          .filter((l) => l.startsWith('--') && !/^--\s*@(param|fanout)\b/.test(l))
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
    const [rows, silences] = await Promise.all([this.stores.pg.rows(pgListAlerts, { include_normal: includeNormal }), this.muting.activeSilences(new Date())]);
    return rows.map((r) => this.shapeAlert(r, silences));
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
      this.notifications.list({ instanceId: id, limit: 200 }),
      this.muting.activeSilences(new Date()),
    ]);
    const rule = this.rules().find((r) => r.id === row.ruleId) ?? (row.ruleId === STORE_RULE.id ? STORE_RULE : undefined);
    const ref = groupOf(this.engine.routingTree.route, row.labels);
    const group = await this.stores.pg.one(pgFindGroup, { group_key: ref.groupKey });
    // The route's timings: routing.yaml's, then those attached in the console (route-mutes.ts).
    const mutes = await this.engine.muteState();
    return {
      alert: this.shapeAlert(row, silences),
      group: {
        mutedBy: routeMutedBy(ref.node, ref.path, mutes, new Date()) ?? null,
        muteTimings: muteNamesOf(ref.node, ref.path, mutes.attachments),
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
      await this.engine.router.enqueueNow(group.receiver, {
        action: 'acknowledge',
        groupKey: group.groupKey,
        dedupKey: group.dedupKey,
        groupLabels: ref.groupLabels,
        alerts: [inst],
        resolvedIds: [],
        resolvedAlerts: [],
        at,
      });
      pagerduty = true;
    }
    return { alert: this.shapeAlert(alert, []), pagerdutyAcknowledge: pagerduty };
  }

  /** Applies one PagerDuty webhook event, its signature checked (pagerduty-events.ts). */
  pagerDutyEvent(body: PagerDutyWebhook, audit: PagerDutyAudit) {
    return applyPagerDutyEvent(this.stores, this.engine, body, audit);
  }

  /** The backtest (backtest.ts): the rule replayed over [from, to) in memory. */
  backtest(rule: Rule, from: Date, to: Date, only?: { fingerprint: string; stepMs: number }) {
    return backtest(this.engine, rule, from, to, only);
  }

  /** The daily digest of info alerts (notification-log.ts). */
  sendDigest(now: Date): Promise<number> {
    return this.notifications.sendDigest(now);
  }
}

function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}

export type { RuleInput };
