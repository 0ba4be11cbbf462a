import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from '../hooks/useAuth';
import { SessionError, SessionLoading } from './SessionStates';
import { ConsoleStarting } from '../../status/components/ConsoleStarting';

export interface LoginLocationState {
  /** Path (with query) the user wanted; the login page returns there. */
  from?: string;
}

/** Renders its children only with a session; without one, goes to /login remembering the page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, reload } = useAuth();
  const location = useLocation();

  if (state.status === 'loading') return <SessionLoading />;
  if (state.status === 'error') {
    // 503 `starting`: migrations or the demo load; the start-up page shows how far it is.
    if (state.error.code === 'starting') return <ConsoleStarting onStarted={reload} />;
    return <SessionError error={state.error} onRetry={reload} />;
  }
  if (state.status === 'anonymous') {
    const loginState: LoginLocationState = { from: `${location.pathname}${location.search}` };
    return <Navigate to="/login" replace state={loginState} />;
  }
  return children;
}
