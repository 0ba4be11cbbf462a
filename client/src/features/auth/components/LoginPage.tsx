import { useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { ApiError } from '../../../lib/api';
import { canOpen, defaultPathForRole } from '../../../navigation';
import type { Role } from '../api/authApi';
import { useAuth } from '../hooks/useAuth';
import { useLogin } from '../hooks/useLogin';
import type { LoginLocationState } from './RequireAuth';
import { SessionError, SessionLoading } from './SessionStates';

function loginErrorMessage(error: ApiError): string {
  if (error.status === 401) return 'Wrong email or password.';
  if (error.status === 429) {
    if (error.retryAfterSeconds === undefined) return 'Too many attempts — try again later.';
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
    return `Too many attempts — try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
  }
  if (error.status === 0) return 'Could not reach the server. Check your connection and try again.';
  return error.message;
}

function targetAfterLogin(role: Role, from: string | undefined): string {
  if (from && from.startsWith('/') && !from.startsWith('/login')) {
    const pathname = from.split('?')[0] ?? from;
    if (pathname !== '/' && canOpen(role, pathname)) return from;
  }
  return defaultPathForRole(role);
}

export function LoginPage() {
  const { state, signIn, reload } = useAuth();
  const location = useLocation();
  const from = (location.state as LoginLocationState | null)?.from;
  const loginRequest = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');

  if (state.status === 'loading') return <SessionLoading />;
  if (state.status === 'error') return <SessionError error={state.error} onRetry={reload} />;
  if (state.status === 'authenticated') {
    return <Navigate to={targetAfterLogin(state.account.role, from)} replace />;
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (loginRequest.isPending) return;
    const session = await loginRequest.run({ email: email.trim(), password });
    if (session) signIn(session);
  };

  return (
    <div className="full-page login">
      <title>Sign in · Pulse Console</title>
      <main className="login__panel">
        <div className="login__brand">
          <span className="brand-mark brand-mark--large" aria-hidden="true" />
          <span className="login__brand-name">Pulse Console</span>
        </div>
        <h1 className="login__title">Sign in</h1>
        <form className="form" onSubmit={onSubmit} data-testid="login-form" noValidate={false}>
          {loginRequest.error && (
            <p className="form-error" role="alert" data-testid="login-error">
              {loginErrorMessage(loginRequest.error)}
            </p>
          )}
          <div className="field">
            <label className="field__label" htmlFor="login-email">
              Email
            </label>
            <input
              id="login-email"
              className="input"
              type="email"
              name="email"
              autoComplete="username"
              autoFocus
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="login-password">
              Password
            </label>
            <input
              id="login-password"
              className="input"
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button type="submit" className="button button--primary button--block" disabled={loginRequest.isPending}>
            {loginRequest.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
    </div>
  );
}
