// Alert rules and the routing tree as data (README#alerting): zod schemas shared by the YAML files in
// alerts/, the rules edited in the UI and the backtest, and the loader that validates alerts/ at
// start-up (a bad file stops the console naming the file and the field).
//
// A rule's SQL is never inline: `query` names a file under queries/<store>/alerting/, which
// takes the evaluation time as `at` plus the rule's own `params` (thresholds of the query
// itself). So rule SQL obeys the same catalog rules as every other statement (typed named
// parameters, no splicing), and a UI rule is a new combination of a reviewed query, its
// parameters, condition, timing and labels.
import { ERROR_POLICIES, NO_DATA_POLICIES, OPS, RULE_STORES, SEVERITIES, type Op } from '../../../contract/alerting.js';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z, type ZodError } from 'zod';
import { classicMessages } from '../../../contract/issues.js';
import { ConfigError } from '../../env.js';
import type { QueryCatalog } from '../../db/catalog.js';
import { zMuteTiming, zMuteTimingName, type TimeInterval } from './mute-timings.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "90s", "5m", "4h", "0s" → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (!m) throw new Error(`not a duration: ${text}`);
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

export const zDuration = z.string().regex(/^\d+(ms|s|m|h|d)$/, 'must be a duration like 30s, 5m, 4h');

/** A cron expression firing at every multiple of the interval (seconds, minutes or hours that divide their unit). */
export function cronFor(interval: string): string {
  const ms = parseDuration(interval);
  if (ms < 60_000 && ms >= 1000 && 60_000 % ms === 0) return `*/${ms / 1000} * * * * *`;
  if (ms < 3_600_000 && ms % 60_000 === 0 && 60 % (ms / 60_000) === 0) return `0 */${ms / 60_000} * * * *`;
  if (ms < 86_400_000 && ms % 3_600_000 === 0 && 24 % (ms / 3_600_000) === 0) return `0 0 */${ms / 3_600_000} * * *`;
  if (ms === 86_400_000) return '0 0 0 * * *';
  throw new Error(`interval ${interval} does not divide a minute, an hour or a day`);
}

function schedulable(interval: string): boolean {
  try {
    cronFor(interval);
    return true;
  } catch {
    return false;
  }
}

/** A rule's interval: the scheduler ticks at its multiples, so it must divide a minute, an hour or a day. */
export const zInterval = zDuration.refine(schedulable, 'must divide a minute, an hour or a day (e.g. 10s, 1m, 5m, 1h, 1d)');

/** Links an on-call engineer clicks from a page or a message: http(s) only (no javascript:, data:, file:). */
export const zHttpUrl = z
  .string()
  .url()
  .max(2000)
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

export { OPS, SEVERITIES, type Op, type Severity } from '../../../contract/alerting.js';

const zLabelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a label name ([a-zA-Z_][a-zA-Z0-9_]*)');

export const zRule = z
  .object({
    id: z.string().regex(/^[a-z0-9_]{1,80}$/, 'must be 1-80 of a-z, 0-9, _'),
    title: z.string().min(1).max(200),
    store: z.enum(RULE_STORES),
    query: z.string().regex(/^alerting\/[a-z0-9_]+$/, 'must name a file under queries/<store>/alerting/, e.g. alerting/video_view_drop'),
    params: z.record(zLabelName, z.union([z.number(), z.string()])).default({}),
    interval: zInterval.default('1m'),
    condition: z.object({ op: z.enum(OPS), threshold: z.number() }).strict(),
    for: zDuration.default('0s'),
    keep_firing_for: zDuration.default('0s'),
    // ok: no rows means nothing is wrong; no_data: a no-data instance fires; keep_state: nothing changes.
    no_data: z.enum(NO_DATA_POLICIES).default('ok'),
    // error: an error instance fires; keep_state: instances keep their state while the query fails.
    on_error: z.enum(ERROR_POLICIES).default('error'),
    labels: z.record(zLabelName, z.string()).and(z.object({ severity: z.enum(SEVERITIES) })),
    annotations: z
      .object({
        summary: z.string().min(1).max(1000),
        runbook_url: zHttpUrl.optional(),
        dashboard: z.string().optional(),
      })
      .strict(),
    enabled: z.boolean().default(true),
  })
  .strict();

