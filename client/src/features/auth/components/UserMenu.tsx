import { useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { StatusBadge } from '../../../components/StatusBadge';
import { timezoneOptions } from '../../../lib/timezone';
import { useAccount, useAuth } from '../hooks/useAuth';
import { useLogout } from '../hooks/useLogout';
import { useUpdateMe } from '../hooks/useUpdateMe';

/**
 * The signed-in account in the top bar: email, role, the timezone dashboards use (saved on the
 * account with PATCH /api/auth/me), the account page (password change) and Sign out. Laid out inline, so every control is one click.
 */
export function UserMenu() {
  const account = useAccount();
  const { setAccount, signOut } = useAuth();
  const navigate = useNavigate();
  const updateMe = useUpdateMe();
  const logoutRequest = useLogout();
  const queryClient = useQueryClient();
  const timezoneId = useId();

  const onTimezoneChange = async (timezone: string) => {
    const updated = await updateMe.run({ timezone });
    if (updated) setAccount(updated);
  };

  const onSignOut = async () => {
    // A page's requests still on their way (a slow panel, a retry) would reach the server after
    // the session is gone and come back 401: they are aborted first.
    await queryClient.cancelQueries();
    // Whatever the answer, this browser forgets the session; a failed logout only leaves a
    // server-side session that expires on its own.
    await logoutRequest.run(undefined);
    navigate('/login', { replace: true });
    signOut();
  };

  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-menu__email" data-testid="user-email" title={account.email}>
        {account.email}
      </span>
      <span data-testid="user-role">
        <StatusBadge tone={account.role === 'admin' ? 'info' : 'neutral'}>{account.role}</StatusBadge>
      </span>
      <label className="visually-hidden" htmlFor={timezoneId}>
        Timezone
      </label>
      <select
        id={timezoneId}
        className="select select--compact"
        value={account.timezone}
        disabled={updateMe.isPending}
        onChange={(event) => void onTimezoneChange(event.target.value)}
        title="Timezone for dates and dashboards"
        data-testid="user-timezone"
      >
        {timezoneOptions(account.timezone).map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </select>
      {updateMe.error && (
        <span className="user-menu__error" role="alert" title={updateMe.error.message}>
          Timezone not saved
        </span>
      )}
      <Link to="/account" className="button button--ghost" data-testid="account-link">
        Password
      </Link>
      <button type="button" className="button button--ghost" onClick={() => void onSignOut()} disabled={logoutRequest.isPending} data-testid="sign-out">
        Sign out
      </button>
    </div>
  );
}
