import { useApiMutation } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { decideCase, type DecisionInput } from '../api/moderationApi';

/** POST /api/moderation/cases/:id/decision; everything under `moderation` (queue, case, stats, users) is asked again. */
export function useDecideCase(id: number) {
  return useApiMutation((input: DecisionInput) => decideCase(id, input), { invalidates: [queryKeys.moderation] });
}
