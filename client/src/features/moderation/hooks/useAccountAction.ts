import { useApiMutation } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { actOnAccount, actOnAccountsBulk, type AccountActionInput } from '../api/moderationApi';

/**
 * POST /api/moderation/users/:id/actions. A standing shows on the user's page, on the cases of
 * their videos and in the queue, and a suspension hides videos: everything under `moderation`
 * is asked again.
 */
export function useAccountAction(userId: number) {
  return useApiMutation((input: AccountActionInput) => actOnAccount(userId, input), { invalidates: [queryKeys.moderation] });
}

/** POST /api/moderation/account-actions/bulk */
export function useBulkAccountAction() {
  return useApiMutation(actOnAccountsBulk, { invalidates: [queryKeys.moderation] });
}
