import type { ColumnDef } from '@tanstack/react-table';
import { useSearchParams } from 'react-router-dom';
import { DataTable } from '../../../components/DataTable';
import { formatNumber } from '../../../lib/format';
import type { LatencyRow } from '../api/dashboardsApi';
import { useDashboardControls } from '../hooks/useDashboardControls';
import { useLatency, useLatencySeries } from '../hooks/useDashboards';
import { LineSeriesChart } from './charts';
import { CsvLink } from './CsvLink';
import { DashboardHeader } from './DashboardHeader';
import { formatBucket, formatMs, formatPercent } from './format';
import { Panel } from './Panel';

export function LatencyPage() {
  const controls = useDashboardControls();
  const [params, setParams] = useSearchParams();
  const route = params.get('route') ?? '';
  const method = params.get('method') ?? '';
  const latency = useLatency(controls);
  const series = useLatencySeries(controls, route, method);
  const pick = (r: LatencyRow) =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      n.set('route', r.route);
      n.set('method', r.method);
      return n;
    });
  const columns: ColumnDef<LatencyRow, any>[] = [
    {
      id: 'route',
      header: 'Route',
      accessorFn: (r) => `${r.method} ${r.route}`,
      cell: ({ row }) => (
        <button
          type="button"
          className="link-button"
          onClick={() => pick(row.original)}
          aria-pressed={row.original.route === route && row.original.method === method}
        >
          <span className="mono">{row.original.method}</span> {row.original.route}
        </button>
      ),
    },
    { accessorKey: 'requests', header: 'Requests', meta: { numeric: true }, cell: (c) => formatNumber(c.getValue()) },
    { accessorKey: 'p50', header: 'p50', meta: { numeric: true }, cell: (c) => formatMs(c.getValue()) },
    { accessorKey: 'p95', header: 'p95', meta: { numeric: true }, cell: (c) => formatMs(c.getValue()) },
    { accessorKey: 'p99', header: 'p99', meta: { numeric: true }, cell: (c) => formatMs(c.getValue()) },
    { accessorKey: 'errorRate', header: 'Errors (5xx)', meta: { numeric: true }, cell: (c) => formatPercent(c.getValue(), 2) },
  ];
  return (
    <>
      <DashboardHeader
        title="Latency"
        description="p50, p95 and p99 of request duration and the server error rate per route; pick a route for its time series."
        controls={controls}
        isFetching={latency.isFetching}
      />
      <Panel
        title={route ? `${method} ${route} over time` : 'Every route over time (pick a route below)'}
        request={series}
        isEmpty={(d) => d.series.length === 0}
        empty="No requests in this window."
      >
        {(d) => (
          <LineSeriesChart
            data={d.series.map((s) => ({ ...s, label: formatBucket(s.bucket, d.interval, controls.tz) }))}
            x="label"
            series={[
              { key: 'p50', label: 'p50' },
              { key: 'p95', label: 'p95' },
              { key: 'p99', label: 'p99' },
            ]}
            format={formatMs}
          />
        )}
      </Panel>
      <div className="dash-gap" />
      <Panel title="Per route" request={latency} flush actions={<CsvLink table="latency" window={controls.resolve()} />}>
        {(d) => (
          <DataTable
            className="dash-scroll"
            caption="Latency per route"
            columns={columns}
            data={d.rows}
            empty="No requests in this window."
            initialSorting={[{ id: 'requests', desc: true }]}
          />
        )}
      </Panel>
    </>
  );
}
