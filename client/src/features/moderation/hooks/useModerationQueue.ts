import { useCursorQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { fetchQueue, type QueueFilter } from '../api/moderationApi';

/**
 * GET /api/moderation/queue page by page, keyed by the filters: the first page for each filter
 * (the previous filter's cases stay on screen while it loads), then loadMore() appends; reload()
 * and any decision or claim (they invalidate the queue) ask the loaded pages again.
 */
export function useModerationQueue(filter: QueueFilter) {
  return useCursorQuery({ key: queryKeys.queue(filter), fetchPage: (cursor, signal) => fetchQueue(filter, cursor, signal), keepPrevious: true });
}
