import { useApiMutation } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { claimNext } from '../api/moderationApi';

/** POST /api/moderation/claim-next; the queue shows the new lease. */
export function useClaimNext() {
  return useApiMutation(claimNext, { invalidates: [queryKeys.allQueues] });
}
