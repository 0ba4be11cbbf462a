import { apiRequest } from '../../../lib/api';

import type { Account, SessionAnswer } from '../../../../../contract/auth';
import type { LoginBody, MeBody, PasswordChangeBody } from '../../../../../contract/auth.requests';
import type { z } from 'zod';
import type { zPasswordChanged } from '../../../../../contract/auth';

export { ROLES } from '../../../../../contract/auth';
export type { Role } from '../../../../../contract/auth';

/** Ids are opaque to the client: shown and sent back as they came (the server uses integers). */
export type Id = string | number;

/** A signed-in account (ids are numbers; the client shows and sends them back as they came). */
export type { Account } from '../../../../../contract/auth';
/** The account and the session's CSRF token (login, GET /api/auth/me). */
export type Session = SessionAnswer;

/** Email and password; after an admin reset, newPassword replaces the one-time password (403 password_change_required without it). */
export type Credentials = LoginBody;
export { MIN_PASSWORD_LENGTH } from '../../../../../contract/auth.requests';
/** POST /api/auth/password's answer: how many other sessions ended. */
export type PasswordChanged = z.infer<typeof zPasswordChanged>;

/** POST /api/auth/login. 401 `invalid_credentials` and 429 (with Retry-After) are the caller's to show. */
export function login(credentials: Credentials): Promise<Session> {
  return apiRequest<Session>('/api/auth/login', { method: 'POST', body: credentials, ignoreUnauthorized: true });
}

/** GET /api/auth/me: the current session, or ApiError 401 when there is none. */
export function fetchMe(signal?: AbortSignal): Promise<Session> {
  return apiRequest<Session>('/api/auth/me', { signal, ignoreUnauthorized: true });
}

/** POST /api/auth/logout → 204. */
export async function logout(): Promise<void> {
  await apiRequest<undefined>('/api/auth/logout', { method: 'POST', ignoreUnauthorized: true });
}

/** PATCH /api/auth/me { timezone } → { account }. */
export async function updateMe(changes: MeBody): Promise<Account> {
  const body = await apiRequest<{ account: Account }>('/api/auth/me', { method: 'PATCH', body: changes });
  return body.account;
}

/** POST /api/auth/password → { otherSessionsEnded }; 422 with details.field for a wrong current password. */
export function changePassword(body: PasswordChangeBody): Promise<PasswordChanged> {
  return apiRequest<PasswordChanged>('/api/auth/password', { method: 'POST', body });
}