export type RuleInput = z.input<typeof zRule>;
export type Rule = z.infer<typeof zRule> & { source: 'file' | 'ui' | 'system' };

export const zRuleFile = z.object({ rules: z.array(zRule).min(1) }).strict();

const zMatchers = z.record(zLabelName, z.string()).default({});

const zReceiver = z
  .object({
    name: z.string().min(1),
    email: z
      .object({ to: z.array(z.string().email()).min(1), digest: z.boolean().default(false) })
      .strict()
      .optional(),
    // An empty routing key (PAGERDUTY_ROUTING_KEY unset) leaves the receiver's PagerDuty channel off.
    pagerduty: z
      .object({ routing_key: z.string().max(64) })
      .strict()
      .optional(),
    // A JSON POST of the group's state, signed with X-Pulse-Signature (HMAC-SHA256 under `secret`).
    webhook: z
      .object({ url: zHttpUrl, secret: z.string().min(16, 'must be at least 16 characters') })
      .strict()
      .optional(),
    // A Slack incoming webhook (its URL is the secret).
    slack: z.object({ url: zHttpUrl }).strict().optional(),
  })
  .strict()
  .refine((r) => r.email || r.pagerduty || r.webhook || r.slack, { message: 'a receiver needs email, pagerduty, webhook or slack' });

export interface RouteNode {
  receiver: string;
  matchers: Record<string, string>;
  group_by: string[];
  group_wait: string;
  group_interval: string;
  repeat_interval: string;
  send_resolved: boolean;
  /** Mute timings (by name) during which this route sends nothing; not inherited by children. */
  mute_time_intervals: string[];
  routes: RouteNode[];
}

type RouteInput = Partial<Omit<RouteNode, 'routes'>> & { routes?: RouteInput[] };
const zRouteNode: z.ZodType<RouteInput> = z.lazy(() =>
  z
    .object({
      receiver: z.string().min(1).optional(),
      matchers: zMatchers.optional(),
      group_by: z.array(zLabelName).optional(),
      group_wait: zDuration.optional(),
      group_interval: zDuration.optional(),
      repeat_interval: zDuration.optional(),
      send_resolved: z.boolean().optional(),
      mute_time_intervals: z.array(zMuteTimingName).optional(),
      routes: z.array(zRouteNode).optional(),
    })
    .strict(),
);

export const zRouting = z
  .object({
    receivers: z.array(zReceiver).min(1),
    // Named recurring windows (Alertmanager's time_intervals) that routes' mute_time_intervals name.
    time_intervals: z.array(zMuteTiming).default([]),
    route: zRouteNode,
  })
  .strict();

export type Receiver = z.infer<typeof zReceiver>;
export interface Routing {
  receivers: Map<string, Receiver>;
  route: RouteNode;
  /** The mute timings of routing.yaml (read-only); the console's own live in mute_timings. */
  muteTimings: Map<string, TimeInterval[]>;
}

const ROOT_DEFAULTS = {
  matchers: {},
  group_by: ['alertname'],
  group_wait: '30s',
  group_interval: '5m',
  repeat_interval: '4h',
  send_resolved: true,
  mute_time_intervals: [] as string[],
};

/** Children inherit every unset setting from their parent (as in Alertmanager). */
function resolveRoute(input: RouteInput, parent: Omit<RouteNode, 'routes'> | undefined, receivers: Map<string, Receiver>, where: string): RouteNode {
  const base = parent ?? { receiver: '', ...ROOT_DEFAULTS };
  const node: RouteNode = {
    receiver: input.receiver ?? base.receiver,
    matchers: input.matchers ?? {},
    group_by: input.group_by ?? base.group_by,
    group_wait: input.group_wait ?? base.group_wait,
    group_interval: input.group_interval ?? base.group_interval,
    repeat_interval: input.repeat_interval ?? base.repeat_interval,
    send_resolved: input.send_resolved ?? base.send_resolved,
    mute_time_intervals: input.mute_time_intervals ?? [],
    routes: [],
  };
  if (!node.receiver) throw new FieldError(`${where}.receiver`, 'the root route needs a receiver');
  if (!receivers.has(node.receiver)) throw new FieldError(`${where}.receiver`, `no receiver named ${node.receiver}`);
  node.routes = (input.routes ?? []).map((r, i) => resolveRoute(r, node, receivers, `${where}.routes[${i}]`));
  return node;
}

