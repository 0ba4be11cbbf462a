import { useMutation } from '../../../lib/useMutation';
import { logout } from '../api/authApi';

/** POST /api/auth/logout. */
export function useLogout() {
  return useMutation(logout);
}
