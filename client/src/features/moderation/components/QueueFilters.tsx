import { CASE_STATUSES, REASON_LABEL, REPORT_REASONS, SLA_STATES, STATUS_LABEL, type QueueFilter, type SlaState } from '../api/moderationApi';

const SLA_LABEL: Record<SlaState, string> = { breached: 'Breached', due_soon: 'Due within the hour', ok: 'Due later' };

export function QueueFilters({ value, onChange }: { value: QueueFilter; onChange: (next: QueueFilter) => void }) {
  return (
    <div className="filters__row" data-testid="queue-filters">
      <div className="field">
        <label className="field__label" htmlFor="queue-status">
          Status
        </label>
        <select
          id="queue-status"
          className="select"
          value={value.status ?? ''}
          onChange={(e) => onChange({ ...value, status: (e.target.value || undefined) as QueueFilter['status'] })}
        >
          <option value="">Unresolved (all)</option>
          {CASE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="queue-reason">
          Reason
        </label>
        <select
          id="queue-reason"
          className="select"
          value={value.reason ?? ''}
          onChange={(e) => onChange({ ...value, reason: (e.target.value || undefined) as QueueFilter['reason'] })}
        >
          <option value="">Any reason</option>
          {REPORT_REASONS.map((r) => (
            <option key={r} value={r}>
              {REASON_LABEL[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="queue-sla">
          SLA
        </label>
        <select
          id="queue-sla"
          className="select"
          value={value.sla ?? ''}
          onChange={(e) => onChange({ ...value, sla: (e.target.value || undefined) as QueueFilter['sla'] })}
        >
          <option value="">Any</option>
          {SLA_STATES.map((s) => (
            <option key={s} value={s}>
              {SLA_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
