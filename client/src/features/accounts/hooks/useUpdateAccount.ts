import { useMutation } from '../../../lib/useMutation';
import { updateAccount } from '../api/accountsApi';

/** PATCH /api/admin/accounts/:id. */
export function useUpdateAccount() {
  return useMutation(updateAccount);
}
