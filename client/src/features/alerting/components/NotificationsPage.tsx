import { useState } from 'react';
import { Card } from '../../../components/Card';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { useAccount } from '../../auth/hooks/useAuth';
import { NOTIFICATION_STATUSES, type NotificationStatus } from '../api/alertingApi';
import { useNotifications, useRetryNotification } from '../hooks/useAlerting';
import { NotificationTable } from './NotificationTable';

const STATUS_LABEL: Record<NotificationStatus, string> = { pending: 'Pending', delivered: 'Delivered', dead: 'Dead letters' };
const EMPTY: Record<NotificationStatus, string> = {
  pending: 'Nothing is waiting to be sent.',
  delivered: 'Nothing has been delivered yet.',
  dead: 'No dead letters: every notification was delivered or is still being retried.',
};

export function NotificationsPage() {
  const account = useAccount();
  const [status, setStatus] = useState<NotificationStatus | undefined>(undefined);
  const list = useNotifications(status);
  const retry = useRetryNotification();
  const canAct = account.role === 'admin' || account.role === 'oncall';
  const onRetry = async (id: number) => {
    await retry.run(id);
  };
  return (
    <div className="page" data-testid="notifications-page">
      <PageHeader
        title="Notifications"
        description="Every notification (email, PagerDuty, webhook, Slack), written to the outbox before delivery: attempts, retries (1, 5, 15 minutes) and dead letters."
        actions={
          <button type="button" className="button" onClick={list.refetch} disabled={list.isFetching}>
            Refresh
          </button>
        }
      />
      <div className="filters__buttons" role="group" aria-label="Filter notifications">
        {[undefined, ...NOTIFICATION_STATUSES].map((s) => (
          <button
            key={s ?? 'all'}
            type="button"
            className={s === status ? 'button button--small button--primary' : 'button button--small'}
            aria-pressed={s === status}
            onClick={() => setStatus(s)}
          >
            {s === undefined ? 'All' : STATUS_LABEL[s]}
          </button>
        ))}
        {/* A new filter's list is loading: the previous filter's list stays, dimmed, and this says so. */}
        <span className="muted" role="status">
          {list.isPrevious ? `Loading ${status === undefined ? 'all notifications' : status === 'dead' ? 'dead letters' : `${status} notifications`}…` : ''}
        </span>
      </div>
      {retry.error && <p className="form-error">{retry.error.message}</p>}
      <Card title="Outbox" flush>
        {list.data === undefined ? (
          list.error ? (
            <div className="card__body">
              <ErrorState compact title="Could not load notifications" error={list.error} onRetry={list.refetch} />
            </div>
          ) : (
            <LoadingRegion label="Loading notifications">
              <div className="card__body">
                <SkeletonLines lines={5} />
              </div>
            </LoadingRegion>
          )
        ) : (
          <div className={list.isPrevious ? 'is-previous' : undefined} aria-busy={list.isPrevious}>
            <NotificationTable
              items={list.data}
              timezone={account.timezone}
              onRetry={canAct ? onRetry : undefined}
              retrying={retry.isPending}
              empty={status ? EMPTY[status] : 'No notifications yet.'}
            />
          </div>
        )}
      </Card>
    </div>
  );
}
