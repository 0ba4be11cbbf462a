import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../../lib/format';
import type { CampaignReport } from '../api/campaignsApi';
import { formatMoney } from './format';

/** Impressions and clicks per local day (bars), spend on the right axis (line). */
export function DailyChart({ report }: { report: CampaignReport }) {
  const data = report.rows.map((r) => ({ date: r.date.slice(5), impressions: r.impressions, clicks: r.clicks, spend: Number(r.spendMicros) / 1_000_000 }));
  return (
    <div className="chart-box" data-testid="daily-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e5e9" />
          <XAxis dataKey="date" tick={{ fontSize: 12 }} />
          <YAxis yAxisId="count" tickFormatter={(v: number) => formatNumber(v)} tick={{ fontSize: 12 }} width={64} />
          <YAxis
            yAxisId="money"
            orientation="right"
            tickFormatter={(v: number) => formatMoney(v * 1_000_000, report.currency)}
            tick={{ fontSize: 12 }}
            width={84}
          />
          <Tooltip formatter={(value, name) => (name === 'Spend' ? formatMoney(Number(value) * 1_000_000, report.currency) : formatNumber(Number(value)))} />
          <Legend />
          <Bar yAxisId="count" dataKey="impressions" name="Impressions" fill="#4c5fd5" isAnimationActive={false} />
          <Bar yAxisId="count" dataKey="clicks" name="Clicks" fill="#1a7f37" isAnimationActive={false} />
          <Line yAxisId="money" dataKey="spend" name="Spend" stroke="#9a5800" strokeWidth={2} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
