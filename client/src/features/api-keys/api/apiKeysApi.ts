import { apiGet, apiRequest } from '../../../lib/api';
import type { ApiKey, CreatedApiKey } from '../../../../../contract/admin';
import type { NewApiKeyBody } from '../../../../../contract/auth.requests';
import type { Id } from '../../auth/api/authApi';

export { API_KEY_SCOPES } from '../../../../../contract/admin';
export type { ApiKey, ApiKeyScope, CreatedApiKey } from '../../../../../contract/admin';

export type NewApiKey = NewApiKeyBody;

/** GET /api/admin/api-keys. */
export async function fetchApiKeys(signal: AbortSignal): Promise<ApiKey[]> {
  const body = await apiGet<{ items: ApiKey[] }>('/api/admin/api-keys', signal);
  return body.items;
}

/** POST /api/admin/api-keys → 201 { id, key }. */
export function createApiKey(input: NewApiKey): Promise<CreatedApiKey> {
  return apiRequest<CreatedApiKey>('/api/admin/api-keys', { method: 'POST', body: input });
}

/** DELETE /api/admin/api-keys/:id → 204: revokes the key; resolves with its id. */
export async function revokeApiKey(id: Id): Promise<Id> {
  await apiRequest<undefined>(`/api/admin/api-keys/${encodeURIComponent(String(id))}`, { method: 'DELETE' });
  return id;
}
