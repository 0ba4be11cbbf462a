// From a rule's query result to its instances (README#alerting), without I/O: the rows become series
// (labels, value, observation), each series is stepped through the state machine against its
// stored memory, and annotations are rendered. The evaluator (engine.ts) and the backtest share it.
import { conditionHolds, parseDuration, type Rule } from './rules.js';
import { step, type InstanceMemory, type Observation, type Transition } from './state-machine.js';
import { fingerprint, renderTemplate, type Labels } from './routing.js';

type Json = Record<string, unknown>;

export type QueryResult = { ok: true; rows: Json[] } | { ok: false; error: string };

export interface Series {
  fingerprint: string;
  labels: Labels;
  obs: Observation;
  values: Record<string, number | null>;
  /** A no-data or error instance of the rule (resolved as soon as the query answers again). */
  synthetic: boolean;
}

/** Labels of a rule's instance: alertname, the rule's labels, then the row's string columns. */
function seriesLabels(rule: Rule, row: Json): Labels {
  const labels: Labels = {};
  for (const [k, v] of Object.entries(row)) if (typeof v === 'string') labels[k] = v;
  return { ...labels, ...rule.labels, alertname: rule.id };
}

function numeric(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return null;
}

/**
 * Turns one query result into observations. `keep` means the rule's instances keep their
 * state this time (keep_state on no data or on error; and on error the other series are not
 * counted as missing).
 */
export function seriesOf(rule: Rule, result: QueryResult): { series: Series[]; keepOthers: boolean } {
  const special = (state: 'no_data' | 'error', detail: string): Series => {
    const labels = { ...rule.labels, alertname: rule.id, alertstate: state };
    return {
      fingerprint: fingerprint(labels),
      labels,
      obs: { kind: 'row', active: true, value: null },
      values: { value: null },
      synthetic: true,
      ...(detail ? { error: detail } : {}),
    };
  };
  if (!result.ok) {
    if (rule.on_error === 'keep_state') return { series: [], keepOthers: true };
    return { series: [special('error', result.error)], keepOthers: true };
  }
  if (result.rows.length === 0) {
    if (rule.no_data === 'keep_state') return { series: [], keepOthers: true };
    if (rule.no_data === 'no_data') return { series: [special('no_data', '')], keepOthers: false };
    return { series: [], keepOthers: false };
  }
  const series = result.rows.map((row): Series => {
    const labels = seriesLabels(rule, row);
    const value = numeric(row.value);
    const values: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(row)) if (typeof v === 'number' || v === null) values[k] = numeric(v);
    values.value = value;
    return { fingerprint: fingerprint(labels), labels, obs: { kind: 'row', active: conditionHolds(value, rule.condition), value }, values, synthetic: false };
  });
  return { series, keepOthers: false };
}

export interface Stored {
  id?: string;
  labels: Labels;
  mem: InstanceMemory;
}

export interface Applied {
  fingerprint: string;
  id?: string;
  labels: Labels;
  mem: InstanceMemory;
  transition?: Transition;
  values: Record<string, number | null>;
  /** Whether anything changed that must be written (a state change or a non-normal instance). */
  write: boolean;
}

/** Advances every instance of a rule one evaluation (pure, shared with the backtest). */
export function applyRule(rule: Rule, result: QueryResult, stored: Map<string, Stored>, at: number): Applied[] {
  const timing = { forMs: parseDuration(rule.for), keepFiringForMs: parseDuration(rule.keep_firing_for) };
  const { series, keepOthers } = seriesOf(rule, result);
  const out: Applied[] = [];
  const seen = new Set<string>();
  for (const s of series) {
    seen.add(s.fingerprint);
    const prev = stored.get(s.fingerprint);
    const r = step(prev?.mem, s.obs, timing, at);
    out.push({
      fingerprint: s.fingerprint,
      id: prev?.id,
      labels: s.labels,
      mem: r.next,
      transition: r.transition,
      values: s.values,
      write: prev !== undefined || r.next.state !== 'normal',
    });
  }
  if (keepOthers && !result.ok) return out;
  for (const [fp, prev] of stored) {
    if (seen.has(fp)) continue;
    if (keepOthers) continue;
    // A no-data/error instance clears as soon as the query answers with something else.
    const synthetic = prev.labels.alertstate === 'no_data' || prev.labels.alertstate === 'error';
    const obs: Observation = synthetic ? { kind: 'row', active: false, value: null } : { kind: 'missing' };
    const r = step(prev.mem, obs, timing, at);
    if (prev.mem.state === 'normal' && !r.transition && !synthetic) continue;
    out.push({ fingerprint: fp, id: prev.id, labels: prev.labels, mem: r.next, transition: r.transition, values: { value: r.next.value }, write: true });
  }
  return out;
}

export function annotationsOf(rule: Rule, labels: Labels, values: Record<string, number | null>): Record<string, string> {
  const out: Record<string, string> = { title: rule.title, summary: renderTemplate(rule.annotations.summary, labels, values) };
  if (labels.alertstate === 'no_data') out.summary = `${rule.title}: the query returned no rows`;
  if (labels.alertstate === 'error') out.summary = `${rule.title}: the query failed`;
  if (rule.annotations.runbook_url) out.runbook_url = rule.annotations.runbook_url;
  if (rule.annotations.dashboard) out.dashboard = rule.annotations.dashboard;
  return out;
}

/** The one alert raised when a store does not answer, instead of one error per rule (README#alerting). */
export const STORE_RULE: Rule = {
  id: 'store_unreachable',
  title: 'Store unreachable',
  store: 'clickhouse',
  query: 'alerting/store_ping',
  params: {},
  interval: '1m',
  condition: { op: '==', threshold: 0 },
  for: '0s',
  keep_firing_for: '0s',
  no_data: 'ok',
  on_error: 'error',
  labels: { severity: 'critical', team: 'platform' },
  annotations: { summary: 'ClickHouse ({{store}}) does not answer; its rules are not evaluated until it does' },
  enabled: true,
  source: 'system',
};
