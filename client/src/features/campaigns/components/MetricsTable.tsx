import { ScrollRegion } from '../../../components/ScrollRegion';
import { formatMilliseconds, formatNumber } from '../../../lib/format';
import type { CampaignMetrics } from '../api/campaignsApi';
import { formatMoney, formatPercent, formatRatio } from './format';

const COLUMNS: { key: keyof CampaignMetrics; label: string; kind: 'count' | 'ratio' | 'money' | 'x' | 'ms' }[] = [
  { key: 'impressions', label: 'Impressions', kind: 'count' },
  { key: 'reach', label: 'Reach', kind: 'count' },
  { key: 'clicks', label: 'Clicks', kind: 'count' },
  { key: 'ctr', label: 'CTR', kind: 'ratio' },
  { key: 'spendMicros', label: 'Spend', kind: 'money' },
  { key: 'cpc', label: 'CPC', kind: 'money' },
  { key: 'cpm', label: 'CPM', kind: 'money' },
  { key: 'conversions', label: 'Conv.', kind: 'count' },
  { key: 'cvr', label: 'CVR', kind: 'ratio' },
  { key: 'costPerConversion', label: 'Cost / conv.', kind: 'money' },
  { key: 'roas', label: 'ROAS', kind: 'x' },
  { key: 'views2s', label: '2 s views', kind: 'count' },
  { key: 'views6s', label: '6 s views', kind: 'count' },
  { key: 'p25Rate', label: 'p25', kind: 'ratio' },
  { key: 'p50Rate', label: 'p50', kind: 'ratio' },
  { key: 'p75Rate', label: 'p75', kind: 'ratio' },
  { key: 'completionRate', label: 'Completion', kind: 'ratio' },
  { key: 'avgPlayMs', label: 'Avg play', kind: 'ms' },
];

export function formatMetric(kind: (typeof COLUMNS)[number]['kind'], value: number | string | null, currency: string): string {
  if (kind === 'money') return formatMoney(value, currency);
  const n = typeof value === 'string' ? Number(value) : value;
  switch (kind) {
    case 'count':
      return formatNumber(n);
    case 'ratio':
      return formatPercent(n);
    case 'x':
      return formatRatio(n);
    case 'ms':
      return formatMilliseconds(n);
  }
}

interface MetricsTableProps<R extends CampaignMetrics> {
  caption: string;
  firstHeader: string;
  rows: R[];
  label: (row: R) => string;
  totals?: CampaignMetrics;
  currency: string;
  testId: string;
}

/** Metric rows with an optional total row (from raw sums, as the server computed it). */
export function MetricsTable<R extends CampaignMetrics>({ caption, firstHeader, rows, label, totals, currency, testId }: MetricsTableProps<R>) {
  return (
    <>
      <p className="field__hint table-hint">
        {COLUMNS.length} metrics per row: scroll the table sideways, or focus it and use ← →, for the columns past the edge.
      </p>
      <ScrollRegion label={caption} data-testid={testId}>
        <table className="table table--sticky-first">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{firstHeader}</th>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" className="is-numeric">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={label(row)}>
                <td className="nowrap">{label(row)}</td>
                {COLUMNS.map((c) => (
                  <td key={c.key} className="is-numeric nowrap" data-metric={c.key}>
                    {formatMetric(c.kind, row[c.key], currency)}
                  </td>
                ))}
              </tr>
            ))}
            {totals && (
              <tr className="is-total" data-testid={`${testId}-total`}>
                <td>Total</td>
                {COLUMNS.map((c) => (
                  <td key={c.key} className="is-numeric nowrap" data-metric={c.key}>
                    {formatMetric(c.kind, totals[c.key], currency)}
                  </td>
                ))}
              </tr>
            )}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
