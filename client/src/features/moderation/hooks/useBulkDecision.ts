import { useApiMutation } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { decideBulk } from '../api/moderationApi';

/** POST /api/moderation/decisions/bulk; everything under `moderation` is asked again. */
export function useBulkDecision() {
  return useApiMutation(decideBulk, { invalidates: [queryKeys.moderation] });
}
