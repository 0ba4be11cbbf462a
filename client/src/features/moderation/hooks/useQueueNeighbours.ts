import { useApiQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { fetchQueue } from '../api/moderationApi';

/** The unresolved queue's first 200 case ids, for next/previous on the case page. */
export function useQueueNeighbours(caseId: number) {
  const queue = useApiQuery({ key: queryKeys.queueNeighbours, fetch: (signal) => fetchQueue({}, undefined, signal, 200) });
  const ids = queue.data?.items.map((item) => item.caseId) ?? [];
  const at = ids.indexOf(caseId);
  return {
    previous: at > 0 ? ids[at - 1] : undefined,
    // A case that left the queue (decided) goes on to the top case.
    next: at >= 0 ? ids[at + 1] : ids[0],
    position: at >= 0 ? at + 1 : undefined,
    total: ids.length,
  };
}
