import { ScrollRegion } from '../../../components/ScrollRegion';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type ExpandedState } from '@tanstack/react-table';
import { Fragment, useMemo, useState } from 'react';
import { EMPTY_VALUE, formatDateTimeInZone } from '../../../lib/format';
import type { AuditEntry } from '../api/auditLogApi';

const column = createColumnHelper<AuditEntry>();

function json(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  return JSON.stringify(value, null, 2);
}

function auditColumns(timezone: string) {
  return [
    column.accessor('at', {
      header: 'Time',
      cell: (info) => (
        <time dateTime={info.getValue()} className="nowrap">
          {formatDateTimeInZone(info.getValue(), timezone)}
        </time>
      ),
    }),
    column.accessor((row) => row.actorEmail ?? row.actorId ?? '', {
      id: 'actor',
      header: 'Actor',
      cell: ({ row }) => (
        <>
          {row.original.actorEmail ?? <span className="muted">system</span>}
          {row.original.actorId && <span className="table__sub muted mono">{row.original.actorId}</span>}
        </>
      ),
    }),
    column.accessor('action', { header: 'Action', cell: (info) => <span className="mono">{info.getValue()}</span> }),
    column.accessor((row) => `${row.targetType ?? ''}:${row.targetId ?? ''}`, {
      id: 'target',
      header: 'Target',
      cell: ({ row }) =>
        row.original.targetType ? (
          <>
            {row.original.targetType}
            {row.original.targetId && <span className="table__sub muted mono">{row.original.targetId}</span>}
          </>
        ) : (
          EMPTY_VALUE
        ),
    }),
    column.accessor('requestId', {
      header: 'Request id',
      cell: (info) => <span className="mono">{info.getValue() ?? EMPTY_VALUE}</span>,
    }),
    column.accessor('ip', { header: 'IP', cell: (info) => <span className="mono">{info.getValue() ?? EMPTY_VALUE}</span> }),
    column.display({
      id: 'changes',
      header: 'Changes',
      cell: ({ row }) => (
        <button
          type="button"
          className="button button--small"
          aria-expanded={row.getIsExpanded()}
          aria-controls={`audit-changes-${row.id}`}
          onClick={row.getToggleExpandedHandler()}
        >
          {row.getIsExpanded() ? 'Hide' : 'Show'}
          <span className="visually-hidden"> before and after</span>
        </button>
      ),
    }),
  ];
}

/** Newest first, as the server sends it (no re-sorting: the order is the cursor's). */
export function AuditLogTable({ entries, timezone }: { entries: AuditEntry[]; timezone: string }) {
  const [expanded, setExpanded] = useState<ExpandedState>({});
  const columns = useMemo(() => auditColumns(timezone), [timezone]);
  const table = useReactTable({
    data: entries,
    columns,
    state: { expanded },
    onExpandedChange: setExpanded,
    getRowCanExpand: () => true,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(row.id),
  });

  return (
    <ScrollRegion label="Audit log" data-testid="audit-table">
      <table className="table">
        <caption className="visually-hidden">Audit log, newest first</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <Fragment key={row.id}>
              <tr className={row.getIsExpanded() ? 'is-expanded' : undefined}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
              {row.getIsExpanded() && (
                <tr className="table__detail" id={`audit-changes-${row.id}`}>
                  <td colSpan={row.getVisibleCells().length}>
                    <div className="diff">
                      <div>
                        <p className="diff__label">Before</p>
                        <pre className="diff__json">{json(row.original.before)}</pre>
                      </div>
                      <div>
                        <p className="diff__label">After</p>
                        <pre className="diff__json">{json(row.original.after)}</pre>
                      </div>
                    </div>
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
