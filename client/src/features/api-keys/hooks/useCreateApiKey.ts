import { useMutation } from '../../../lib/useMutation';
import { createApiKey } from '../api/apiKeysApi';

/** POST /api/admin/api-keys. */
export function useCreateApiKey() {
  return useMutation(createApiKey);
}
