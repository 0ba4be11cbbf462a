import { useApiQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { fetchApiKeys } from '../api/apiKeysApi';

/** GET /api/admin/api-keys. */
export function useApiKeys() {
  return useApiQuery({ key: queryKeys.apiKeys, fetch: fetchApiKeys });
}
