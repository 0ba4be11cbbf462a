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
        description="Every email and PagerDuty event, written to the outbox before delivery: attempts, retries (1, 5, 15 minutes) and dead letters."
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
          <NotificationTable items={list.data} timezone={account.timezone} onRetry={canAct ? onRetry : undefined} retrying={retry.isPending} />
        )}
      </Card>
    </div>
  );
}
