// Mute timings: recurring windows (Alertmanager's time_intervals) that mute the routes naming
// them in alerts/routing.yaml or attached to a route in the console (RouteMutesCard). Those of
// routing.yaml are read-only here; the console's can be made and deleted (once detached). While a
// route is muted, states change and are recorded, nothing is sent.
import { useState } from 'react';
import { Card } from '../../../components/Card';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { FormField } from '../../../components/FormField';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { StatusBadge } from '../../../components/StatusBadge';
import type { TimeInterval } from '../api/alertingApi';
import { problemsOf } from './RuleForm';
import { useCreateMuteTiming, useDeleteMuteTiming, useMuteTimings } from '../hooks/useAlerting';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function describe(i: TimeInterval): string {
  return [
    i.weekdays?.join(', '),
    i.times?.map((t) => `${t.start_time}-${t.end_time}`).join(', '),
    i.days_of_month && `days ${i.days_of_month.join(', ')}`,
    i.months && `months ${i.months.join(', ')}`,
    i.years && `years ${i.years.join(', ')}`,
    i.location ?? 'UTC',
  ]
    .filter(Boolean)
    .join(' · ');
}

export function MuteTimingsCard({ canAct }: { canAct: boolean }) {
  const timings = useMuteTimings();
  const create = useCreateMuteTiming();
  const remove = useDeleteMuteTiming();
  const [name, setName] = useState('');
  const [days, setDays] = useState<string[]>([]);
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [dom, setDom] = useState('');
  const [months, setMonths] = useState('');
  const [zone, setZone] = useState(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const problems = problemsOf(create.error);
  const at = (field: string) => Object.entries(problems).find(([k]) => k.endsWith(field))?.[1];
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const interval: TimeInterval = { location: zone };
    if (days.length) interval.weekdays = days;
    if (start || end) interval.times = [{ start_time: start, end_time: end }];
    if (dom.trim()) interval.days_of_month = list(dom);
    if (months.trim()) interval.months = list(months);
    if (await create.run({ name, time_intervals: [interval] })) {
      setName('');
    }
  };
  return (
    <Card title="Mute timings" flush>
      {timings.error && !timings.data ? (
        <div className="card__body">
          <ErrorState compact title="Could not load mute timings" error={timings.error} onRetry={timings.refetch} />
        </div>
      ) : timings.data === undefined ? (
        <LoadingRegion label="Loading mute timings">
          <div className="card__body">
            <SkeletonLines lines={3} />
          </div>
        </LoadingRegion>
      ) : timings.data.length === 0 ? (
        <EmptyState>No mute timings. Create one below, then attach it to a route above (or name it in alerts/routing.yaml).</EmptyState>
      ) : (
        <ScrollRegion label="Mute timings">
          <table className="table" data-testid="mute-timings-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>When</th>
                <th>Mutes</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {timings.data.map((t) => (
                <tr key={t.name}>
                  <td className="mono">
                    {t.name} {t.active && <StatusBadge tone="warning">ACTIVE</StatusBadge>}{' '}
                    <StatusBadge tone="neutral">{t.source === 'file' ? 'YAML' : 'UI'}</StatusBadge>
                  </td>
                  <td>
                    {t.timeIntervals.map((i, k) => (
                      <div key={k}>{describe(i)}</div>
                    ))}
                  </td>
                  <td className="mono">{t.routes.join(', ') || <span className="muted">no route names it</span>}</td>
                  <td>
                    {canAct && t.source === 'ui' && (
                      <button
                        type="button"
                        className="button button--small button--danger-outline"
                        disabled={remove.isPending}
                        onClick={async () => {
                          await remove.run(t.name);
                        }}
                      >
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {canAct && (
        <form className="form card__body" onSubmit={submit} data-testid="mute-timing-form">
          <FormField id="mute-name" label="Name" error={problems.name} hint="attach it to a route above, or name it in mute_time_intervals">
            {(p) => <input {...p} className="input mono" value={name} onChange={(e) => setName(e.target.value)} placeholder="weekly-maintenance" />}
          </FormField>
          <fieldset className="mute-days">
            <legend>Weekdays</legend>
            {WEEKDAYS.map((d) => (
              <label key={d} className="checkbox">
                <input type="checkbox" checked={days.includes(d)} onChange={(e) => setDays(e.target.checked ? [...days, d] : days.filter((x) => x !== d))} />{' '}
                {d.slice(0, 3)}
              </label>
            ))}
          </fieldset>
          <div className="rule-form__grid">
            <FormField id="mute-start" label="From (HH:MM)" error={at('start_time')}>
              {(p) => <input {...p} className="input" value={start} onChange={(e) => setStart(e.target.value)} placeholder="02:00" />}
            </FormField>
            <FormField id="mute-end" label="Until (HH:MM, exclusive)" error={at('end_time') ?? at('times.0')}>
              {(p) => <input {...p} className="input" value={end} onChange={(e) => setEnd(e.target.value)} placeholder="04:00" />}
            </FormField>
            <FormField id="mute-dom" label="Days of month" error={at('days_of_month.0')} hint="1:7, -1 (last day)">
              {(p) => <input {...p} className="input" value={dom} onChange={(e) => setDom(e.target.value)} />}
            </FormField>
            <FormField id="mute-months" label="Months" error={at('months.0')} hint="january:march, 12">
              {(p) => <input {...p} className="input" value={months} onChange={(e) => setMonths(e.target.value)} />}
            </FormField>
          </div>
          <FormField id="mute-zone" label="Time zone" error={at('location')}>
            {(p) => <input {...p} className="input" value={zone} onChange={(e) => setZone(e.target.value)} />}
          </FormField>
          {create.error && !Object.keys(problems).length && <p className="form-error">{create.error.message}</p>}
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            Create mute timing
          </button>
        </form>
      )}
    </Card>
  );
}
