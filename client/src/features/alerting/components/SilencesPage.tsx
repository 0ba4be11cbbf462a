import { ScrollRegion } from '../../../components/ScrollRegion';
import { useState } from 'react';
import { Card } from '../../../components/Card';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { FormField } from '../../../components/FormField';
import { PageHeader } from '../../../components/PageHeader';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDateTimeInZone } from '../../../lib/format';
import { useAccount } from '../../auth/hooks/useAuth';
import { useCreateSilence, useExpireSilence, useSilences } from '../hooks/useAlerting';
import { LabelList } from './shared';
import { MuteTimingsCard } from './MuteTimingsCard';
import { RouteMutesCard } from './RouteMutesCard';

/** "alertname=video_view_drop, video_id=42" → matchers. */
function parseMatchers(text: string): Record<string, string> | undefined {
  const pairs = text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => p.split('='));
  if (pairs.length === 0 || pairs.some((p) => p.length !== 2 || !p[0]!.trim())) return undefined;
  return Object.fromEntries(pairs.map(([k, v]) => [k!.trim(), v!.trim()]));
}

export function SilencesPage() {
  const account = useAccount();
  const list = useSilences();
  const create = useCreateSilence();
  const expire = useExpireSilence();
  const canAct = account.role === 'admin' || account.role === 'oncall';
  const [matchers, setMatchers] = useState('');
  const [hours, setHours] = useState('1');
  const [comment, setComment] = useState('');
  const [formError, setFormError] = useState<string | undefined>(undefined);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const m = parseMatchers(matchers);
    if (!m) return setFormError('Write matchers as name=value, separated by commas.');
    setFormError(undefined);
    const ok = await create.run({ matchers: m, endsAt: new Date(Date.now() + Number(hours) * 3_600_000).toISOString(), comment });
    if (ok) {
      setMatchers('');
      setComment('');
    }
  };
  return (
    <div className="page" data-testid="silences-page">
      <PageHeader
        title="Silences"
        description="Silences stop notifications for alerts whose labels match; mute timings silence whole routes on a recurring schedule. Evaluation goes on. Expired silences stay listed."
      />
      <div className="rules-layout">
        <Card title="Silences" flush>
          {list.data === undefined ? (
            list.error ? (
              <div className="card__body">
                <ErrorState compact title="Could not load silences" error={list.error} onRetry={list.refetch} />
              </div>
            ) : (
              <LoadingRegion label="Loading silences">
                <div className="card__body">
                  <SkeletonLines lines={4} />
                </div>
              </LoadingRegion>
            )
          ) : list.data.length === 0 ? (
            <EmptyState>No silences. Silence an alert from its page, or write matchers here.</EmptyState>
          ) : (
            <ScrollRegion label="Silences">
              <table className="table" data-testid="silences-table">
                <thead>
                  <tr>
                    <th>Matchers</th>
                    <th>Window</th>
                    <th>By</th>
                    <th>Status</th>
                    <th>
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.map((s) => (
                    <tr key={s.id} data-testid={`silence-${s.id}`}>
                      <td>
                        <LabelList labels={s.matchers} hide={[]} />
                        <div className="table__sub">{s.comment}</div>
                      </td>
                      <td className="nowrap">
                        {formatDateTimeInZone(s.startsAt, account.timezone)}
                        <div className="table__sub">until {formatDateTimeInZone(s.endsAt, account.timezone)}</div>
                      </td>
                      <td>{s.createdBy ?? '—'}</td>
                      <td>
                        {s.active ? (
                          <StatusBadge tone="warning">ACTIVE</StatusBadge>
                        ) : s.expired ? (
                          <StatusBadge tone="neutral">EXPIRED</StatusBadge>
                        ) : (
                          <StatusBadge tone="info">PLANNED</StatusBadge>
                        )}
                      </td>
                      <td>
                        {!s.expired && (
                          <button
                            type="button"
                            className="button button--small button--danger-outline"
                            disabled={expire.isPending}
                            onClick={async () => {
                              await expire.run(s.id);
                            }}
                          >
                            Expire
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </Card>
        <Card title="New silence">
          <form className="form" onSubmit={submit}>
            <FormField id="silence-matchers" label="Matchers" hint="name=value, comma-separated; /regex/ values match by pattern" error={formError}>
              {(props) => (
                <input
                  className="input mono"
                  {...props}
                  value={matchers}
                  onChange={(e) => setMatchers(e.target.value)}
                  placeholder="alertname=api_5xx_rate, service=api"
                />
              )}
            </FormField>
            <FormField id="silence-hours" label="Hours">
              {(props) => <input className="input" type="number" min={1} max={720} {...props} value={hours} onChange={(e) => setHours(e.target.value)} />}
            </FormField>
            <FormField id="silence-comment" label="Comment">
              {(props) => <input className="input" {...props} value={comment} onChange={(e) => setComment(e.target.value)} required />}
            </FormField>
            {create.error && <p className="form-error">{create.error.message}</p>}
            <button type="submit" className="button button--primary" disabled={create.isPending}>
              Create silence
            </button>
          </form>
        </Card>
      </div>
      <div className="mute-layout">
        <RouteMutesCard canAct={canAct} />
        <MuteTimingsCard canAct={canAct} />
      </div>
    </div>
  );
}
