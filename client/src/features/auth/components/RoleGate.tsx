import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../../components/PageHeader';
import { defaultPathForRole } from '../../../navigation';
import type { Role } from '../api/authApi';
import { useAccount } from '../hooks/useAuth';

/**
 * Shows the page only to the roles listed for it in navigation.ts. This is for clarity, not
 * security: the server refuses the data anyway (docs/architecture.md#roles).
 */
export function RoleGate({ roles, title, children }: { roles: readonly Role[]; title: string; children: ReactNode }) {
  const account = useAccount();
  if (roles.includes(account.role)) return children;
  return (
    <>
      <PageHeader title={title} />
      <div className="placeholder" data-testid="no-access">
        <p className="placeholder__title">You don't have access to this page</p>
        <p className="placeholder__text">
          Your role (<strong>{account.role}</strong>) cannot open {title}. Ask an admin if you need it, or go to{' '}
          <Link to={defaultPathForRole(account.role)}>your start page</Link>.
        </p>
      </div>
    </>
  );
}
