// The rule form: a console rule is a reviewed query of the catalog with its parameters as typed
// fields, a condition, timing, no-data and error handling, labels, severity and a summary
// template. Errors from the server (422 details.fields) and from the form's own checks are shown
// beside their fields; a live preview of the current values runs as the draft changes.
import { useEffect, useMemo, useState } from 'react';
import { FormField } from '../../../components/FormField';
import { ScrollRegion } from '../../../components/ScrollRegion';
import type { ApiError } from '../../../lib/api';
import { type FieldProblem, OPS, type RuleDraft, type RuleQuery, SEVERITIES } from '../api/alertingApi';
import { usePreviewRule } from '../hooks/useAlerting';
import { formatValue } from './shared';

const INTERVALS = ['10s', '15s', '30s', '1m', '2m', '5m', '10m', '15m', '30m', '1h', '6h', '1d'];
const DURATION = /^\d+(ms|s|m|h|d)$/;

export const NEW_RULE: RuleDraft = {
  id: '',
  title: '',
  store: 'clickhouse',
  query: '',
  params: {},
  interval: '1m',
  condition: { op: '>', threshold: 0 },
  for: '0s',
  keep_firing_for: '0s',
  no_data: 'ok',
  on_error: 'error',
  labels: { severity: 'warning' },
  annotations: { summary: '{{value}}' },
  enabled: true,
};

/** Server problems (422 details.fields) by field name. */
export function problemsOf(error: ApiError | undefined): Record<string, string> {
  const fields = (error?.details as { fields?: FieldProblem[] } | undefined)?.fields;
  return Object.fromEntries((fields ?? []).map((f) => [f.field, f.message]));
}

/** The form's own checks, before anything is sent. */
export function checkDraft(d: RuleDraft, query: RuleQuery | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!/^[a-z0-9_]{1,80}$/.test(d.id)) out.id = 'Use 1-80 of a-z, 0-9 and _.';
  if (!d.title.trim()) out.title = 'Give the rule a title.';
  if (!query) out.query = 'Pick a query.';
  for (const p of query?.params ?? []) {
    const v = d.params[p.name];
    if (v === undefined || v === '' || (p.type === 'number' && !Number.isFinite(Number(v))))
      out[`params.${p.name}`] = p.type === 'number' ? 'A number.' : 'Required.';
  }
  if (!Number.isFinite(d.condition.threshold)) out['condition.threshold'] = 'A number.';
  for (const f of ['for', 'keep_firing_for'] as const) if (!DURATION.test(d[f])) out[f] = 'A duration like 0s, 5m, 1h.';
  if (!DURATION.test(d.interval)) out.interval = 'A duration like 30s, 1m, 5m.';
  if (!d.annotations.summary.trim()) out['annotations.summary'] = 'Write a summary template.';
  if (d.annotations.runbook_url && !/^https?:\/\//i.test(d.annotations.runbook_url)) out['annotations.runbook_url'] = 'An http(s) link.';
  return out;
}

function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .filter(([k]) => k !== 'severity')
    .map(([k, v]) => `${k}=${v}`)
    .join('\n');
}

function parseLabels(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^([a-zA-Z_][a-zA-Z0-9_]*)=(.*)$/.exec(line);
    if (!m) return undefined;
    out[m[1]!] = m[2]!;
  }
  return out;
}

interface RuleFormProps {
  draft: RuleDraft;
  onChange: (d: RuleDraft) => void;
  queries: RuleQuery[];
  readOnly: boolean;
  isNew: boolean;
  /** Problems to show beside fields (server answers, stored rule errors, the form's checks). */
  problems: Record<string, string>;
}

