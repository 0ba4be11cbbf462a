import { useApiQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { fetchHealth } from '../api/statusApi';

export const STATUS_REFRESH_MS = 10_000;

/** GET /api/health every 10 s (a 503 while starting is an answer, not an error). */
export function useHealth() {
  return useApiQuery({ key: queryKeys.health, fetch: fetchHealth, refetchMs: STATUS_REFRESH_MS });
}
