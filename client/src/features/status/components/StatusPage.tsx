import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { LoadingRegion, Skeleton, SkeletonLines } from '../../../components/Skeleton';
import { formatRelativeTime } from '../../../lib/format';
import { useNow } from '../../../lib/useNow';
import type { ApiQuery } from '../../../lib/query';
import type { HealthReport, StatusReport } from '../api/statusApi';
import { useHealth } from '../hooks/useHealth';
import { useStatus } from '../hooks/useStatus';
import { EvaluatorCard } from './EvaluatorCard';
import { FreshnessCard } from './FreshnessCard';
import { HealthBanner } from './HealthBanner';
import { MigrationsCard } from './MigrationsCard';
import { QueueCard } from './QueueCard';
import { StoreHealthCard } from './StoreHealthCard';
import { TableRowCountsCard } from './TableRowCountsCard';

function CardSkeleton({ lines = 3 }: { lines?: number }) {
  return (
    <div className="card card--skeleton">
      <div className="card__header">
        <Skeleton width="40%" height="1em" />
      </div>
      <div className="card__body">
        <SkeletonLines lines={lines} />
      </div>
    </div>
  );
}

/** Shown above data that is still on screen when its latest refresh failed. */
function StaleNotice({ what, request, now }: { what: string; request: ApiQuery<unknown>; now: Date }) {
  if (!request.error || request.data === undefined) return null;
  return (
    <ErrorState
      compact
      title={`Could not refresh ${what}; showing the answer from ${formatRelativeTime(request.updatedAt, now)}`}
      error={request.error}
      onRetry={request.refetch}
    />
  );
}

function HealthSection({ health, now }: { health: ApiQuery<HealthReport>; now: Date }) {
  if (health.data === undefined) {
    if (health.error) {
      return <ErrorState title="Could not load the console’s health" error={health.error} onRetry={health.refetch} />;
    }
    return (
      <LoadingRegion label="Loading health">
        <div className="banner banner--skeleton">
          <Skeleton width="30%" height="1.2em" />
        </div>
        <div className="grid grid--3">
          <CardSkeleton lines={2} />
          <CardSkeleton lines={2} />
          <CardSkeleton lines={2} />
        </div>
        <CardSkeleton lines={3} />
      </LoadingRegion>
    );
  }

  const report = health.data;
  return (
    <>
      <StaleNotice what="health" request={health} now={now} />
      <HealthBanner health={report} />
      <h2 className="section-title">Components</h2>
      <div className="grid grid--3">
        <StoreHealthCard store="postgres" health={report.postgres} />
        <StoreHealthCard store="clickhouse" health={report.clickhouse} />
        <EvaluatorCard lastRunAt={report.evaluator.lastRunAt} now={now} />
      </div>
      <h2 className="section-title">Ingest</h2>
      <FreshnessCard freshness={report.freshness} now={now} />
    </>
  );
}

function StoresSection({ status, starting, now }: { status: ApiQuery<StatusReport>; starting: boolean; now: Date }) {
  if (status.data === undefined) {
    if (status.error && starting && status.error.status === 503) {
      return <EmptyState>Table sizes and migrations appear once the stores have started. The server says: “{status.error.message}”</EmptyState>;
    }
    if (status.error) {
      return <ErrorState title="Could not load table sizes and migrations" error={status.error} onRetry={status.refetch} />;
    }
    return (
      <LoadingRegion label="Loading table sizes and migrations">
        <div className="grid grid--2">
          <CardSkeleton lines={6} />
          <CardSkeleton lines={6} />
        </div>
      </LoadingRegion>
    );
  }

  const report = status.data;
  if (!report.postgres || !report.clickhouse) {
    return <EmptyState>Table sizes and migrations are shown to admins.</EmptyState>;
  }
  return (
    <>
      <StaleNotice what="table sizes and migrations" request={status} now={now} />
      <div className="grid grid--2">
        <TableRowCountsCard store="postgres" tables={report.postgres.tables} />
        <TableRowCountsCard store="clickhouse" tables={report.clickhouse.tables} />
      </div>
      <QueueCard queue={report.queue ?? null} />
      <div className="grid grid--2">
        <MigrationsCard store="postgres" migrations={report.postgres.migrations} now={now} />
        <MigrationsCard store="clickhouse" migrations={report.clickhouse.migrations} now={now} />
      </div>
    </>
  );
}

export function StatusPage() {
  const health = useHealth();
  const status = useStatus();
  const now = useNow(1000);

  const refreshAll = () => {
    health.refetch();
    status.refetch();
  };

  return (
    <div className="page" data-testid="status-page">
      <PageHeader
        title="Status"
        description="Health of the console’s stores, alert evaluator and ingest. Refreshes every 10 seconds."
        actions={
          <>
            <span className="muted">{health.updatedAt ? `Updated ${formatRelativeTime(health.updatedAt, now)}` : 'Not loaded yet'}</span>
            <button type="button" className="button" onClick={refreshAll}>
              Refresh
            </button>
          </>
        }
      />
      <HealthSection health={health} now={now} />
      <h2 className="section-title">Stores</h2>
      <StoresSection status={status} starting={health.data?.status === 'starting'} now={now} />
    </div>
  );
}
