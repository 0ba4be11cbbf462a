import { useApiMutation } from '../../../lib/query';
import { login } from '../api/authApi';

/** POST /api/auth/login. */
export function useLogin() {
  return useApiMutation(login);
}
