import { useApiMutation } from '../../../lib/query';
import { logout } from '../api/authApi';

/** POST /api/auth/logout. */
export function useLogout() {
  return useApiMutation(logout);
}
