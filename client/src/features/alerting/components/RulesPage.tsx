import { ScrollRegion } from '../../../components/ScrollRegion';
import { useMemo, useState } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from '../../../components/Card';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDateTimeInZone } from '../../../lib/format';
import { useAccount } from '../../auth/hooks/useAuth';
import type { BacktestResult, Rule, RuleDraft } from '../api/alertingApi';
import { useBacktest, useDeleteRule, useRuleQueries, useRules, useSaveRule } from '../hooks/useAlerting';
import { checkDraft, LivePreview, NEW_RULE, problemsOf, RuleForm } from './RuleForm';
import { formatValue, LabelList, SeverityBadge, StateBadge } from './shared';

const COLORS = ['#2563eb', '#16a34a', '#9333ea', '#ea580c', '#0891b2'];

function draftOf(rule: Rule): RuleDraft {
  const { source: _s, ...rest } = rule as Rule & Record<string, unknown>;
  const { keepFiringFor: _k, noData: _n, onError: _o, ...draft } = rest as Record<string, unknown>;
  return draft as unknown as RuleDraft;
}

function BacktestTimeline({ result, threshold, timezone }: { result: BacktestResult; threshold: number; timezone: string }) {
  const { data, keys } = useMemo(() => {
    const keys = result.series.slice(0, 5).map(
      (s) =>
        Object.entries(s.labels)
          .filter(([k]) => !['alertname', 'severity', 'team'].includes(k))
          .map(([k, v]) => `${k}=${v}`)
          .join(' ') || 'value',
    );
    const byTime = new Map<number, Record<string, number | null>>();
    result.series.slice(0, 5).forEach((s, i) =>
      s.points.forEach((p) => {
        const t = Date.parse(p.at);
        const row = byTime.get(t) ?? { t };
        row[keys[i]!] = p.value;
        byTime.set(t, row);
      }),
    );
    return { data: [...byTime.values()].sort((a, b) => a.t! - b.t!), keys };
  }, [result]);
  const fmt = (t: number) => new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit' }).format(t);
  return (
    <div data-testid="backtest-result">
      <p>
        <strong>{result.evaluations}</strong> evaluations, <strong>{result.transitions.length}</strong> state changes, would have sent{' '}
        <strong data-testid="backtest-notification-count">{result.notifications.length}</strong> notification(s).
      </p>
      {data.length > 0 && (
        <div style={{ width: '100%', height: 240 }}>
          <ResponsiveContainer>
            <LineChart data={data} margin={{ top: 10, right: 20, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
              <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={fmt} fontSize={12} />
              <YAxis fontSize={12} />
              <Tooltip labelFormatter={(t) => formatDateTimeInZone(new Date(Number(t)).toISOString(), timezone)} formatter={(v) => formatValue(v as number)} />
              <Legend />
              <ReferenceLine y={threshold} stroke="#dc2626" strokeDasharray="6 3" />
              {keys.map((k, i) => (
                <Line key={k} dataKey={k} stroke={COLORS[i % COLORS.length]} dot={false} isAnimationActive={false} />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
      <ScrollRegion label="Backtest: state changes and notifications">
        <table className="table">
          <thead>
            <tr>
              <th>When</th>
              <th>What</th>
            </tr>
          </thead>
          <tbody>
            {[
              ...result.transitions.map((t) => ({
                at: t.at,
                el: (
                  <>
                    <StateBadge state={t.from} /> → <StateBadge state={t.to} /> <LabelList labels={t.labels} hide={['severity', 'alertname', 'team']} />{' '}
                    <span className="mono">{formatValue(t.value)}</span>
                  </>
                ),
              })),
              ...result.notifications.map((n) => ({
                at: n.at,
                el: (
                  <>
                    <StatusBadge tone="info">{n.action.toUpperCase()}</StatusBadge> → {n.receiver} ({n.channels.join(', ') || 'no channel'})
                  </>
                ),
              })),
            ]
              .sort((a, b) => a.at.localeCompare(b.at))
              .slice(0, 200)
              .map((row, i) => (
                <tr key={i}>
                  <td className="nowrap">{formatDateTimeInZone(row.at, timezone)}</td>
                  <td>{row.el}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}

export function RulesPage() {
  const account = useAccount();
  const rules = useRules();
  const queries = useRuleQueries();
  const save = useSaveRule();
  const remove = useDeleteRule();
  const backtest = useBacktest();
  const [selected, setSelected] = useState<{ rule: RuleDraft; source: string; isNew: boolean; stored?: Record<string, string> } | undefined>(undefined);
  const [hours, setHours] = useState(6);
  const [checked, setChecked] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const [backtestData, setBacktestData] = useState<BacktestResult | undefined>(undefined);

  const open = (rule: RuleDraft, source: string, isNew: boolean, stored?: Record<string, string>) => {
    setSelected({ rule, source, isNew, stored });
    setChecked({});
    setSaved(undefined);
    save.reset();
    backtest.reset();
    setBacktestData(undefined);
  };
  const readOnly = selected?.source === 'file' || selected?.source === 'system';
  const catalog = queries.data ?? [];
  const query = selected ? catalog.find((q) => q.store === selected.rule.store && q.query === selected.rule.query) : undefined;
  const local = selected ? checkDraft(selected.rule, query) : {};
  // Beside each field: the form's own check once Save was tried, else what the server said.
  const problems = { ...(selected?.stored ?? {}), ...problemsOf(save.error), ...problemsOf(backtest.error), ...checked };
  const previewReady = Boolean(selected && query && !Object.keys(local).some((k) => k === 'query' || k.startsWith('params.')));
  const edit = (rule: RuleDraft) => {
    if (!selected) return;
    setSelected({ ...selected, rule });
    if (Object.keys(checked).length)
      setChecked(
        checkDraft(
          rule,
          catalog.find((q) => q.store === rule.store && q.query === rule.query),
        ),
      );
  };

  return (
    <div className="page" data-testid="rules-page">
      <PageHeader
        title="Alert rules"
        description="Rules from alerts/*.yaml are read-only here (copy one to start a console rule); rules made in the console are stored in PostgreSQL. Preview the current values and backtest a rule over past data before saving it."
        actions={
          <button type="button" className="button button--primary" onClick={() => open(NEW_RULE, 'ui', true)} data-testid="rule-new">
            New rule
          </button>
        }
      />
      <div className="rules-layout">
        <Card title="Rules" flush>
          {rules.data === undefined ? (
            rules.error ? (
              <div className="card__body">
                <ErrorState compact title="Could not load rules" error={rules.error} onRetry={rules.refetch} />
              </div>
            ) : (
              <LoadingRegion label="Loading rules">
                <div className="card__body">
                  <SkeletonLines lines={6} />
                </div>
              </LoadingRegion>
            )
          ) : rules.data.rules.length === 0 ? (
            <EmptyState>No rules.</EmptyState>
          ) : (
            <ScrollRegion label="Alert rules">
              <table className="table" data-testid="rules-table">
                <thead>
                  <tr>
                    <th>Rule</th>
                    <th>Severity</th>
                    <th>Every</th>
                    <th>Source</th>
                  </tr>
                </thead>
                <tbody>
                  {rules.data.invalid.map((r) => (
                    <tr key={r.id} data-testid={`rule-invalid-${r.id}`}>
                      <td>
                        <button
                          type="button"
                          className="button button--ghost button--small"
                          onClick={() =>
                            open(
                              { ...NEW_RULE, ...(r.definition as Partial<RuleDraft>), id: r.id },
                              'ui',
                              false,
                              Object.fromEntries(r.errors.map((e) => [e.field, e.message])),
                            )
                          }
                        >
                          {String(r.definition.title ?? r.id)}
                        </button>
                        <div className="table__sub form-error">Not evaluated: {r.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}</div>
                      </td>
                      <td>—</td>
                      <td className="mono">{String(r.definition.interval ?? '')}</td>
                      <td>
                        <StatusBadge tone="critical">ERROR</StatusBadge>
                      </td>
                    </tr>
                  ))}
                  {rules.data.rules.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <button
                          type="button"
                          className="button button--ghost button--small"
                          onClick={() => open(draftOf(r), r.source, false)}
                          data-testid={`rule-open-${r.id}`}
                        >
                          {r.title}
                        </button>
                        <div className="table__sub mono">
                          {r.id} · {r.store}:{r.query} {r.condition.op} {r.condition.threshold}
                        </div>
                      </td>
                      <td>
                        <SeverityBadge severity={r.labels.severity} />
                      </td>
                      <td className="mono">{r.interval}</td>
                      <td>
                        {r.source === 'ui' ? (
                          <StatusBadge tone="info">UI</StatusBadge>
                        ) : (
                          <StatusBadge tone="neutral">{r.source === 'file' ? 'YAML' : 'SYSTEM'}</StatusBadge>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </Card>
        <Card title={selected ? `${selected.isNew ? 'New rule' : selected.rule.title}${readOnly ? ' (read-only)' : ''}` : 'Rule'}>
          {!selected ? (
            <EmptyState>Open a rule to see it, preview its current values and backtest it, or make a new one.</EmptyState>
          ) : (
            <div className="form">
              {readOnly && (
                <p className="muted">
                  This rule comes from {selected.source === 'file' ? 'alerts/*.yaml' : 'the console itself'}; change it there, or{' '}
                  <button
                    type="button"
                    className="button button--small"
                    data-testid="rule-copy"
                    onClick={() => open({ ...selected.rule, id: `${selected.rule.id}_copy`.slice(0, 80), title: `${selected.rule.title} (copy)` }, 'ui', true)}
                  >
                    copy to a console rule
                  </button>
                </p>
              )}
              <RuleForm draft={selected.rule} onChange={edit} queries={catalog} readOnly={readOnly} isNew={selected.isNew} problems={problems} />
              <h3 className="section-title">Current values</h3>
              <LivePreview draft={selected.rule} ready={previewReady} />
              <div className="filters__buttons">
                <select className="select select--compact" value={hours} onChange={(e) => setHours(Number(e.target.value))} aria-label="Backtest window">
                  {[1, 6, 24].map((h) => (
                    <option key={h} value={h}>
                      last {h} h
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="button"
                  disabled={backtest.isPending || !previewReady}
                  data-testid="rule-backtest"
                  onClick={() => {
                    const to = new Date();
                    void backtest
                      .run({
                        rule: { ...selected.rule, id: selected.rule.id || 'draft' },
                        from: new Date(to.getTime() - hours * 3_600_000).toISOString(),
                        to: to.toISOString(),
                      })
                      .then(setBacktestData);
                  }}
                >
                  {backtest.isPending ? 'Replaying…' : 'Backtest'}
                </button>
                {!readOnly && (
                  <button
                    type="button"
                    className="button button--primary"
                    disabled={save.isPending}
                    data-testid="rule-save"
                    onClick={async () => {
                      const problemsNow = checkDraft(selected.rule, query);
                      setChecked(problemsNow);
                      if (Object.keys(problemsNow).length > 0) return;
                      if (await save.run({ rule: selected.rule, isNew: selected.isNew })) {
                        setSaved('Saved.');
                        setSelected({ ...selected, isNew: false, stored: undefined });
                      }
                    }}
                  >
                    Save
                  </button>
                )}
                {!readOnly && !selected.isNew && (
                  <button
                    type="button"
                    className="button button--danger-outline"
                    disabled={remove.isPending}
                    onClick={async () => {
                      if (await remove.run(selected.rule.id)) {
                        setSelected(undefined);
                      }
                    }}
                  >
                    Delete
                  </button>
                )}
              </div>
              {saved && (
                <p className="form-success" data-testid="rule-saved">
                  {saved}
                </p>
              )}
              {save.error && (
                <p className="form-error" data-testid="rule-save-error">
                  {save.error.message}
                </p>
              )}
              {backtest.error && <p className="form-error">{backtest.error.message}</p>}
              {backtestData && <BacktestTimeline result={backtestData} threshold={selected.rule.condition.threshold} timezone={account.timezone} />}
            </div>
          )}
        </Card>
      </div>
    </div>
  );
}
