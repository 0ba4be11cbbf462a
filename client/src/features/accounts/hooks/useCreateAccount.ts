import { useMutation } from '../../../lib/useMutation';
import { createAccount } from '../api/accountsApi';

/** POST /api/admin/accounts. */
export function useCreateAccount() {
  return useMutation(createAccount);
}
