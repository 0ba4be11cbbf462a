import type { ReactNode } from 'react';
import { Card } from '../../../components/Card';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import type { ApiQuery } from '../../../lib/query';

interface PanelProps<T> {
  title: ReactNode;
  request: ApiQuery<T>;
  /** True when the answer has nothing to show: the empty state replaces the body. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  actions?: ReactNode;
  flush?: boolean;
  skeletonLines?: number;
  children: (data: T) => ReactNode;
  testId?: string;
}

/** A card with the four states of a dashboard panel: loading skeleton, error with retry, empty, data. */
export function Panel<T>({
  title,
  request,
  isEmpty,
  empty = 'No data in this time range.',
  actions,
  flush,
  skeletonLines = 5,
  children,
  testId,
}: PanelProps<T>) {
  const { data, error } = request;
  let body: ReactNode;
  if (data === undefined) {
    body = error ? (
      <ErrorState title="Could not load this panel" error={error} onRetry={request.refetch} />
    ) : (
      <LoadingRegion label="Loading">
        <div className="dash-skeleton">
          <SkeletonLines lines={skeletonLines} />
        </div>
      </LoadingRegion>
    );
  } else if (isEmpty?.(data)) {
    body = <EmptyState>{empty}</EmptyState>;
  } else {
    body = (
      <>
        {error && <ErrorState compact title="Could not refresh; showing the previous answer" error={error} onRetry={request.refetch} />}
        {children(data)}
      </>
    );
  }
  return (
    <Card title={title} actions={actions} flush={flush && data !== undefined && !(isEmpty?.(data) ?? false)} data-testid={testId}>
      {body}
    </Card>
  );
}
