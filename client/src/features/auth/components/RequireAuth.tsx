import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../hooks/useAuth';
import { SessionError, SessionLoading } from './SessionStates';

export interface LoginLocationState {
  /** Path (with query) the user wanted; the login page returns there. */
  from?: string;
}

/** Renders its children only with a session; without one, goes to /login remembering the page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, reload } = useAuth();
  const location = useLocation();

  if (state.status === 'loading') return <SessionLoading />;
  if (state.status === 'error') return <SessionError error={state.error} onRetry={reload} />;
  if (state.status === 'anonymous') {
    const loginState: LoginLocationState = { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={loginState} />;
  }
  return children;
}
