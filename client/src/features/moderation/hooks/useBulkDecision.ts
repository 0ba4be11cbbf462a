import { useMutation } from '../../../lib/useMutation';
import { decideBulk } from '../api/moderationApi';

/** POST /api/moderation/decisions/bulk */
export function useBulkDecision() {
  return useMutation(decideBulk);
}
