import { ScrollRegion } from '../../../components/ScrollRegion';
import { flexRender, getCoreRowModel, getPaginationRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { formatNumber } from '../../../lib/format';
import type { TrendingRow } from '../api/dashboardsApi';
import { useDashboardControls } from '../hooks/useDashboardControls';
import { useTrendingVideos } from '../hooks/useDashboards';
import { CsvLink } from './CsvLink';
import { DashboardHeader } from './DashboardHeader';
import { formatChange, formatMs, formatPercent } from './format';
import { Panel } from './Panel';

const PAGE_SIZE = 20;
const LIMIT = 200;

function Thumbnail({ row }: { row: TrendingRow }) {
  // Thumbnails are only shown from this origin (CSP img-src 'self' data:); others get a tile.
  const src = row.thumbnailUrl && row.thumbnailUrl.startsWith('/') && !row.thumbnailUrl.startsWith('//') ? row.thumbnailUrl : undefined;
  return src ? (
    <img className="thumb" src={src} alt="" />
  ) : (
    <span className="thumb thumb--none" aria-hidden="true">
      ▶
    </span>
  );
}

const columns: ColumnDef<TrendingRow, any>[] = [
  {
    id: 'title',
    header: 'Video',
    accessorFn: (r) => r.title ?? '',
    cell: ({ row }) => (
      <span className="video-cell">
        <Thumbnail row={row.original} />
        <span>
          <span className="cell-strong">{row.original.title ?? `Video ${row.original.videoId}`}</span>
          <span className="table__sub">#{row.original.videoId}</span>
        </span>
      </span>
    ),
  },
  { id: 'creator', header: 'Creator', accessorFn: (r) => r.creatorUsername ?? (r.creatorId === null ? '—' : String(r.creatorId)), cell: (c) => c.getValue() },
  { accessorKey: 'views', header: 'Views', meta: { numeric: true }, cell: (c) => formatNumber(c.getValue()) },
  { accessorKey: 'engagementRate', header: 'Engagement', meta: { numeric: true }, sortUndefined: 'last', cell: (c) => formatPercent(c.getValue()) },
  { accessorKey: 'avgWatchMs', header: 'Avg watch', meta: { numeric: true }, cell: (c) => formatMs(c.getValue()) },
  { accessorKey: 'growthVelocity', header: 'Growth (views/day)', meta: { numeric: true }, cell: (c) => formatNumber(c.getValue(), 1) },
  { accessorKey: 'changePct', header: 'Change', meta: { numeric: true }, cell: (c) => formatChange(c.getValue()) },
];

export function TrendingPage() {
  const controls = useDashboardControls();
  const request = useTrendingVideos(controls, LIMIT);
  const navigate = useNavigate();
  const location = useLocation();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'views', desc: true }]);
  const [pagination, setPagination] = useState({ pageIndex: 0, pageSize: PAGE_SIZE });
  const data = useMemo(() => request.data?.rows ?? [], [request.data]);
  const table = useReactTable({
    data,
    columns,
    state: { sorting, pagination },
    onSortingChange: setSorting,
    onPaginationChange: setPagination,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getPaginationRowModel: getPaginationRowModel(),
    getRowId: (r) => String(r.videoId),
  });
  const open = (id: number) => navigate({ pathname: `/videos/${id}`, search: location.search });

  return (
    <>
      <DashboardHeader
        title="Trending videos"
        description="Videos by views in the window, with engagement, watch time, growth velocity (last 3 complete days) and change against the previous window."
        controls={controls}
        isFetching={request.isFetching}
      />
      <Panel
        title={`Videos by views (top ${LIMIT})`}
        request={request}
        flush
        isEmpty={(d) => d.rows.length === 0}
        empty="No video had views or engagement in this window."
        actions={<CsvLink table="trending-videos" window={controls.resolve()} extra={{ limit: LIMIT }} />}
        testId="trending-table"
      >
        {() => (
          <>
            <ScrollRegion label="Trending videos">
              <table className="table table--clickable">
                <caption className="visually-hidden">Trending videos</caption>
                <thead>
                  {table.getHeaderGroups().map((hg) => (
                    <tr key={hg.id}>
                      {hg.headers.map((h) => {
                        const sorted = h.column.getIsSorted();
                        return (
                          <th
                            key={h.id}
                            scope="col"
                            className={h.column.columnDef.meta?.numeric ? 'is-numeric' : undefined}
                            aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : undefined}
                          >
                            <button type="button" className="table__sort" onClick={h.column.getToggleSortingHandler()}>
                              {flexRender(h.column.columnDef.header, h.getContext())}
                              <span className="table__sort-icon" aria-hidden="true">
                                {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                              </span>
                            </button>
                          </th>
                        );
                      })}
                    </tr>
                  ))}
                </thead>
                <tbody>
                  {table.getRowModel().rows.map((row) => (
                    <tr
                      key={row.id}
                      data-testid="trending-row"
                      tabIndex={0}
                      onClick={() => open(row.original.videoId)}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') open(row.original.videoId);
                      }}
                    >
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
            <div className="pager">
              <button type="button" className="button button--small" onClick={() => table.previousPage()} disabled={!table.getCanPreviousPage()}>
                ← Previous
              </button>
              <span className="muted">
                Page {table.getState().pagination.pageIndex + 1} of {Math.max(table.getPageCount(), 1)} · {formatNumber(data.length)} videos
              </span>
              <button type="button" className="button button--small" onClick={() => table.nextPage()} disabled={!table.getCanNextPage()}>
                Next →
              </button>
            </div>
          </>
        )}
      </Panel>
    </>
  );
}
