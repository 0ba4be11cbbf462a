import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ReactElement } from 'react';

export const COLORS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed', '#0891b2', '#db2777', '#4b5563'];

interface SeriesDef {
  key: string;
  label: string;
}

function Frame({ children, height = 260 }: { children: ReactElement; height?: number }) {
  return (
    <div className="chart" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  );
}

export function LineSeriesChart<T extends object>({
  data,
  x,
  series,
  format,
  height,
}: {
  data: T[];
  x: string;
  series: SeriesDef[];
  format?: (v: number) => string;
  height?: number;
}) {
  return (
    <Frame height={height}>
      <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey={x} tick={{ fontSize: 11 }} minTickGap={24} />
        <YAxis tick={{ fontSize: 11 }} tickFormatter={format} width={64} />
        <Tooltip formatter={(v) => (typeof v === 'number' && format ? format(v) : String(v))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s, i) => (
          <Line
            key={s.key}
            type="monotone"
            dataKey={s.key}
            name={s.label}
            stroke={COLORS[i % COLORS.length]}
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
            connectNulls={false}
          />
        ))}
      </LineChart>
    </Frame>
  );
}

export function StackedBarChart<T extends object>({
  data,
  x,
  series,
  format,
  stacked = true,
  height,
}: {
  data: T[];
  x: string;
  series: SeriesDef[];
  format?: (v: number) => string;
  stacked?: boolean;
  height?: number;
}) {
  return (
    <Frame height={height}>
      <BarChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" />
        <XAxis dataKey={x} tick={{ fontSize: 11 }} minTickGap={12} />
        <YAxis tick={{ fontSize: 11 }} tickFormatter={format} width={72} />
        <Tooltip formatter={(v) => (typeof v === 'number' && format ? format(v) : String(v))} />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {series.map((s, i) => (
          <Bar key={s.key} dataKey={s.key} name={s.label} stackId={stacked ? 'a' : undefined} fill={COLORS[i % COLORS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </Frame>
  );
}
