import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { ApiError } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import { fetchMe, type Session } from '../api/authApi';

export type MeResult = { status: 'loading' } | { status: 'ok'; session: Session } | { status: 'anonymous' } | { status: 'error'; error: ApiError };

/**
 * GET /api/auth/me once per page load (and on reload()): a session, "anonymous" on 401, or the
 * error. Never stale on its own: sign-in and sign-out change the session, not this query.
 */
export function useMe(): { result: MeResult; reload: () => void } {
  const query = useQuery({ queryKey: queryKeys.me, queryFn: ({ signal }) => fetchMe(signal), retry: false, staleTime: Infinity, gcTime: Infinity });
  const { data, error, isFetching, refetch } = query;
  const result = useMemo<MeResult>(() => {
    if (isFetching) return { status: 'loading' };
    if (data) return { status: 'ok', session: data };
    if (error) return error.status === 401 ? { status: 'anonymous' } : { status: 'error', error };
    return { status: 'loading' };
  }, [data, error, isFetching]);
  const reload = useCallback(() => void refetch(), [refetch]);
  return { result, reload };
}
