import { createColumnHelper } from '@tanstack/react-table';
import { Card } from '../../../components/Card';
import { DataTable } from '../../../components/DataTable';
import { formatDateTime, formatNumber, formatRelativeTime } from '../../../lib/format';
import type { AppliedMigration } from '../api/statusApi';
import { STORE_LABEL, type StoreName } from './StoreHealthCard';

const column = createColumnHelper<AppliedMigration>();

function migrationColumns(now: Date) {
  return [
    column.accessor('version', {
      header: 'Version',
      cell: (info) => <span className="mono">{String(info.getValue()).padStart(3, '0')}</span>,
      meta: { numeric: true },
    }),
    column.accessor('name', {
      header: 'Name',
      cell: (info) => <span className="mono">{info.getValue()}</span>,
    }),
    column.accessor('appliedAt', {
      header: 'Applied',
      cell: (info) => (
        <time dateTime={info.getValue()} title={formatDateTime(info.getValue())}>
          {formatRelativeTime(info.getValue(), now)}
        </time>
      ),
    }),
  ];
}

interface MigrationsCardProps {
  store: StoreName;
  migrations: AppliedMigration[];
  now: Date;
}

export function MigrationsCard({ store, migrations, now }: MigrationsCardProps) {
  const label = STORE_LABEL[store];
  return (
    <Card
      title={`${label} migrations`}
      actions={<span className="muted">{formatNumber(migrations.length)} applied</span>}
      flush
      data-testid={`migrations-${store}`}
    >
      <DataTable
        caption={`Migrations applied to ${label}`}
        columns={migrationColumns(now)}
        data={migrations}
        initialSorting={[{ id: 'version', desc: true }]}
        getRowId={(row) => String(row.version)}
        empty={`No migrations recorded in ${label}.`}
      />
    </Card>
  );
}
