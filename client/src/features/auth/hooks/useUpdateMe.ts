import { useMutation } from '../../../lib/useMutation';
import { updateMe } from '../api/authApi';

/** PATCH /api/auth/me (the account's timezone). */
export function useUpdateMe() {
  return useMutation(updateMe);
}
