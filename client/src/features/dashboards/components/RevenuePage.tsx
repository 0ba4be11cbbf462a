import type { ColumnDef } from '@tanstack/react-table';
import { useState } from 'react';
import { DataTable } from '../../../components/DataTable';
import { REVENUE_KINDS, type Revenue, type RevenueKind } from '../api/dashboardsApi';
import { useDashboardControls } from '../hooks/useDashboardControls';
import { useRevenue } from '../hooks/useDashboards';
import { StackedBarChart } from './charts';
import { CsvLink } from './CsvLink';
import { DashboardHeader } from './DashboardHeader';
import { formatMajorUnits, formatMoney, majorUnits } from './format';
import { Panel } from './Panel';

const KINDS = REVENUE_KINDS;
/** Indexed by the kind the server sends: undefined for one the contract does not name. */
const KIND_LABELS: Readonly<Record<string, string | undefined>> = {
  subscription: 'Subscriptions',
  ad_payment: 'Ad payments',
  gift: 'Gifts',
} satisfies Record<RevenueKind, string>;

/**
 * One row per day with a column per kind, in the main currency: the chart plots a Number of major
 * units (the server answers one row per day, kind and currency; the tables show the exact digits).
 */
function stacked(r: Revenue, currency: string) {
  const days = new Map<string, Record<string, number | string>>();
  for (const s of r.series) {
    if (s.currency !== currency) continue;
    const row = days.get(s.day) ?? { day: s.day };
    row[s.kind] = majorUnits(s.amountMinor, currency);
    days.set(s.day, row);
  }
  return [...days.values()];
}

type SeriesRow = Revenue['series'][number];
type PayoutRow = Revenue['payouts'][number];
const seriesColumns: ColumnDef<SeriesRow, any>[] = [
  { accessorKey: 'day', header: 'Day' },
  { accessorKey: 'kind', header: 'Kind', cell: (c) => KIND_LABELS[c.getValue() as string] ?? c.getValue() },
  { accessorKey: 'amountMinor', header: 'Amount', meta: { numeric: true }, cell: (c) => formatMoney(c.getValue(), c.row.original.currency) },
];
const payoutColumns: ColumnDef<PayoutRow, any>[] = [
  { accessorKey: 'day', header: 'Day' },
  { accessorKey: 'amountMinor', header: 'Payouts', meta: { numeric: true }, cell: (c) => formatMoney(c.getValue(), c.row.original.currency) },
];

export function RevenuePage() {
  const controls = useDashboardControls();
  const request = useRevenue(controls);
  const w = controls.resolve();
  const [picked, setPicked] = useState<string | undefined>();
  const currencies = request.data?.revenueTotal.map((t) => t.currency) ?? [];
  // Currencies are never converted: the chart shows one, USD unless another is picked.
  const currency = picked && currencies.includes(picked) ? picked : currencies.includes('USD') ? 'USD' : (currencies[0] ?? 'USD');
  return (
    <>
      <DashboardHeader
        title="Revenue"
        description="Revenue per day by kind; payouts are shown apart and never counted as revenue."
        controls={controls}
        isFetching={request.isFetching}
      />
      <Panel title="Totals" request={request} skeletonLines={2}>
        {(d) => (
          <div className="kpi-grid">
            {d.revenueTotal.length === 0 && (
              <div className="kpi">
                <div className="kpi__label">Revenue</div>
                <div className="kpi__value">—</div>
              </div>
            )}
            {d.revenueTotal.map((t) => (
              <div className="kpi" key={`r-${t.currency}`} data-testid="revenue-total">
                <div className="kpi__label">Revenue ({t.currency})</div>
                <div className="kpi__value">{formatMoney(t.amountMinor, t.currency)}</div>
                <div className="muted">
                  {d.totals
                    .filter((x) => x.currency === t.currency)
                    .map((x) => `${KIND_LABELS[x.kind] ?? x.kind} ${formatMoney(x.amountMinor, x.currency)}`)
                    .join(' · ')}
                </div>
              </div>
            ))}
            {d.payoutTotal.map((t) => (
              <div className="kpi kpi--apart" key={`p-${t.currency}`}>
                <div className="kpi__label">Payouts ({t.currency}, not revenue)</div>
                <div className="kpi__value">{formatMoney(t.amountMinor, t.currency)}</div>
              </div>
            ))}
          </div>
        )}
      </Panel>
      <div className="dash-gap" />
      <Panel
        title="Revenue per day by kind"
        request={request}
        isEmpty={(d) => d.series.length === 0}
        empty="No revenue in this window."
        actions={
          <>
            {currencies.length > 1 && (
              <select className="select select--compact" aria-label="Currency" value={currency} onChange={(e) => setPicked(e.target.value)}>
                {currencies.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            )}
            <CsvLink table="revenue" window={w} />
          </>
        }
      >
        {(d) => {
          return (
            <>
              <StackedBarChart
                data={stacked(d, currency)}
                x="day"
                series={KINDS.map((k) => ({ key: k, label: KIND_LABELS[k] ?? k }))}
                format={(v) => formatMajorUnits(v, currency)}
              />
              {d.revenueTotal.length > 1 && <p className="muted">The chart shows {currency} (amounts are never converted); pick another currency above.</p>}
            </>
          );
        }}
      </Panel>
      <div className="grid grid--2 dash-gap-top">
        <Panel title="Per day and kind" request={request} flush>
          {(d) => (
            <DataTable className="dash-scroll" caption="Revenue per day and kind" columns={seriesColumns} data={d.series} empty="No revenue in this window." />
          )}
        </Panel>
        <Panel title="Payouts per day" request={request} flush actions={<CsvLink table="payouts" window={w} />}>
          {(d) => <DataTable className="dash-scroll" caption="Payouts per day" columns={payoutColumns} data={d.payouts} empty="No payouts in this window." />}
        </Panel>
      </div>
    </>
  );
}
