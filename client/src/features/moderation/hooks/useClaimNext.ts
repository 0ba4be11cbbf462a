import { useMutation } from '../../../lib/useMutation';
import { claimNext } from '../api/moderationApi';

/** POST /api/moderation/claim-next */
export function useClaimNext() {
  return useMutation(claimNext);
}