class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');
}

function zodField(err: ZodError): { field: string; message: string } {
  const issue = err.issues[0]!;
  return { field: pathText(issue.path) || '(file)', message: issue.message };
}

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Checks a rule definition (a UI rule's body, or one stored in alert_rules): the schema, then the
 * SQL catalog. Every problem is named by its field (`interval`, `condition.threshold`,
 * `params.min_requests`), so a form can show each beside its field.
 */
export function validateRule(input: unknown, catalog: QueryCatalog): { ok: true; rule: z.infer<typeof zRule> } | { ok: false; errors: FieldProblem[] } {
  const parsed = zRule.safeParse(input, { error: classicMessages });
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => ({ field: pathText(i.path) || '(rule)', message: i.message })) };
  const bad = checkRuleQuery(parsed.data, catalog);
  if (bad) return { ok: false, errors: [bad] };
  return { ok: true, rule: parsed.data };
}

/** ${VAR} in routing.yaml: only the settings meant for it, never arbitrary environment. */
export interface RoutingVars {
  PAGERDUTY_ROUTING_KEY?: string;
  ALERT_EMAIL_TO?: string;
  /** ALERT_SECRET_* settings: contact points' secrets (Slack URLs, webhook signing secrets). */
  secrets?: Record<string, string>;
}

const SECRET_REF = /^\$\{ALERT_SECRET_[A-Z0-9_]+\}$/;

/** Contact-point secrets must be ${ALERT_SECRET_…} references: a literal secret in the file is refused. */
function checkSecretRefs(text: string, file: string): void {
  let raw: unknown;
  try {
    raw = YAML.parse(text);
  } catch {
    return; // reported with the substituted text
  }
  const receivers = (raw as { receivers?: unknown })?.receivers;
  if (!Array.isArray(receivers)) return;
  receivers.forEach((r: { webhook?: { secret?: unknown }; slack?: { url?: unknown } } | null, i) => {
    const check = (v: unknown, field: string) => {
      if (v !== undefined && !(typeof v === 'string' && SECRET_REF.test(v))) {
        throw new ConfigError(file, `receivers[${i}].${field}: must be \${ALERT_SECRET_…} (a setting): secrets are never written in routing.yaml`);
      }
    };
    check(r?.webhook?.secret, 'webhook.secret');
    check(r?.slack?.url, 'slack.url');
  });
}

function substitute(text: string, vars: RoutingVars, file: string): string {
  return text.replace(/\$\{(\w+)\}/g, (_m, name: string) => {
    if (name.startsWith('ALERT_SECRET_')) {
      const secret = vars.secrets?.[name];
      if (secret === undefined) throw new ConfigError(file, `\${${name}} is used but the setting ${name} is not set`);
      return JSON.stringify(secret);
    }
    if (name !== 'PAGERDUTY_ROUTING_KEY' && name !== 'ALERT_EMAIL_TO')
      throw new ConfigError(file, `\${${name}} is not a setting routing.yaml may use (PAGERDUTY_ROUTING_KEY, ALERT_EMAIL_TO, ALERT_SECRET_*)`);
    const v = vars[name];
    if (v === undefined) return '""';
    // ALERT_EMAIL_TO is a comma-separated list; in YAML it lands inside a flow sequence.
    return name === 'ALERT_EMAIL_TO'
      ? v
          .split(',')
          .map((s) => JSON.stringify(s.trim()))
          .join(', ')
      : JSON.stringify(v);
  });
}

