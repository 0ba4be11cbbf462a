import { useApiQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { fetchAccounts } from '../api/accountsApi';

/** GET /api/admin/accounts. */
export function useAccounts() {
  return useApiQuery({ key: queryKeys.accounts, fetch: fetchAccounts });
}
