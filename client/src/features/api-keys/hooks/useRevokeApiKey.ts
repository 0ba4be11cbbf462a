import { useMutation } from '../../../lib/useMutation';
import { revokeApiKey } from '../api/apiKeysApi';

/** DELETE /api/admin/api-keys/:id. */
export function useRevokeApiKey() {
  return useMutation(revokeApiKey);
}
