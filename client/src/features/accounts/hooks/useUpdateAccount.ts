import { useApiMutation } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { updateAccount } from '../api/accountsApi';

/** PATCH /api/admin/accounts/:id; the account list is asked again. */
export function useUpdateAccount() {
  return useApiMutation(updateAccount, { invalidates: [queryKeys.accounts] });
}
