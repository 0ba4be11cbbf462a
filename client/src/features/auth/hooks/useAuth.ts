import { createContext, useContext } from 'react';
import type { ApiError } from '../../../lib/api';
import type { Account, Session } from '../api/authApi';

export type AuthState =
  | { status: 'loading' }
  /** GET /api/auth/me failed without an answer about the session (network, 5xx). */
  | { status: 'error'; error: ApiError }
  | { status: 'anonymous' }
  | { status: 'authenticated'; account: Account };

export interface AuthContextValue {
  state: AuthState;
  /** After a successful login: keeps the CSRF token for later requests and the account for the UI. */
  signIn: (session: Session) => void;
  /** Forgets the session locally (after logout or a 401). */
  signOut: () => void;
  /** Replaces the account after PATCH /api/auth/me. */
  setAccount: (account: Account) => void;
  /** Asks GET /api/auth/me again (Retry on the start-up error screen). */
  reload: () => void;
}

export const AuthContext = createContext<AuthContextValue | undefined>(undefined);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in account; only for components rendered behind <RequireAuth>. */
export function useAccount(): Account {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useAccount must be used behind <RequireAuth>');
  return state.account;
}
