import { useMutation } from '../../../lib/useMutation';
import { login } from '../api/authApi';

/** POST /api/auth/login. */
export function useLogin() {
  return useMutation(login);
}
