import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { Card } from '../../../components/Card';
import { DataTable } from '../../../components/DataTable';
import { ConfirmDialog } from '../../../components/Dialog';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { StatusBadge } from '../../../components/StatusBadge';
import { EMPTY_VALUE, formatDateTimeInZone, formatNumber } from '../../../lib/format';
import { useAccount } from '../../auth/hooks/useAuth';
import type { ApiKey, CreatedApiKey } from '../api/apiKeysApi';
import { useApiKeys } from '../hooks/useApiKeys';
import { useRevokeApiKey } from '../hooks/useRevokeApiKey';
import { ApiKeyOnceDialog } from './ApiKeyOnceDialog';
import { CreateApiKeyForm } from './CreateApiKeyForm';

const column = createColumnHelper<ApiKey>();

function apiKeyColumns(timezone: string, onRevoke: (key: ApiKey) => void) {
  const time = (value: string | null) =>
    value ? (
      <time dateTime={value} className="nowrap">
        {formatDateTimeInZone(value, timezone)}
      </time>
    ) : (
      EMPTY_VALUE
    );
  return [
    column.accessor('name', { header: 'Name', cell: (info) => <span className="cell-strong">{info.getValue()}</span> }),
    column.accessor('prefix', { header: 'Prefix', cell: (info) => <span className="mono">{info.getValue()}…</span> }),
    column.accessor((row) => row.scopes.join(', '), { id: 'scopes', header: 'Scopes' }),
    column.accessor('createdAt', { header: 'Created', cell: (info) => time(info.getValue()) }),
    column.accessor('lastUsedAt', {
      header: 'Last used',
      cell: (info) => (info.getValue() ? time(info.getValue()) : <span className="muted">Never</span>),
    }),
    column.accessor('revokedAt', {
      header: 'Status',
      cell: (info) =>
        info.getValue() ? (
          <span title={formatDateTimeInZone(info.getValue(), timezone)}>
            <StatusBadge tone="neutral">REVOKED</StatusBadge>
          </span>
        ) : (
          <StatusBadge tone="ok">ACTIVE</StatusBadge>
        ),
    }),
    column.display({
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      cell: ({ row }) =>
        row.original.revokedAt ? null : (
          <button
            type="button"
            className="button button--small button--danger-outline"
            onClick={() => onRevoke(row.original)}
            data-testid={`api-key-revoke-${row.original.id}`}
          >
            Revoke<span className="visually-hidden"> {row.original.name}</span>
          </button>
        ),
    }),
  ];
}

export function ApiKeysPage() {
  const self = useAccount();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [revoking, setRevoking] = useState<ApiKey | undefined>(undefined);
  const [created, setCreated] = useState<{ key: string; name: string } | undefined>(undefined);

  const columns = useMemo(
    () =>
      apiKeyColumns(self.timezone, (key) => {
        revoke.reset();
        setRevoking(key);
      }),
    [self.timezone, revoke.reset],
  );

  const onCreated = (result: CreatedApiKey, name: string) => {
    setCreated({ key: result.key, name });
  };

  const confirmRevoke = async () => {
    if (!revoking) return;
    const revokedId = await revoke.run(revoking.id);
    if (revokedId !== undefined) setRevoking(undefined);
  };

  let body;
  if (keys.data === undefined) {
    body = keys.error ? (
      <div className="card__body">
        <ErrorState title="Could not load API keys" error={keys.error} onRetry={keys.refetch} compact />
      </div>
    ) : (
      <LoadingRegion label="Loading API keys">
        <div className="card__body">
          <SkeletonLines lines={5} />
        </div>
      </LoadingRegion>
    );
  } else {
    body = (
      <DataTable
        caption="Ingest API keys"
        columns={columns}
        data={keys.data}
        initialSorting={[{ id: 'createdAt', desc: true }]}
        getRowId={(row) => String(row.id)}
        empty="No API keys yet. Create one for each system that sends events to the ingest API."
        data-testid="api-keys-table"
      />
    );
  }

  const activeCount = keys.data?.filter((key) => !key.revokedAt).length;

  return (
    <div className="page" data-testid="api-keys-page">
      <PageHeader
        title="API keys"
        description="Keys the platform uses to send events to the ingest API. A key is shown once, when created."
        actions={
          <button type="button" className="button" onClick={keys.refetch} disabled={keys.isFetching}>
            Refresh
          </button>
        }
      />
      <div className="layout-aside">
        <div>
          {keys.error && keys.data !== undefined && <ErrorState compact title="Could not refresh API keys" error={keys.error} onRetry={keys.refetch} />}
          <Card title="Keys" flush actions={activeCount !== undefined ? <span className="muted">{formatNumber(activeCount)} active</span> : undefined}>
            {body}
          </Card>
        </div>
        <CreateApiKeyForm onCreated={onCreated} />
      </div>

      <ApiKeyOnceDialog apiKey={created?.key} name={created?.name ?? ''} onClose={() => setCreated(undefined)} />

      <ConfirmDialog
        open={revoking !== undefined}
        title="Revoke API key?"
        confirmLabel="Revoke key"
        danger
        pending={revoke.isPending}
        error={
          revoke.error && (
            <p className="form-error" role="alert">
              {revoke.error.message}
            </p>
          )
        }
        onConfirm={() => void confirmRevoke()}
        onCancel={() => setRevoking(undefined)}
      >
        <p>
          Requests signed with <strong>{revoking?.name}</strong> (<span className="mono">{revoking?.prefix}…</span>) will be refused from now on. This cannot be
          undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
