import { usePolledRequest } from '../../../lib/usePolledRequest';
import { fetchStats } from '../api/moderationApi';

/** GET /api/moderation/stats, every minute. */
export function useModerationStats() {
  return usePolledRequest(fetchStats, 60_000);
}
