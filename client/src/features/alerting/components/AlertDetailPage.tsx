import { ScrollRegion } from '../../../components/ScrollRegion';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card } from '../../../components/Card';
import { Dialog } from '../../../components/Dialog';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { FormField } from '../../../components/FormField';
import { PageHeader } from '../../../components/PageHeader';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDateTimeInZone } from '../../../lib/format';
import { useAccount } from '../../auth/hooks/useAuth';
import type { AlertDetail } from '../api/alertingApi';
import { useAcknowledgeAlert, useAlert, useAlertSeries, useCreateSilence } from '../hooks/useAlerting';
import { NotificationTable } from './NotificationTable';
import { formatValue, LabelList, SeverityBadge, StateBadge } from './shared';

const DURATIONS = [
  { label: '1 hour', ms: 3_600_000 },
  { label: '4 hours', ms: 4 * 3_600_000 },
  { label: '24 hours', ms: 86_400_000 },
];

function ValueChart({ id, timezone }: { id: number; timezone: string }) {
  const series = useAlertSeries(id);
  if (series.data === undefined) {
    return series.error ? (
      <ErrorState compact title="Could not replay the rule" error={series.error} onRetry={series.refetch} />
    ) : (
      <LoadingRegion label="Replaying the rule">
        <SkeletonLines lines={4} />
      </LoadingRegion>
    );
  }
  if (series.data.points.length === 0) return <EmptyState>No values in the last 6 hours.</EmptyState>;
  const data = series.data.points.map((p) => ({ t: Date.parse(p.at), value: p.value, state: p.state }));
  const fmt = (t: number) => new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit' }).format(t);
  return (
    <div style={{ width: '100%', height: 260 }} data-testid="alert-value-chart">
      <ResponsiveContainer>
        <LineChart data={data} margin={{ top: 10, right: 20, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={fmt} fontSize={12} />
          <YAxis fontSize={12} />
          <Tooltip labelFormatter={(t) => formatDateTimeInZone(new Date(Number(t)).toISOString(), timezone)} formatter={(v) => formatValue(v as number)} />
          {series.data.threshold !== null && (
            <ReferenceLine
              y={series.data.threshold}
              stroke="#dc2626"
              strokeDasharray="6 3"
              label={{ value: `threshold ${series.data.op ?? ''} ${series.data.threshold}`, position: 'insideTopRight', fontSize: 12, fill: '#dc2626' }}
            />
          )}
          <Line dataKey="value" stroke="#2563eb" dot={false} isAnimationActive={false} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

function SilenceDialog({ detail, onClose, onDone }: { detail: AlertDetail; onClose: () => void; onDone: () => void }) {
  const create = useCreateSilence();
  const [duration, setDuration] = useState(DURATIONS[0]!.ms);
  const [comment, setComment] = useState('');
  const matchers = Object.fromEntries(Object.entries(detail.alert.labels).filter(([k]) => k !== 'severity' && k !== 'team'));
  const submit = async () => {
    const ok = await create.run({ matchers, endsAt: new Date(Date.now() + duration).toISOString(), comment: comment.trim() || 'Silenced from the alert page' });
    if (ok) onDone();
  };
  return (
    <Dialog
      open
      title="Silence this alert"
      onClose={onClose}
      data-testid="silence-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button--primary" onClick={submit} disabled={create.isPending} data-testid="silence-submit">
            {create.isPending ? 'Working…' : 'Silence'}
          </button>
        </>
      }
    >
      <p className="muted">Notifications for alerts matching these labels stop; evaluation goes on.</p>
      <p>
        <LabelList labels={matchers} hide={[]} />
      </p>
      <FormField id="silence-duration" label="For">
        {(props) => (
          <select className="select" {...props} value={duration} onChange={(e) => setDuration(Number(e.target.value))}>
            {DURATIONS.map((d) => (
              <option key={d.ms} value={d.ms}>
                {d.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="silence-comment" label="Comment">
        {(props) => <input className="input" {...props} value={comment} onChange={(e) => setComment(e.target.value)} placeholder="Why" />}
      </FormField>
      {create.error && <p className="form-error">{create.error.message}</p>}
    </Dialog>
  );
}

export function AlertDetailPage() {
  const id = Number(useParams().id);
  const account = useAccount();
  const detail = useAlert(id);
  const ack = useAcknowledgeAlert();
  const [silencing, setSilencing] = useState(false);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const canAct = account.role === 'admin' || account.role === 'oncall';

  if (detail.data === undefined) {
    return (
      <div className="page">
        <PageHeader title="Alert" />
        {detail.error ? (
          <ErrorState title="Could not load the alert" error={detail.error} onRetry={detail.refetch} />
        ) : (
          <LoadingRegion label="Loading the alert">
            <SkeletonLines lines={8} />
          </LoadingRegion>
        )}
      </div>
    );
  }
  const d = detail.data;
  const a = d.alert;
  const acknowledge = async () => {
    const res = await ack.run(a.id);
    if (res) setNotice(res.pagerdutyAcknowledge ? 'Acknowledged; PagerDuty was told.' : 'Acknowledged.');
  };
  return (
    <div className="page" data-testid="alert-detail-page">
      <PageHeader
        title={a.annotations.title ?? a.ruleId}
        description={a.annotations.summary}
        actions={
          <>
            <Link className="button" to="/alerts">
              All alerts
            </Link>
            {canAct && a.state !== 'normal' && !a.acknowledgedAt && (
              <button type="button" className="button button--primary" onClick={acknowledge} disabled={ack.isPending} data-testid="alert-ack">
                Acknowledge
              </button>
            )}
            {canAct && (
              <button type="button" className="button" onClick={() => setSilencing(true)} data-testid="alert-silence">
                Silence…
              </button>
            )}
          </>
        }
      />
      {notice && (
        <p className="form-success" role="status" data-testid="alert-notice">
          {notice}
        </p>
      )}
      {ack.error && <p className="form-error">{ack.error.message}</p>}
      <div className="grid grid--2">
        <Card title="Now">
          <dl className="facts">
            <div className="facts__row">
              <dt>State</dt>
              <dd data-testid="alert-state">
                <StateBadge state={a.state} />
                {a.silencedBy.length > 0 && <span className="muted"> silenced</span>}
              </dd>
            </div>
            <div className="facts__row">
              <dt>Severity</dt>
              <dd>
                <SeverityBadge severity={a.severity} />
              </dd>
            </div>
            <div className="facts__row">
              <dt>Value</dt>
              <dd className="mono">
                {formatValue(a.value)}
                {d.rule && (
                  <span className="muted">
                    {' '}
                    (fires when {d.rule.condition.op} {d.rule.condition.threshold})
                  </span>
                )}
              </dd>
            </div>
            <div className="facts__row">
              <dt>Firing since</dt>
              <dd>{a.firingSince ? formatDateTimeInZone(a.firingSince, account.timezone) : '—'}</dd>
            </div>
            <div className="facts__row">
              <dt>Acknowledged</dt>
              <dd data-testid="alert-acked">
                {a.acknowledgedAt ? (
                  <>
                    {formatDateTimeInZone(a.acknowledgedAt, account.timezone)}
                    {a.acknowledgedByName ? (
                      <>
                        {' '}
                        by <strong>{a.acknowledgedByName}</strong>
                      </>
                    ) : a.acknowledgedBy !== null ? (
                      <> by account {a.acknowledgedBy}</>
                    ) : null}
                  </>
                ) : (
                  'no'
                )}
              </dd>
            </div>
            {d.group.pagerduty && (
              <div className="facts__row">
                <dt>PagerDuty</dt>
                <dd data-testid="alert-pagerduty">
                  incident {d.group.pagerduty.status}
                  {d.group.pagerduty.by ? ` by ${d.group.pagerduty.by}` : ''}
                  {d.group.pagerduty.at ? `, ${formatDateTimeInZone(d.group.pagerduty.at, account.timezone)}` : ''}
                  {d.group.pagerduty.assignees.length ? ` · assigned to ${d.group.pagerduty.assignees.join(', ')}` : ''}
                </dd>
              </div>
            )}
            <div className="facts__row">
              <dt>Route</dt>
              <dd data-testid="alert-route">
                <span className="mono">{d.group.receiver}</span>
                {d.group.mutedBy ? (
                  <>
                    {' '}
                    · <StatusBadge tone="warning">MUTED</StatusBadge> by mute timing <strong>{d.group.mutedBy}</strong>
                  </>
                ) : d.group.muteTimings.length ? (
                  <span className="muted"> · mute timings: {d.group.muteTimings.join(', ')} (not active now)</span>
                ) : null}
              </dd>
            </div>
            <div className="facts__row">
              <dt>Labels</dt>
              <dd>
                <LabelList labels={a.labels} hide={[]} />
              </dd>
            </div>
            {a.annotations.runbook_url && (
              <div className="facts__row">
                <dt>Runbook</dt>
                <dd>
                  <a href={a.annotations.runbook_url}>{a.annotations.runbook_url}</a>
                </dd>
              </div>
            )}
            {d.rule && (
              <div className="facts__row">
                <dt>Rule</dt>
                <dd className="mono">
                  {d.rule.id} · every {d.rule.interval} · for {d.rule.for} · keep firing {d.rule.keepFiringFor} · {d.rule.source}
                </dd>
              </div>
            )}
          </dl>
        </Card>
        <Card title="Value against threshold, last 6 hours">
          <ValueChart id={a.id} timezone={account.timezone} />
        </Card>
      </div>
      <Card title="History" flush>
        {d.history.length === 0 ? (
          <EmptyState>No history yet.</EmptyState>
        ) : (
          <ScrollRegion label="Alert history">
            <table className="table" data-testid="alert-history">
              <thead>
                <tr>
                  <th>When</th>
                  <th>Event</th>
                  <th className="is-numeric">Value</th>
                </tr>
              </thead>
              <tbody>
                {d.history
                  .slice()
                  .reverse()
                  .map((h) => (
                    <tr key={h.id}>
                      <td className="nowrap">{formatDateTimeInZone(h.at, account.timezone)}</td>
                      <td>
                        {h.detail.event === 'state' && (
                          <>
                            <StateBadge state={h.fromState} /> → <StateBadge state={h.toState} /> <span className="muted">{h.detail.reason}</span>
                          </>
                        )}
                        {h.detail.event === 'notification' && (
                          <>
                            Notified <span className="mono">{h.detail.receiver}</span> ({h.detail.action})
                          </>
                        )}
                        {h.detail.event === 'acknowledged' && <>Acknowledged{h.detail.byName ? ` by ${h.detail.byName}` : ''}</>}
                        {h.detail.event === 'unacknowledged' && <>Unacknowledged{h.detail.byName ? ` by ${h.detail.byName}` : ''}</>}
                        {h.detail.event === 'resolved_in_pagerduty' && <>Resolved in PagerDuty{h.detail.byName ? ` by ${h.detail.byName}` : ''}</>}
                        {h.detail.event === 'reassigned' && (
                          <>
                            Reassigned in PagerDuty{h.detail.assignees ? ` to ${h.detail.assignees.join(', ')}` : ''}
                            {h.detail.byName ? ` by ${h.detail.byName}` : ''}
                          </>
                        )}
                        {h.detail.event === 'muted' && (
                          <>
                            Not sent ({h.detail.action}): muted by mute timing <strong>{h.detail.timing}</strong>
                          </>
                        )}
                      </td>
                      <td className="is-numeric mono">{formatValue(h.value)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </Card>
      <Card title="Notifications" flush>
        <NotificationTable items={d.notifications} timezone={account.timezone} />
      </Card>
      {silencing && (
        <SilenceDialog
          detail={d}
          onClose={() => setSilencing(false)}
          onDone={() => {
            setSilencing(false);
            setNotice('Silenced.');
          }}
        />
      )}
    </div>
  );
}
