import { useApiMutation } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { releaseCase } from '../api/moderationApi';

/** POST /api/moderation/cases/:id/release; the case and the queue are asked again. */
export function useReleaseCase() {
  return useApiMutation(releaseCase, { invalidates: (id) => [queryKeys.moderationCase(id), queryKeys.allQueues] });
}
