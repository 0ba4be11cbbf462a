import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Card } from '../../../components/Card';
import { DataTable } from '../../../components/DataTable';
import { ConfirmDialog } from '../../../components/Dialog';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { StatusBadge } from '../../../components/StatusBadge';
import { EMPTY_VALUE, formatDateInZone, formatDateTimeInZone, formatNumber } from '../../../lib/format';
import { useAccount } from '../../auth/hooks/useAuth';
import type { AdminAccount } from '../api/accountsApi';
import { useAccounts } from '../hooks/useAccounts';
import { useUpdateAccount } from '../hooks/useUpdateAccount';
import { CreateAccountForm } from './CreateAccountForm';
import { ResetPasswordDialog } from './ResetPasswordDialog';

const column = createColumnHelper<AdminAccount>();

function accountColumns(selfId: string, timezone: string, onToggle: (account: AdminAccount) => void, onReset: (account: AdminAccount) => void) {
  return [
    column.accessor('email', { header: 'Email', cell: (info) => <span className="cell-strong">{info.getValue()}</span> }),
    column.accessor('role', { header: 'Role' }),
    column.accessor('advertiserId', {
      header: 'Advertiser',
      cell: (info) => <span className="mono">{info.getValue() ?? EMPTY_VALUE}</span>,
    }),
    column.accessor('timezone', { header: 'Timezone' }),
    column.accessor('disabled', {
      header: 'Status',
      cell: (info) => (info.getValue() ? <StatusBadge tone="critical">DISABLED</StatusBadge> : <StatusBadge tone="ok">ACTIVE</StatusBadge>),
    }),
    column.accessor('createdAt', {
      header: 'Created',
      cell: (info) => (
        <time dateTime={info.getValue()} className="nowrap" title={formatDateTimeInZone(info.getValue(), timezone)}>
          {formatDateInZone(info.getValue(), timezone)}
        </time>
      ),
    }),
    column.display({
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      cell: ({ row }) => {
        const account = row.original;
        const isSelf = String(account.id) === selfId;
        return (
          <span className="nowrap">
            <button
              type="button"
              className="button button--small"
              onClick={() => onReset(account)}
              disabled={isSelf}
              title={isSelf ? 'Change your own password from the Password page' : undefined}
              data-testid={`account-reset-${account.id}`}
            >
              Reset password
              <span className="visually-hidden"> of {account.email}</span>
            </button>{' '}
            <button
              type="button"
              className={account.disabled ? 'button button--small' : 'button button--small button--danger-outline'}
              onClick={() => onToggle(account)}
              disabled={isSelf}
              title={isSelf ? 'You cannot disable your own account' : undefined}
              data-testid={`account-toggle-${account.id}`}
            >
              {account.disabled ? 'Enable' : 'Disable'}
              <span className="visually-hidden"> {account.email}</span>
            </button>
          </span>
        );
      },
    }),
  ];
}

function TableSkeleton() {
  return (
    <LoadingRegion label="Loading accounts">
      <div className="card__body">
        <SkeletonLines lines={6} />
      </div>
    </LoadingRegion>
  );
}

export function AccountsPage() {
  const self = useAccount();
  const accounts = useAccounts();
  const update = useUpdateAccount();
  const [toggling, setToggling] = useState<AdminAccount | undefined>(undefined);
  const [resetting, setResetting] = useState<AdminAccount | undefined>(undefined);

  const columns = useMemo(
    () =>
      accountColumns(
        String(self.id),
        self.timezone,
        (account) => {
          update.reset();
          setToggling(account);
        },
        setResetting,
      ),
    [self.id, self.timezone, update.reset],
  );

  const confirmToggle = async () => {
    if (!toggling) return;
    const result = await update.run({ id: toggling.id, changes: { disabled: !toggling.disabled } });
    if (result) setToggling(undefined);
  };

  let body;
  if (accounts.data === undefined) {
    body = accounts.error ? (
      <div className="card__body">
        <ErrorState title="Could not load accounts" error={accounts.error} onRetry={accounts.refetch} compact />
      </div>
    ) : (
      <TableSkeleton />
    );
  } else {
    body = (
      <DataTable
        caption="Console accounts"
        columns={columns}
        data={accounts.data}
        initialSorting={[{ id: 'email', desc: false }]}
        getRowId={(row) => String(row.id)}
        empty="No accounts yet. Create the first one with the form."
        data-testid="accounts-table"
      />
    );
  }

  return (
    <div className="page" data-testid="accounts-page">
      <PageHeader
        title="Accounts"
        description="Console logins and their roles: create an account, or disable one to stop its sign-ins."
        actions={
          <button type="button" className="button" onClick={accounts.refetch} disabled={accounts.isFetching}>
            Refresh
          </button>
        }
      />
      <div className="layout-aside">
        <div>
          {accounts.error && accounts.data !== undefined && (
            <ErrorState compact title="Could not refresh accounts" error={accounts.error} onRetry={accounts.refetch} />
          )}
          <Card
            title="Accounts"
            flush
            actions={accounts.data !== undefined ? <span className="muted">{formatNumber(accounts.data.length)} total</span> : undefined}
          >
            {body}
          </Card>
        </div>
        <CreateAccountForm />
      </div>

      <ConfirmDialog
        open={toggling !== undefined}
        title={toggling?.disabled ? 'Enable account?' : 'Disable account?'}
        confirmLabel={toggling?.disabled ? 'Enable account' : 'Disable account'}
        danger={!toggling?.disabled}
        pending={update.isPending}
        error={
          update.error && (
            <p className="form-error" role="alert">
              {update.error.message}
            </p>
          )
        }
        onConfirm={() => void confirmToggle()}
        onCancel={() => setToggling(undefined)}
      >
        <p>
          {toggling?.disabled
            ? `${toggling.email} will be able to sign in again.`
            : `${toggling?.email ?? ''} will be signed out and cannot sign in until enabled again.`}
        </p>
      </ConfirmDialog>
      <ResetPasswordDialog account={resetting} onClose={() => setResetting(undefined)} />
    </div>
  );
}
