import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { RowSelectionState } from '@tanstack/react-table';
import { Card } from '../../../components/Card';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { formatNumber } from '../../../lib/format';
import { useNow } from '../../../lib/useNow';
import { useAccount } from '../../auth/hooks/useAuth';
import type { QueueFilter } from '../api/moderationApi';
import { useClaimNext } from '../hooks/useClaimNext';
import { useModerationQueue } from '../hooks/useModerationQueue';
import { useModerationStats } from '../hooks/useModerationStats';
import { BulkAccountBar } from './BulkAccountBar';
import { BulkDecisionBar } from './BulkDecisionBar';
import { ModerationStatsStrip, ModeratorStatsCard } from './ModerationStatsCards';
import { QueueFilters } from './QueueFilters';
import { QueueTable } from './QueueTable';
import '../moderation.css';

export function QueuePage() {
  const account = useAccount();
  const navigate = useNavigate();
  const now = useNow(15_000);
  const [filter, setFilter] = useState<QueueFilter>({});
  const [selection, setSelection] = useState<RowSelectionState>({});
  const queue = useModerationQueue(filter);
  const stats = useModerationStats();
  const claimNext = useClaimNext();
  const [nothingToClaim, setNothingToClaim] = useState(false);
  const selected = useMemo(() => queue.items.filter((item) => selection[String(item.caseId)]), [queue.items, selection]);

  const onClaimNext = async () => {
    setNothingToClaim(false);
    const out = await claimNext.run(undefined);
    if (out?.lease) navigate(`/moderation/cases/${out.lease.caseId}`);
    else if (out) setNothingToClaim(true);
  };

  const refresh = () => {
    queue.reload();
    stats.refetch();
  };

  let body;
  if (!queue.loaded) {
    body = queue.error ? (
      <div className="card__body">
        <ErrorState title="Could not load the queue" error={queue.error} onRetry={queue.reload} compact />
      </div>
    ) : (
      <LoadingRegion label="Loading the queue">
        <div className="card__body">
          <SkeletonLines lines={8} />
        </div>
      </LoadingRegion>
    );
  } else if (queue.items.length === 0) {
    body = (
      <EmptyState>{Object.values(filter).some(Boolean) ? 'No case matches these filters.' : 'The queue is empty: every report has been decided.'}</EmptyState>
    );
  } else {
    body = <QueueTable items={queue.items} meId={Number(account.id)} now={now} selection={selection} onSelectionChange={setSelection} />;
  }

  return (
    <div className="page" data-testid="moderation-queue-page">
      <PageHeader
        title="Review queue"
        description="Reported videos by priority (distinct reporters, reason severity, recent reach), then age. Claim a case to review it; a claim lasts 10 minutes and is renewed while you work."
        actions={
          <>
            <button type="button" className="button" onClick={refresh}>
              Refresh
            </button>
            <button type="button" className="button button--primary" onClick={onClaimNext} disabled={claimNext.isPending} data-testid="claim-next">
              {claimNext.isPending ? 'Claiming…' : 'Claim next case'}
            </button>
          </>
        }
      />
      {claimNext.error && <ErrorState compact title="Could not claim a case" error={claimNext.error} />}
      {nothingToClaim && (
        <p className="banner banner--info" role="status">
          No unclaimed case is waiting.
        </p>
      )}
      <ModerationStatsStrip stats={stats} now={now} />
      <Card
        title="Cases"
        flush
        className="card--spaced"
        actions={queue.loaded ? <span className="muted">{formatNumber(queue.items.length)} shown</span> : undefined}
        footer={
          queue.loaded && queue.items.length > 0 ? (
            <div className="load-more">
              {queue.error && <ErrorState compact title="Could not load more cases" error={queue.error} onRetry={queue.loadMore} />}
              {queue.nextCursor ? (
                <button type="button" className="button" onClick={queue.loadMore} disabled={queue.isLoadingMore} data-testid="queue-load-more">
                  {queue.isLoadingMore ? 'Loading…' : 'Load more'}
                </button>
              ) : (
                <span>End of the queue.</span>
              )}
            </div>
          ) : undefined
        }
      >
        <div className="queue-toolbar">
          <QueueFilters
            value={filter}
            onChange={(next) => {
              setSelection({});
              setFilter(next);
            }}
          />
          <BulkDecisionBar selected={selected} onDone={() => setSelection({})} />
          <BulkAccountBar selected={selected} onDone={() => setSelection({})} />
        </div>
        {body}
      </Card>
      <ModeratorStatsCard query={stats} />
    </div>
  );
}
