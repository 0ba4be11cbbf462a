import { useApiQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { fetchStatus } from '../api/statusApi';
import { STATUS_REFRESH_MS } from './useHealth';

/** GET /api/status every 10 s. */
export function useStatus() {
  return useApiQuery({ key: queryKeys.status, fetch: fetchStatus, refetchMs: STATUS_REFRESH_MS });
}
