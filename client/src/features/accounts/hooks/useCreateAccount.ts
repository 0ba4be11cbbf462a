import { useApiMutation } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { createAccount } from '../api/accountsApi';

/** POST /api/admin/accounts; the account list is asked again. */
export function useCreateAccount() {
  return useApiMutation(createAccount, { invalidates: [queryKeys.accounts] });
}
