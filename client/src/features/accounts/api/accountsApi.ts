import { apiGet, apiRequest } from '../../../lib/api';
import type { z } from 'zod';
import type { AdminAccount, zPasswordReset } from '../../../../../contract/admin';
import type { AccountChangeBody, NewAccountBody } from '../../../../../contract/auth.requests';
import type { Id } from '../../auth/api/authApi';

export type { AdminAccount } from '../../../../../contract/admin';

/**
 * POST /api/admin/accounts's body. advertiserId (required exactly when role is "advertiser") may be
 * sent as typed when it is not a number, for the server to refuse with the field.
 */
export type NewAccount = Omit<NewAccountBody, 'advertiserId'> & { advertiserId?: Id };
export type AccountChanges = AccountChangeBody;
/** The one-time password (shown once) and how many of the account's sessions ended. */
export type PasswordReset = z.infer<typeof zPasswordReset>;

export { MIN_PASSWORD_LENGTH } from '../../../../../contract/auth.requests';

/** GET /api/admin/accounts. */
export async function fetchAccounts(signal: AbortSignal): Promise<AdminAccount[]> {
  const body = await apiGet<{ items: AdminAccount[] }>('/api/admin/accounts', signal);
  return body.items;
}

/** POST /api/admin/accounts → 201 { account }; 409 duplicate email, 422 unknown advertiser, 400 with details. */
export async function createAccount(account: NewAccount): Promise<AdminAccount> {
  const body = await apiRequest<{ account: AdminAccount }>('/api/admin/accounts', { method: 'POST', body: account });
  return body.account;
}

/** PATCH /api/admin/accounts/:id → { account }. */
export async function updateAccount({ id, changes }: { id: Id; changes: AccountChanges }): Promise<AdminAccount> {
  const body = await apiRequest<{ account: AdminAccount }>(`/api/admin/accounts/${encodeURIComponent(String(id))}`, {
    method: 'PATCH',
    body: changes,
  });
  return body.account;
}

/** POST /api/admin/accounts/:id/password-reset → a one-time password, shown once; the account's sessions end. */
export function resetPassword(id: Id): Promise<PasswordReset> {
  return apiRequest<PasswordReset>(`/api/admin/accounts/${encodeURIComponent(String(id))}/password-reset`, {
    method: 'POST',
  });
}
