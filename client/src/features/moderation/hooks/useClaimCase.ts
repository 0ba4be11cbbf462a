import { useMutation } from '../../../lib/useMutation';
import { claimCase } from '../api/moderationApi';

/** POST /api/moderation/cases/:id/claim (also renews your own lease). */
export function useClaimCase() {
  return useMutation(claimCase);
}
