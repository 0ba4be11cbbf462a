import { useApiQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { fetchCase } from '../api/moderationApi';

/** GET /api/moderation/cases/:id; asked again after a claim, release, decision or account action. */
export function useModerationCase(id: number) {
  return useApiQuery({ key: queryKeys.moderationCase(id), fetch: (signal) => fetchCase(id, signal) });
}
