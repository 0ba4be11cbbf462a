import { useEffect, useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { ApiError } from '../../../lib/api';
import { canOpen, defaultPathForRole } from '../../../navigation';
import { MIN_PASSWORD_LENGTH, type Role } from '../api/authApi';
import { useAuth } from '../hooks/useAuth';
import { useLogin } from '../hooks/useLogin';
import type { LoginLocationState } from './RequireAuth';
import { SessionError, SessionLoading } from './SessionStates';

function loginErrorMessage(error: ApiError): string {
  if (error.status === 401) return 'Wrong email or password.';
  if (error.status === 429) {
    if (error.retryAfterSeconds === undefined) return 'Too many attempts — try again later.';
    // Waits grow per failure from this address (1, 2, 4 … s), so short ones are said in seconds.
    if (error.retryAfterSeconds < 60)
      return `Too many attempts — try again in ${error.retryAfterSeconds} ${error.retryAfterSeconds === 1 ? 'second' : 'seconds'}.`;
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
    return `Too many attempts — try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
  }
  if (error.code === 'password_change_required') return 'This password was set by an admin for one sign-in: choose a new password below.';
  if (error.status === 0) return 'Could not reach the server. Check your connection and try again.';
  return error.message;
}

function targetAfterLogin(role: Role, from: string | undefined): string {
  if (from?.startsWith('/') && !from.startsWith('/login')) {
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
  // Shown once the server says the password is a one-time password set by an admin.
  const [mustChange, setMustChange] = useState(false);
  const [newPassword, setNewPassword] = useState('');
  const [newAgain, setNewAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const changeRequired = loginRequest.error?.code === 'password_change_required';
  useEffect(() => {
    if (changeRequired) setMustChange(true);
  }, [changeRequired]);

  if (state.status === 'loading') return <SessionLoading />;
  if (state.status === 'error') return <SessionError error={state.error} onRetry={reload} />;
  if (state.status === 'authenticated') {
    return <Navigate to={targetAfterLogin(state.account.role, from)} replace />;
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (loginRequest.isPending) return;
    if (mustChange && newPassword !== newAgain) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    const session = await loginRequest.run({ email: email.trim(), password, ...(mustChange ? { newPassword } : {}) });
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
          {mustChange && (
            <>
              <div className="field">
                <label className="field__label" htmlFor="login-new-password">
                  New password
                </label>
                <input
                  id="login-new-password"
                  className="input"
                  type="password"
                  name="newPassword"
                  autoComplete="new-password"
                  minLength={MIN_PASSWORD_LENGTH}
                  required
                  value={newPassword}
                  onChange={(event) => setNewPassword(event.target.value)}
                  aria-describedby="login-new-password-hint"
                />
                <p className="field__hint" id="login-new-password-hint">
                  {MIN_PASSWORD_LENGTH} characters or more; it replaces the one-time password.
                </p>
              </div>
              <div className="field">
                <label className="field__label" htmlFor="login-new-again">
                  New password again
                </label>
                <input
                  id="login-new-again"
                  className="input"
                  type="password"
                  name="newPasswordAgain"
                  autoComplete="new-password"
                  required
                  value={newAgain}
                  onChange={(event) => setNewAgain(event.target.value)}
                />
              </div>
              {mismatch && (
                <p className="form-error" role="alert">
                  The two new passwords differ.
                </p>
              )}
            </>
          )}
          <button type="submit" className="button button--primary button--block" disabled={loginRequest.isPending}>
            {loginRequest.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </main>
    </div>
  );
}
