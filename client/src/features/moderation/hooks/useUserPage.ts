import { useApiQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { fetchUser } from '../api/moderationApi';

/** GET /api/moderation/users/:id; asked again after an account action. */
export function useUserPage(id: number) {
  return useApiQuery({ key: queryKeys.user(id), fetch: (signal) => fetchUser(id, signal) });
}