export function parseRouting(text: string, file: string, vars: RoutingVars): Routing {
  checkSecretRefs(text, file);
  let doc: unknown;
  try {
    doc = YAML.parse(substitute(text, vars, file));
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(file, `not valid YAML (${(err as Error).message.split('\n')[0]})`);
  }
  const parsed = zRouting.safeParse(doc, { error: classicMessages });
  if (!parsed.success) {
    const { field, message } = zodField(parsed.error);
    throw new ConfigError(file, `${field}: ${message}`);
  }
  const receivers = new Map(parsed.data.receivers.map((r) => [r.name, r]));
  const muteTimings = new Map<string, TimeInterval[]>();
  for (const [i, t] of parsed.data.time_intervals.entries()) {
    if (muteTimings.has(t.name)) throw new ConfigError(file, `time_intervals[${i}].name: ${t.name} is defined twice`);
    muteTimings.set(t.name, t.time_intervals);
  }
  try {
    return { receivers, muteTimings, route: resolveRoute(parsed.data.route, undefined, receivers, 'route') };
  } catch (err) {
    if (err instanceof FieldError) throw new ConfigError(file, `${err.field}: ${err.message}`);
    throw err;
  }
}

/** Checks a rule against the SQL catalog: the file exists and takes `at` plus exactly the rule's params. */
export function checkRuleQuery(rule: z.infer<typeof zRule>, catalog: QueryCatalog): { field: string; message: string } | undefined {
  if (!catalog.has(rule.store, rule.query)) return { field: 'query', message: `queries/${rule.store}/${rule.query}.sql does not exist` };
  const declared = catalog.get(rule.store, rule.query).params.map((p) => p.name);
  if (!declared.includes('at')) return { field: 'query', message: `queries/${rule.store}/${rule.query}.sql does not take the evaluation time as parameter at` };
  for (const name of declared) if (name !== 'at' && !(name in rule.params)) return { field: `params.${name}`, message: `the query needs parameter ${name}` };
  for (const name of Object.keys(rule.params))
    if (!declared.includes(name)) return { field: `params.${name}`, message: `the query takes no parameter ${name}` };
  return undefined;
}

export interface AlertConfig {
  rules: Rule[];
  routing: Routing;
}

/** Reads ALERTS_DIR: every *.yaml but routing.yaml holds `rules:`; routing.yaml the tree. */
export function loadAlertConfig(dir: string, catalog: QueryCatalog, vars: RoutingVars): AlertConfig {
  const shown = (f: string) => path.join(path.basename(dir), f);
  if (!fs.existsSync(dir)) throw new ConfigError('ALERTS_DIR', `${dir} does not exist`);
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const routingFile = files.find((f) => /^routing\.ya?ml$/.test(f));
  if (!routingFile) throw new ConfigError('ALERTS_DIR', `${dir} has no routing.yaml`);
  const routing = parseRouting(fs.readFileSync(path.join(dir, routingFile), 'utf8'), shown(routingFile), vars);
  const rules: Rule[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    if (f === routingFile) continue;
    let doc: unknown;
    try {
      doc = YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    } catch (err) {
      throw new ConfigError(shown(f), `not valid YAML (${(err as Error).message.split('\n')[0]})`);
    }
    const parsed = zRuleFile.safeParse(doc, { error: classicMessages });
    if (!parsed.success) {
      const { field, message } = zodField(parsed.error);
      throw new ConfigError(shown(f), `${field}: ${message}`);
    }
    parsed.data.rules.forEach((rule, i) => {
      const bad = checkRuleQuery(rule, catalog);
      if (bad) throw new ConfigError(shown(f), `rules[${i}].${bad.field}: ${bad.message}`);
      if (seen.has(rule.id)) throw new ConfigError(shown(f), `rules[${i}].id: ${rule.id} is already defined in ${seen.get(rule.id)}`);
      seen.set(rule.id, shown(f));
      rules.push({ ...rule, source: 'file' });
    });
  }
  return { rules, routing };
}

export function conditionHolds(value: number | null, condition: { op: Op; threshold: number }): boolean {
  if (value === null || !Number.isFinite(value)) return false;
  const t = condition.threshold;
  switch (condition.op) {
    case '>':
      return value > t;
    case '>=':
      return value >= t;
    case '<':
      return value < t;
    case '<=':
      return value <= t;
    case '==':
      return value === t;
    case '!=':
      return value !== t;
  }
}
