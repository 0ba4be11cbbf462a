import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type RowData, type SortingState } from '@tanstack/react-table';
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { EmptyState } from './EmptyState';
import { ScrollRegion } from './ScrollRegion';

declare module '@tanstack/react-table' {
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Right-aligns header and cells, for numbers. */
    numeric?: boolean;
  }
}

interface DataTableProps<TData> extends HTMLAttributes<HTMLDivElement> {
  /** Read by screen readers; not shown. */
  caption: string;
  columns: ColumnDef<TData, any>[];
  data: TData[];
  initialSorting?: SortingState;
  empty: ReactNode;
  getRowId?: (row: TData, index: number) => string;
}

const SORT_LABEL = { asc: 'ascending', desc: 'descending' } as const;

/** A sortable table: click a header (a button) to sort; the header carries aria-sort. */
export function DataTable<TData>({ caption, columns, data, initialSorting = [], empty, getRowId, className, ...rest }: DataTableProps<TData>) {
  const [sorting, setSorting] = useState<SortingState>(initialSorting);
  const table = useReactTable({
    data,
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId,
  });

  if (data.length === 0) {
    return (
      <div className={['data-table', className].filter(Boolean).join(' ')} {...rest}>
        <EmptyState>{empty}</EmptyState>
      </div>
    );
  }

  return (
    <ScrollRegion label={caption} className={className} {...rest}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((headerGroup) => (
            <tr key={headerGroup.id}>
              {headerGroup.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const numeric = header.column.columnDef.meta?.numeric === true;
                const label = header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th key={header.id} scope="col" className={numeric ? 'is-numeric' : undefined} aria-sort={sorted ? SORT_LABEL[sorted] : undefined}>
                    {header.column.getCanSort() ? (
                      <button type="button" className="table__sort" onClick={header.column.getToggleSortingHandler()}>
                        {label}
                        <span className="table__sort-icon" aria-hidden="true">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                        </span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
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
