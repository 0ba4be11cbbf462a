import { useRequest } from '../../../lib/useRequest';
import { fetchAccounts } from '../api/accountsApi';

/** GET /api/admin/accounts. */
export function useAccounts() {
  return useRequest(fetchAccounts);
}
