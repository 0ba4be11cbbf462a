import { ScrollRegion } from '../../../components/ScrollRegion';
import { useState, type FormEvent } from 'react';
import { Card } from '../../../components/Card';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { StatusBadge } from '../../../components/StatusBadge';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { formatDateTimeInZone } from '../../../lib/format';
import { fieldErrorsOf } from '../../../lib/api';
import type { Frequency, ReportFormat, ReportSchedule } from '../api/campaignsApi';
import { useReportSchedules } from '../hooks/useReportSchedules';
import { useCreateSchedule, useDeleteSchedule, useSendScheduleNow, useUpdateSchedule } from '../hooks/useScheduleMutations';

const FREQUENCY_LABEL: Record<Frequency, string> = {
  daily: 'Daily (yesterday)',
  weekly: 'Weekly, Mondays (last week)',
  monthly: 'Monthly, the 1st (last month)',
};

function statusTone(status: string | null) {
  if (status === 'sent') return 'ok' as const;
  if (status === 'failed') return 'critical' as const;
  if (status === 'retrying') return 'warning' as const;
  return 'neutral' as const;
}

interface SchedulesCardProps {
  campaignId: string;
  timezone: string;
  canEdit: boolean;
}

/** Scheduled email reports of one campaign: create, pause/resume, send now, delete; sends shown. */
export function SchedulesCard({ campaignId, timezone, canEdit }: SchedulesCardProps) {
  const schedules = useReportSchedules(campaignId);
  const create = useCreateSchedule();
  const update = useUpdateSchedule();
  const remove = useDeleteSchedule();
  const send = useSendScheduleNow();
  const [frequency, setFrequency] = useState<Frequency>('weekly');
  const [format, setFormat] = useState<ReportFormat>('csv');
  const [recipients, setRecipients] = useState('');
  const errors = fieldErrorsOf(create.error);

  const onCreate = async (event: FormEvent) => {
    event.preventDefault();
    const list = recipients.split(/[\s,;]+/).filter(Boolean);
    const created = await create.run({ campaignId: Number(campaignId), frequency, format, recipients: list });
    if (created) setRecipients('');
  };

  let body;
  if (schedules.data === undefined) {
    body = schedules.error ? (
      <ErrorState compact title="Could not load scheduled reports" error={schedules.error} onRetry={schedules.refetch} />
    ) : (
      <LoadingRegion label="Loading scheduled reports">
        <SkeletonLines lines={3} />
      </LoadingRegion>
    );
  } else if (schedules.data.items.length === 0) {
    body = <EmptyState>No scheduled reports for this campaign.</EmptyState>;
  } else {
    body = (
      <ScrollRegion label="Scheduled reports">
        <table className="table" data-testid="schedules-table">
          <caption className="visually-hidden">Scheduled reports</caption>
          <thead>
            <tr>
              <th scope="col">Frequency</th>
              <th scope="col">Format</th>
              <th scope="col">Recipients</th>
              <th scope="col">Next send ({timezone})</th>
              <th scope="col">Last send</th>
              {canEdit && (
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {schedules.data.items.map((s: ReportSchedule) => {
              const last = s.deliveries[0];
              return (
                <tr key={s.id} data-testid={`schedule-${s.id}`}>
                  <td>{FREQUENCY_LABEL[s.frequency]}</td>
                  <td>{s.format.toUpperCase()}</td>
                  <td>{s.recipients.join(', ')}</td>
                  <td className="nowrap">{s.paused ? <StatusBadge tone="warning">PAUSED</StatusBadge> : formatDateTimeInZone(s.nextRunAt, timezone)}</td>
                  <td>
                    {last ? (
                      <span title={last.lastError ?? undefined}>
                        <StatusBadge tone={statusTone(last.status === 'pending' && last.attempts > 0 ? 'retrying' : last.status)}>
                          {(last.status === 'pending' && last.attempts > 0 ? 'retrying' : last.status).toUpperCase()}
                        </StatusBadge>{' '}
                        <span className="muted">
                          {last.periodFrom} · {last.attempts} attempt{last.attempts === 1 ? '' : 's'}
                        </span>
                        {last.lastError && <span className="text-warning"> · {last.lastError}</span>}
                      </span>
                    ) : (
                      <span className="muted">not sent yet</span>
                    )}
                  </td>
                  {canEdit && (
                    <td className="nowrap">
                      <button type="button" className="button button--small" onClick={() => void send.run(s.id)} disabled={send.isPending}>
                        Send now
                      </button>{' '}
                      <button type="button" className="button button--small" onClick={() => void update.run({ id: s.id, changes: { paused: !s.paused } })}>
                        {s.paused ? 'Resume' : 'Pause'}
                      </button>{' '}
                      <button type="button" className="button button--small button--danger-outline" onClick={() => void remove.run(s.id)}>
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    );
  }

  return (
    <Card title="Scheduled email reports" className="card--spaced">
      <p className="field__hint">
        Sent around 06:00 in <strong>{timezone}</strong> as an attachment; failed sends are retried after 1, 5 and 15 minutes, then shown as failed.
      </p>
      {canEdit && (
        <form className="schedule-form" onSubmit={onCreate} data-testid="schedule-form">
          <label className="field">
            <span className="field__label">Frequency</span>
            <select className="select" value={frequency} onChange={(e) => setFrequency(e.target.value as Frequency)}>
              {(Object.keys(FREQUENCY_LABEL) as Frequency[]).map((f) => (
                <option key={f} value={f}>
                  {FREQUENCY_LABEL[f]}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field__label">Format</span>
            <select className="select" value={format} onChange={(e) => setFormat(e.target.value as ReportFormat)}>
              <option value="csv">CSV</option>
              <option value="xlsx">XLSX</option>
            </select>
          </label>
          <label className={errors.recipients ? 'field field--invalid' : 'field'}>
            <span className="field__label">Recipients (up to 5)</span>
            <input
              className="input"
              value={recipients}
              onChange={(e) => setRecipients(e.target.value)}
              placeholder="ana@example.com, bo@example.com"
              size={36}
            />
            {errors.recipients && <span className="field__error">{errors.recipients}</span>}
          </label>
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            Schedule
          </button>
        </form>
      )}
      {create.error && !errors.recipients && <ErrorState compact title="Could not schedule the report" error={create.error} />}
      {(send.error ?? update.error ?? remove.error) && <ErrorState compact title="The action failed" error={(send.error ?? update.error ?? remove.error)!} />}
      {body}
    </Card>
  );
}
