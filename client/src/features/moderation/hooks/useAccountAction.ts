import { useCallback } from 'react';
import { useMutation } from '../../../lib/useMutation';
import { actOnAccount, actOnAccountsBulk, type AccountActionInput } from '../api/moderationApi';

/** POST /api/moderation/users/:id/actions */
export function useAccountAction(userId: number) {
  const request = useCallback((input: AccountActionInput) => actOnAccount(userId, input), [userId]);
  return useMutation(request);
}

/** POST /api/moderation/account-actions/bulk */
export function useBulkAccountAction() {
  return useMutation(actOnAccountsBulk);
}
