import { ScrollRegion } from '../../../components/ScrollRegion';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable, type RowSelectionState } from '@tanstack/react-table';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { formatDuration, formatNumber } from '../../../lib/format';
import type { QueueItem } from '../api/moderationApi';
import { CaseStatusBadge } from './CaseStatusBadge';
import { LeaseBadge } from './LeaseBadge';
import { ReasonChips } from './ReasonChips';
import { SlaBadge } from './SlaBadge';
import { StandingBadge } from './StandingBadge';
import { Thumbnail } from './Thumbnail';

const column = createColumnHelper<QueueItem>();

function partsTitle(parts: Record<string, number>): string {
  return Object.entries(parts)
    .map(([k, v]) => `${k} ${v}`)
    .join(' + ');
}

function queueColumns(meId: number, now: Date) {
  return [
    column.display({
      id: 'select',
      header: ({ table }) => (
        <input
          type="checkbox"
          className="checkbox"
          aria-label="Select every case shown"
          checked={table.getIsAllRowsSelected()}
          ref={(el) => {
            if (el) el.indeterminate = table.getIsSomeRowsSelected();
          }}
          onChange={table.getToggleAllRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          className="checkbox"
          aria-label={`Select case ${row.original.caseId}`}
          checked={row.getIsSelected()}
          disabled={!row.getCanSelect()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
    }),
    column.accessor('priority', {
      header: 'Priority',
      meta: { numeric: true },
      cell: (info) => (
        <span className="cell-strong" title={partsTitle(info.row.original.priorityParts)}>
          {formatNumber(info.getValue(), 2)}
        </span>
      ),
    }),
    column.accessor('videoTitle', {
      header: 'Video',
      cell: ({ row }) => (
        <Link to={`/moderation/cases/${row.original.caseId}`} className="queue-video" data-testid={`queue-case-${row.original.caseId}`}>
          <Thumbnail src={row.original.thumbnailUrl} videoId={row.original.videoId} />
          <span>
            <span className="queue-video__title">{row.original.videoTitle || `Video ${row.original.videoId}`}</span>
            <span className="table__sub muted mono">
              case {row.original.caseId} · video {row.original.videoId}
            </span>
            {row.original.creatorStanding && (
              <span className="table__sub" data-testid={`queue-standing-${row.original.caseId}`}>
                <StandingBadge standing={{ status: row.original.creatorStanding }} />
              </span>
            )}
          </span>
        </Link>
      ),
    }),
    column.accessor('reportCount', {
      header: 'Reports',
      meta: { numeric: true },
      cell: ({ row }) => (
        <>
          {formatNumber(row.original.reportCount)}
          <span className="table__sub muted">
            {formatNumber(row.original.distinctReporters)} reporter{row.original.distinctReporters === 1 ? '' : 's'}
          </span>
        </>
      ),
    }),
    column.accessor('reasons', { header: 'Reasons', cell: (info) => <ReasonChips reasons={info.getValue()} /> }),
    column.accessor('oldestReportAt', {
      header: 'Age',
      cell: (info) => (
        <time dateTime={info.getValue()} className="nowrap" title={info.getValue()}>
          {formatDuration((now.getTime() - Date.parse(info.getValue())) / 1000)}
        </time>
      ),
    }),
    column.accessor('slaDueAt', {
      header: 'SLA',
      cell: ({ row }) => <SlaBadge dueAt={row.original.slaDueAt} resolvedAt={row.original.resolvedAt} now={now} />,
    }),
    column.accessor('status', {
      header: 'Status',
      cell: (info) => <CaseStatusBadge status={info.getValue()} />,
    }),
    column.display({
      id: 'claim',
      header: 'Claim',
      cell: ({ row }) => <LeaseBadge {...row.original} meId={meId} now={now} />,
    }),
  ];
}

interface QueueTableProps {
  items: QueueItem[];
  meId: number;
  now: Date;
  selection: RowSelectionState;
  onSelectionChange: (next: RowSelectionState) => void;
}

/** Server order (priority, then age): no client re-sorting, the cursor pages depend on it. */
export function QueueTable({ items, meId, now, selection, onSelectionChange }: QueueTableProps) {
  const columns = useMemo(() => queueColumns(meId, now), [meId, now]);
  const table = useReactTable({
    data: items,
    columns,
    state: { rowSelection: selection },
    onRowSelectionChange: (updater) => onSelectionChange(typeof updater === 'function' ? updater(selection) : updater),
    enableRowSelection: (row) => row.original.status !== 'resolved',
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(row.caseId),
  });
  return (
    <ScrollRegion label="Moderation cases" data-testid="queue-table">
      <table className="table">
        <caption className="visually-hidden">Moderation cases by priority, then age</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className={header.column.columnDef.meta?.numeric ? 'is-numeric' : undefined}>
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={row.getIsSelected() ? 'is-selected' : undefined} data-testid="queue-row">
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className={cell.column.columnDef.meta?.numeric ? 'is-numeric' : undefined}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
