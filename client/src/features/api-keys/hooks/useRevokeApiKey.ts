import { useApiMutation } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { revokeApiKey } from '../api/apiKeysApi';

/** DELETE /api/admin/api-keys/:id; the key list is asked again. */
export function useRevokeApiKey() {
  return useApiMutation(revokeApiKey, { invalidates: [queryKeys.apiKeys] });
}
