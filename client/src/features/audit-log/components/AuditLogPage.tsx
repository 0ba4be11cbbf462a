import { useMemo, useState } from 'react';
import { Card } from '../../../components/Card';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { formatNumber } from '../../../lib/format';
import { useAccount } from '../../auth/hooks/useAuth';
import type { AuditLogQuery } from '../api/auditLogApi';
import { useAuditLog } from '../hooks/useAuditLog';
import { AuditLogFilters } from './AuditLogFilters';
import { AuditLogTable } from './AuditLogTable';

export function AuditLogPage() {
  const account = useAccount();
  const [query, setQuery] = useState<AuditLogQuery>({});
  const log = useAuditLog(query);
  const filtered = Object.values(query).some(Boolean);
  const knownActions = useMemo(() => [...new Set(log.items.map((entry) => entry.action))].sort(), [log.items]);

  let body;
  if (!log.loaded) {
    body = log.error ? (
      <div className="card__body">
        <ErrorState title="Could not load the audit log" error={log.error} onRetry={log.reload} compact />
      </div>
    ) : (
      <LoadingRegion label="Loading the audit log">
        <div className="card__body">
          <SkeletonLines lines={8} />
        </div>
      </LoadingRegion>
    );
  } else if (log.items.length === 0) {
    body = <EmptyState>{filtered ? 'No entries match these filters.' : 'Nothing has been recorded yet. Changes made in the console appear here.'}</EmptyState>;
  } else {
    body = <AuditLogTable entries={log.items} timezone={account.timezone} />;
  }

  return (
    <div className="page" data-testid="audit-log-page">
      <PageHeader
        title="Audit log"
        description="Every change made in the console — who, what, when and from where — newest first."
        actions={
          <button type="button" className="button" onClick={log.reload} disabled={log.isLoading}>
            Refresh
          </button>
        }
      />
      <Card title="Filters" className="card--spaced">
        <AuditLogFilters timezone={account.timezone} knownActions={knownActions} onApply={setQuery} />
      </Card>
      <Card
        title="Entries"
        flush
        actions={log.loaded ? <span className="muted">{formatNumber(log.items.length)} shown</span> : undefined}
        footer={
          log.loaded && log.items.length > 0 ? (
            <div className="load-more">
              {log.error && <ErrorState compact title="Could not load more entries" error={log.error} onRetry={log.loadMore} />}
              {log.nextCursor ? (
                <button type="button" className="button" onClick={log.loadMore} disabled={log.isLoadingMore} data-testid="audit-load-more">
                  {log.isLoadingMore ? 'Loading…' : 'Load more'}
                </button>
              ) : (
                <span>End of the log.</span>
              )}
            </div>
          ) : undefined
        }
      >
        {body}
      </Card>
    </div>
  );
}
