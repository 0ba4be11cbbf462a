import { useCallback } from 'react';
import { useMutation } from '../../../lib/useMutation';
import { decideCase, type DecisionInput } from '../api/moderationApi';

/** POST /api/moderation/cases/:id/decision */
export function useDecideCase(id: number) {
  const request = useCallback((input: DecisionInput) => decideCase(id, input), [id]);
  return useMutation(request);
}
