import { useCallback } from 'react';
import { useRequest } from '../../../lib/useRequest';
import { fetchCase } from '../api/moderationApi';

/** GET /api/moderation/cases/:id, again on refetch(). */
export function useModerationCase(id: number) {
  const request = useCallback((signal: AbortSignal) => fetchCase(id, signal), [id]);
  return useRequest(request);
}
