import { useApiMutation } from '../../../lib/query';
import { updateMe } from '../api/authApi';

/** PATCH /api/auth/me (the account's timezone). The dashboards key on the timezone, so nothing goes stale. */
export function useUpdateMe() {
  return useApiMutation(updateMe);
}
