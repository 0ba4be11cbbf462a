import { createColumnHelper } from '@tanstack/react-table';
import { Card } from '../../../components/Card';
import { DataTable } from '../../../components/DataTable';
import { formatBytes, formatNumber } from '../../../lib/format';
import type { ClickHouseTable, PostgresTable } from '../api/statusApi';
import { STORE_LABEL, type StoreName } from './StoreHealthCard';

type TableRow = PostgresTable & { bytes?: number };

const column = createColumnHelper<TableRow>();

const NAME_COLUMN = column.accessor('name', {
  header: 'Table',
  cell: (info) => <span className="mono">{info.getValue()}</span>,
});
const ROWS_COLUMN = column.accessor('rows', {
  header: 'Rows',
  cell: (info) => formatNumber(info.getValue()),
  meta: { numeric: true },
});
const BYTES_COLUMN = column.accessor((row) => row.bytes ?? 0, {
  id: 'bytes',
  header: 'Size',
  cell: (info) => formatBytes(info.row.original.bytes),
  meta: { numeric: true },
});

const POSTGRES_COLUMNS = [NAME_COLUMN, ROWS_COLUMN];
const CLICKHOUSE_COLUMNS = [NAME_COLUMN, ROWS_COLUMN, BYTES_COLUMN];

type TableRowCountsCardProps = { store: 'postgres'; tables: PostgresTable[] } | { store: 'clickhouse'; tables: ClickHouseTable[] };

export function TableRowCountsCard({ store, tables }: TableRowCountsCardProps) {
  const rows: TableRow[] = tables;
  const totalRows = rows.reduce((sum, row) => sum + row.rows, 0);
  const totalBytes = store === 'clickhouse' ? tables.reduce((sum, row) => sum + row.bytes, 0) : undefined;
  const label = STORE_LABEL[store as StoreName];
  return (
    <Card
      title={`${label} tables`}
      actions={<span className="muted">{formatNumber(rows.length)} tables</span>}
      footer={
        rows.length > 0 ? (
          <span>
            Total <strong className="is-numeric-text">{formatNumber(totalRows)}</strong> rows
            {totalBytes !== undefined && (
              <>
                {' '}
                · <strong className="is-numeric-text">{formatBytes(totalBytes)}</strong>
              </>
            )}
          </span>
        ) : undefined
      }
      flush
      data-testid={`rows-${store}`}
    >
      <DataTable
        caption={`Row counts of the ${label} tables`}
        columns={store === 'clickhouse' ? CLICKHOUSE_COLUMNS : POSTGRES_COLUMNS}
        data={rows}
        initialSorting={[{ id: 'name', desc: false }]}
        getRowId={(row) => row.name}
        empty={`No tables in ${label} yet.`}
      />
    </Card>
  );
}
