import { ScrollRegion } from '../../../components/ScrollRegion';
import { EmptyState } from '../../../components/EmptyState';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDateTimeInZone } from '../../../lib/format';
import type { StatusTone } from '../../../components/StatusBadge';
import type { Notification, NotificationStatus } from '../api/alertingApi';

const TONE: Record<NotificationStatus, StatusTone> = { delivered: 'ok', pending: 'warning', dead: 'critical' };

export function NotificationTable({
  items,
  timezone,
  onRetry,
  retrying,
  empty = 'No notifications.',
}: {
  items: Notification[];
  timezone: string;
  onRetry?: (id: number) => void;
  retrying?: boolean;
  /** What an empty list says (the notifications page words it per status filter). */
  empty?: string;
}) {
  if (items.length === 0) return <EmptyState>{empty}</EmptyState>;
  return (
    <ScrollRegion label="Notifications">
      <table className="table" data-testid="notification-table">
        <thead>
          <tr>
            <th>Created</th>
            <th>Channel</th>
            <th>What</th>
            <th>Status</th>
            <th>Attempts</th>
            {onRetry && (
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {items.map((n) => (
            <tr key={n.id} data-testid={`notification-${n.id}`}>
              <td className="nowrap">{formatDateTimeInZone(n.createdAt, timezone)}</td>
              <td>
                {n.channel} <span className="muted">→ {n.receiver}</span>
              </td>
              <td>
                <span className="cell-strong">{n.kind}</span> <span className="table__sub">{n.subject}</span>
              </td>
              <td>
                <StatusBadge tone={TONE[n.status]}>{n.status.toUpperCase()}</StatusBadge>
                {n.lastError && <div className="table__sub text-warning">{n.lastError}</div>}
              </td>
              <td title={n.attemptLog.map((a) => `${a.at} ${a.outcome} ${a.httpStatus ?? ''} ${a.error ?? ''}`).join('\n')}>
                {n.attempts}
                {n.attemptLog.length > 0 && <div className="table__sub">{n.attemptLog.map((a) => a.httpStatus ?? a.outcome).join(' → ')}</div>}
                {n.nextAttemptAt && <div className="table__sub">next {formatDateTimeInZone(n.nextAttemptAt, timezone)}</div>}
              </td>
              {onRetry && (
                <td>
                  {n.status === 'dead' && (
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => onRetry(n.id)}
                      disabled={retrying}
                      data-testid={`notification-retry-${n.id}`}
                    >
                      Retry
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
