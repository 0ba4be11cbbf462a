import { apiGet, apiRequest } from '../../../lib/api';
import type { AdminAccount } from '../../../../../contract/admin';
import type { Id, Role } from '../../auth/api/authApi';

export type { AdminAccount } from '../../../../../contract/admin';

export interface NewAccount {
  email: string;
  /** At least 12 characters (the server checks too). */
  password: string;
  role: Role;
  /** Required exactly when role is "advertiser". */
  advertiserId?: Id;
}

export interface AccountChanges {
  disabled?: boolean;
  role?: Role;
  timezone?: string;
}

export const MIN_PASSWORD_LENGTH = 12;

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
export function resetPassword(id: Id): Promise<{ oneTimePassword: string; sessionsEnded: number }> {
  return apiRequest<{ oneTimePassword: string; sessionsEnded: number }>(`/api/admin/accounts/${encodeURIComponent(String(id))}/password-reset`, {
    method: 'POST',
  });
}
