import { useMutation } from '../../../lib/useMutation';
import { releaseCase } from '../api/moderationApi';

/** POST /api/moderation/cases/:id/release */
export function useReleaseCase() {
  return useMutation(releaseCase);
}
