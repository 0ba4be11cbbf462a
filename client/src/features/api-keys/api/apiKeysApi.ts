import { apiGet, apiRequest } from '../../../lib/api';
import type { Id } from '../../auth/api/authApi';

export const API_KEY_SCOPES = ['ingest'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export interface ApiKey {
  id: Id;
  name: string;
  /** The first characters of the key, enough to recognise it; the key itself is never stored. */
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface NewApiKey {
  name: string;
  scopes: ApiKeyScope[];
}

export interface CreatedApiKey {
  id: Id;
  /** The whole key, returned this once only. */
  key: string;
}

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