export function RuleForm({ draft, onChange, queries, readOnly, isNew, problems }: RuleFormProps) {
  const query = queries.find((q) => q.store === draft.store && q.query === draft.query);
  const [labels, setLabels] = useState(labelsText(draft.labels));
  const [labelsError, setLabelsError] = useState<string | undefined>(undefined);
  useEffect(() => setLabels(labelsText(draft.labels)), [draft.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const set = (patch: Partial<RuleDraft>) => onChange({ ...draft, ...patch });
  const err = (field: string) => problems[field];
  const text = (id: string, label: string, value: string, change: (v: string) => void, field: string, hint?: string, list?: string) => (
    <FormField id={`rule-${id}`} label={label} error={err(field)} hint={hint}>
      {(p) => <input {...p} className="input" value={value} list={list} readOnly={readOnly} onChange={(e) => change(e.target.value)} />}
    </FormField>
  );
  return (
    <div className="rule-form" data-testid="rule-form">
      <div className="rule-form__grid">
        {text('id', 'Rule id', draft.id, (v) => set({ id: v }), 'id', isNew ? 'a-z, 0-9 and _; it cannot change later' : undefined)}
        {text('title', 'Title', draft.title, (v) => set({ title: v }), 'title')}
      </div>
      <FormField id="rule-query" label="Query (from the catalog)" error={err('query')} hint={query?.description}>
        {(p) => (
          <select
            {...p}
            className="select"
            disabled={readOnly}
            value={query ? `${query.store}|${query.query}` : ''}
            onChange={(e) => {
              const [store, name] = e.target.value.split('|') as [RuleDraft['store'], string];
              const q = queries.find((x) => x.store === store && x.query === name);
              set({ store, query: name, params: Object.fromEntries((q?.params ?? []).map((pp) => [pp.name, pp.type === 'number' ? 0 : ''])) });
            }}
          >
            <option value="">Pick a query…</option>
            {queries.map((q) => (
              <option key={`${q.store}|${q.query}`} value={`${q.store}|${q.query}`}>
                {q.query.replace('alerting/', '')} ({q.store})
              </option>
            ))}
          </select>
        )}
      </FormField>
      {query && query.params.length > 0 && (
        <fieldset className="rule-form__params">
          <legend>Query parameters</legend>
          <div className="rule-form__grid">
            {query.params.map((qp) => (
              <FormField key={qp.name} id={`rule-param-${qp.name}`} label={qp.name} error={err(`params.${qp.name}`)}>
                {(p) => (
                  <input
                    {...p}
                    className="input"
                    type={qp.type === 'number' ? 'number' : 'text'}
                    readOnly={readOnly}
                    value={String(draft.params[qp.name] ?? '')}
                    onChange={(e) =>
                      set({
                        params: {
                          ...draft.params,
                          [qp.name]: qp.type === 'number' ? ((e.target.value === '' ? '' : Number(e.target.value)) as number) : e.target.value,
                        },
                      })
                    }
                  />
                )}
              </FormField>
            ))}
          </div>
        </fieldset>
      )}
      <div className="rule-form__grid rule-form__grid--3">
        <FormField id="rule-op" label="Condition: value is" error={err('condition.op')}>
          {(p) => (
            <select
              {...p}
              className="select"
              disabled={readOnly}
              value={draft.condition.op}
              onChange={(e) => set({ condition: { ...draft.condition, op: e.target.value } })}
            >
              {OPS.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="rule-threshold" label="Threshold" error={err('condition.threshold')}>
          {(p) => (
            <input
              {...p}
              className="input"
              type="number"
              step="any"
              readOnly={readOnly}
              value={Number.isFinite(draft.condition.threshold) ? draft.condition.threshold : ''}
              onChange={(e) => set({ condition: { ...draft.condition, threshold: e.target.value === '' ? Number.NaN : Number(e.target.value) } })}
            />
          )}
        </FormField>
        {text('interval', 'Evaluate every', draft.interval, (v) => set({ interval: v }), 'interval', 'divides a minute, an hour or a day', 'rule-intervals')}
        <datalist id="rule-intervals">
          {INTERVALS.map((i) => (
            <option key={i} value={i} />
          ))}
        </datalist>
        {text('for', 'Pending for', draft.for, (v) => set({ for: v }), 'for', 'condition must hold this long before firing')}
        {text(
          'keep-firing-for',
          'Keep firing for',
          draft.keep_firing_for,
          (v) => set({ keep_firing_for: v }),
          'keep_firing_for',
          'after the condition stops holding',
        )}
        <FormField id="rule-severity" label="Severity" error={err('labels.severity')}>
          {(p) => (
            <select
              {...p}
              className="select"
              disabled={readOnly}
              value={draft.labels.severity}
              onChange={(e) => set({ labels: { ...draft.labels, severity: e.target.value } })}
            >
              {SEVERITIES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="rule-no-data" label="When the query returns no rows" error={err('no_data')}>
          {(p) => (
            <select {...p} className="select" disabled={readOnly} value={draft.no_data} onChange={(e) => set({ no_data: e.target.value })}>
              <option value="ok">Treat as OK</option>
              <option value="no_data">Fire a no-data alert</option>
              <option value="keep_state">Keep the last state</option>
            </select>
          )}
        </FormField>
        <FormField id="rule-on-error" label="When the query fails" error={err('on_error')}>
          {(p) => (
            <select {...p} className="select" disabled={readOnly} value={draft.on_error} onChange={(e) => set({ on_error: e.target.value })}>
              <option value="error">Fire an error alert</option>
              <option value="keep_state">Keep the last state</option>
            </select>
          )}
        </FormField>
      </div>
      <FormField
        id="rule-labels"
        label="Labels (one name=value per line)"
        error={labelsError ?? Object.entries(problems).find(([k]) => k.startsWith('labels.') && k !== 'labels.severity')?.[1]}
        hint="they route the alert (team=platform)"
      >
        {(p) => (
          <textarea
            {...p}
            className="input mono"
            rows={2}
            readOnly={readOnly}
            value={labels}
            onChange={(e) => {
              setLabels(e.target.value);
              const parsed = parseLabels(e.target.value);
              setLabelsError(parsed ? undefined : 'Each line is name=value, the name [a-zA-Z_][a-zA-Z0-9_]*.');
              if (parsed) set({ labels: { ...parsed, severity: draft.labels.severity } });
            }}
          />
        )}
      </FormField>
      {text(
        'summary',
        'Summary template',
        draft.annotations.summary,
        (v) => set({ annotations: { ...draft.annotations, summary: v } }),
        'annotations.summary',
        "{{value}} and the query's columns, e.g. {{service}}",
      )}
      <div className="rule-form__grid">
        {text(
          'runbook',
          'Runbook link',
          draft.annotations.runbook_url ?? '',
          (v) => set({ annotations: { ...draft.annotations, runbook_url: v || undefined } }),
          'annotations.runbook_url',
        )}
        {text(
          'dashboard',
          'Dashboard (a console path)',
          draft.annotations.dashboard ?? '',
          (v) => set({ annotations: { ...draft.annotations, dashboard: v || undefined } }),
          'annotations.dashboard',
          '/latency',
        )}
      </div>
      <label className="checkbox">
        <input type="checkbox" disabled={readOnly} checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> Enabled
      </label>
    </div>
  );
}

/** The current values of the draft's query, each row against the condition; refreshed as the draft changes. */
export function LivePreview({ draft, ready }: { draft: RuleDraft; ready: boolean }) {
  const preview = usePreviewRule();
  const [data, setData] = useState<{ at: string; rows: Record<string, unknown>[]; total: number } | undefined>(undefined);
  const key = JSON.stringify({ s: draft.store, q: draft.query, p: draft.params });
  useEffect(() => {
    if (!ready) return undefined;
    const t = setTimeout(() => void preview.run({ ...draft, id: draft.id || 'preview' }).then((d) => d && setData(d)), 500);
    return () => clearTimeout(t);
  }, [key, ready]); // eslint-disable-line react-hooks/exhaustive-deps
  const holds = useMemo(
    () => (v: unknown) => {
      if (typeof v !== 'number') return false;
      const t = draft.condition.threshold;
      switch (draft.condition.op) {
        case '>':
          return v > t;
        case '>=':
          return v >= t;
        case '<':
          return v < t;
        case '<=':
          return v <= t;
        case '==':
          return v === t;
        default:
          return v !== t;
      }
    },
    [draft.condition],
  );
  if (!ready) return <p className="muted">Pick a query and fill its parameters to see its current values.</p>;
  if (preview.error) return <p className="form-error">{preview.error.message}</p>;
  if (!data) return <p className="muted">{preview.isPending ? 'Running the query…' : ''}</p>;
  const labelCols = [
    ...new Set(
      data.rows.flatMap((r) =>
        Object.entries(r)
          .filter(([, v]) => typeof v === 'string')
          .map(([k]) => k),
      ),
    ),
  ].slice(0, 3);
  const firing = data.rows.filter((r) => holds(r.value)).length;
  return (
    <div data-testid="rule-preview-result">
      <p>
        <strong data-testid="rule-preview-total">{data.total}</strong> row(s) now; <strong data-testid="rule-preview-firing">{firing}</strong> would meet the
        condition (value {draft.condition.op} {draft.condition.threshold}).
      </p>
      <ScrollRegion label="Current values of the query">
        <table className="table table--compact">
          <thead>
            <tr>
              {labelCols.map((c) => (
                <th key={c}>{c}</th>
              ))}
              <th>value</th>
              <th>condition</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.slice(0, 10).map((r, i) => (
              <tr key={i}>
                {labelCols.map((c) => (
                  <td key={c} className="mono">
                    {String(r[c] ?? '')}
                  </td>
                ))}
                <td className="mono">{formatValue(r.value as number)}</td>
                <td>{holds(r.value) ? 'holds' : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
