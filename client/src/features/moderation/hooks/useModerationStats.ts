import { useApiQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { fetchStats } from '../api/moderationApi';

/** GET /api/moderation/stats, every minute. */
export function useModerationStats() {
  return useApiQuery({ key: queryKeys.moderationStats, fetch: fetchStats, refetchMs: 60_000 });
}
