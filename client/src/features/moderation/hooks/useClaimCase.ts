import { useApiMutation } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { claimCase } from '../api/moderationApi';

/** POST /api/moderation/cases/:id/claim (also renews your own lease); the case and the queue are asked again. */
export function useClaimCase() {
  return useApiMutation(claimCase, { invalidates: (id) => [queryKeys.moderationCase(id), queryKeys.allQueues] });
}
