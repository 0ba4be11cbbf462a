import { useApiMutation } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { createApiKey } from '../api/apiKeysApi';

/** POST /api/admin/api-keys; the key list is asked again. */
export function useCreateApiKey() {
  return useApiMutation(createApiKey, { invalidates: [queryKeys.apiKeys] });
}
