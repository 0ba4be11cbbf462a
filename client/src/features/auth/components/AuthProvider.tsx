import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Outlet } from 'react-router-dom';
import { setCsrfToken, setUnauthorizedHandler } from '../../../lib/api';
import { queryKeys } from '../../../lib/queryKeys';
import type { Account, Session } from '../api/authApi';
import { AuthContext, type AuthContextValue, type AuthState } from '../hooks/useAuth';
import { useMe } from '../hooks/useMe';

/**
 * Holds the session: asks GET /api/auth/me on load, keeps the account and the CSRF token in
 * memory (never in storage), and drops to "anonymous" when any API call answers 401, which
 * sends the user to /login through <RequireAuth>. Signing in drops every cached answer but the
 * session's own (the login page shows none), so no page shows what the previous account could see.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const { result, reload } = useMe();
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const queryClient = useQueryClient();
  const forgetAnswers = useCallback(() => queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] }), [queryClient]);

  useEffect(() => {
    switch (result.status) {
      case 'ok':
        setCsrfToken(result.session.csrfToken);
        setState({ status: 'authenticated', account: result.session.account });
        break;
      case 'anonymous':
        setCsrfToken(undefined);
        setState({ status: 'anonymous' });
        break;
      case 'error':
        setState({ status: 'error', error: result.error });
        break;
      case 'loading':
        setState({ status: 'loading' });
        break;
    }
  }, [result]);

  const signOut = useCallback(() => {
    setCsrfToken(undefined);
    setState({ status: 'anonymous' });
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(signOut);
    return () => setUnauthorizedHandler(undefined);
  }, [signOut]);

  const signIn = useCallback(
    (session: Session) => {
      setCsrfToken(session.csrfToken);
      forgetAnswers();
      setState({ status: 'authenticated', account: session.account });
    },
    [forgetAnswers],
  );

  const setAccount = useCallback((account: Account) => {
    setState((previous) => (previous.status === 'authenticated' ? { status: 'authenticated', account } : previous));
  }, []);

  const value = useMemo<AuthContextValue>(() => ({ state, signIn, signOut, setAccount, reload }), [state, signIn, signOut, setAccount, reload]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** Root route element: everything under it, /login included, can read the session. */
export function AuthRoot() {
  return (
    <AuthProvider>
      <Outlet />
    </AuthProvider>
  );
}
