import { useCallback } from 'react';
import { useRequest } from '../../../lib/useRequest';
import { fetchUser } from '../api/moderationApi';

/** GET /api/moderation/users/:id, again on refetch(). */
export function useUserPage(id: number) {
  const request = useCallback((signal: AbortSignal) => fetchUser(id, signal), [id]);
  return useRequest(request);
}
