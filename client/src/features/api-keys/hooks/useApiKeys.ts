import { useRequest } from '../../../lib/useRequest';
import { fetchApiKeys } from '../api/apiKeysApi';

/** GET /api/admin/api-keys. */
export function useApiKeys() {
  return useRequest(fetchApiKeys);
}
