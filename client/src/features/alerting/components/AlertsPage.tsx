import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { Card } from '../../../components/Card';
import { DataTable } from '../../../components/DataTable';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDateTimeInZone, formatRelativeTime } from '../../../lib/format';
import { useAccount } from '../../auth/hooks/useAuth';
import type { Alert } from '../api/alertingApi';
import { useAlerts } from '../hooks/useAlerting';
import { formatValue, LabelList, SeverityBadge, StateBadge } from './shared';

const column = createColumnHelper<Alert>();
const SEVERITY_ORDER: Record<string, number> = { critical: 0, warning: 1, info: 2 };
type Filter = 'all' | 'firing' | 'pending' | 'silenced';

export function AlertsPage() {
  const account = useAccount();
  const alerts = useAlerts();
  const [filter, setFilter] = useState<Filter>('all');
  const columns = useMemo(
    () => [
      column.accessor((a) => SEVERITY_ORDER[a.severity] ?? 9, {
        id: 'severity',
        header: 'Severity',
        cell: (i) => <SeverityBadge severity={i.row.original.severity} />,
      }),
      column.accessor('state', {
        header: 'State',
        cell: (i) => (
          <span className="nowrap">
            <StateBadge state={i.getValue()} /> {i.row.original.silencedBy.length > 0 && <StatusBadge tone="neutral">SILENCED</StatusBadge>}{' '}
            {i.row.original.acknowledgedAt && <StatusBadge tone="info">ACKED</StatusBadge>}
          </span>
        ),
      }),
      column.accessor((a) => a.annotations.title ?? a.ruleId, {
        id: 'alert',
        header: 'Alert',
        cell: (i) => (
          <div>
            <Link to={`/alerts/${i.row.original.id}`} className="cell-strong" data-testid={`alert-link-${i.row.original.id}`}>
              {i.getValue()}
            </Link>
            <div className="table__sub">{i.row.original.annotations.summary}</div>
            <LabelList labels={i.row.original.labels} hide={['severity', 'alertname']} />
          </div>
        ),
      }),
      column.accessor('value', { header: 'Value', meta: { numeric: true }, cell: (i) => formatValue(i.getValue()) }),
      column.accessor((a) => a.firingSince ?? a.activeSince ?? '', {
        id: 'since',
        header: 'Since',
        cell: (i) =>
          i.getValue() ? (
            <time dateTime={i.getValue()} title={formatDateTimeInZone(i.getValue(), account.timezone)}>
              {formatRelativeTime(i.getValue())}
            </time>
          ) : (
            '—'
          ),
      }),
    ],
    [account.timezone],
  );
  const rows = (alerts.data ?? []).filter((a) =>
    filter === 'all'
      ? true
      : filter === 'silenced'
        ? a.silencedBy.length > 0
        : filter === 'firing'
          ? a.state === 'firing' || a.state === 'recovering'
          : a.state === 'pending',
  );
  const counts = {
    firing: alerts.data?.filter((a) => a.state === 'firing' || a.state === 'recovering').length ?? 0,
    pending: alerts.data?.filter((a) => a.state === 'pending').length ?? 0,
    silenced: alerts.data?.filter((a) => a.silencedBy.length > 0).length ?? 0,
  };
  return (
    <div className="page" data-testid="alerts-page">
      <PageHeader
        title="Alerts"
        description="Firing, pending and silenced alerts, by severity. Open one to acknowledge, silence or see its history."
        actions={
          <button type="button" className="button" onClick={alerts.refetch} disabled={alerts.isFetching}>
            Refresh
          </button>
        }
      />
      <div className="filters__buttons" role="group" aria-label="Filter alerts">
        {(['all', 'firing', 'pending', 'silenced'] as Filter[]).map((f) => (
          <button
            key={f}
            type="button"
            className={f === filter ? 'button button--small button--primary' : 'button button--small'}
            aria-pressed={f === filter}
            onClick={() => setFilter(f)}
          >
            {f === 'all' ? 'All' : `${f[0]!.toUpperCase()}${f.slice(1)}`}
            {/* No count before the list has loaded: "Firing (0)" would claim nothing fires. */}
            {alerts.data !== undefined && ` (${f === 'all' ? alerts.data.length : counts[f]})`}
          </button>
        ))}
      </div>
      <Card title="Alerts" flush>
        {alerts.data === undefined ? (
          alerts.error ? (
            <div className="card__body">
              <ErrorState title="Could not load alerts" error={alerts.error} onRetry={alerts.refetch} compact />
            </div>
          ) : (
            <LoadingRegion label="Loading alerts">
              <div className="card__body">
                <SkeletonLines lines={5} />
              </div>
            </LoadingRegion>
          )
        ) : (
          <DataTable
            caption="Alerts"
            columns={columns}
            data={rows}
            initialSorting={[{ id: 'severity', desc: false }]}
            getRowId={(r) => String(r.id)}
            empty="No alerts: every rule is normal."
            data-testid="alerts-table"
          />
        )}
      </Card>
    </div>
  );
}
