import { PageHeader } from './PageHeader';
import { LoadingRegion, SkeletonLines } from './Skeleton';

/** What a page shows while its code loads (the first time it is opened): its title and a skeleton. */
export function PageLoading({ title }: { title: string }) {
  return (
    <div className="page" data-testid="page-loading">
      <PageHeader title={title} />
      <LoadingRegion label={`Loading ${title}`}>
        <div className="card">
          <div className="card__body">
            <SkeletonLines lines={8} />
          </div>
        </div>
      </LoadingRegion>
    </div>
  );
}
