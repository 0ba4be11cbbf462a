import { useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import { DataTable } from '../../../components/DataTable';
import { formatNumber } from '../../../lib/format';
import { SEGMENTS, type BreakdownRow, type Interval, type SegmentBy } from '../api/dashboardsApi';
import { useDashboardControls } from '../hooks/useDashboardControls';
import { useEngagement, useEngagementBreakdown, useWatchTime } from '../hooks/useDashboards';
import { LineSeriesChart } from './charts';
import { CsvLink } from './CsvLink';
import { DashboardHeader } from './DashboardHeader';
import { formatBucket, formatMs, formatPercent } from './format';
import { Panel } from './Panel';

const breakdownColumns: ColumnDef<BreakdownRow, any>[] = [
  { accessorKey: 'segment', header: 'Segment', cell: (c) => c.getValue() || '(empty)' },
  { accessorKey: 'views', header: 'Views', meta: { numeric: true }, cell: (c) => formatNumber(c.getValue()) },
  { accessorKey: 'likes', header: 'Likes', meta: { numeric: true }, cell: (c) => formatNumber(c.getValue()) },
  { accessorKey: 'comments', header: 'Comments', meta: { numeric: true }, cell: (c) => formatNumber(c.getValue()) },
  { accessorKey: 'shares', header: 'Shares', meta: { numeric: true }, cell: (c) => formatNumber(c.getValue()) },
  { accessorKey: 'engagementRate', header: 'Engagement', meta: { numeric: true }, cell: (c) => formatPercent(c.getValue()) },
  { accessorKey: 'avgWatchMs', header: 'Avg watch', meta: { numeric: true }, cell: (c) => formatMs(c.getValue()) },
];

const SEGMENT_LABEL: Record<SegmentBy, string> = { region: 'Region', device: 'Device' };

export function EngagementPage() {
  const controls = useDashboardControls();
  const [interval, setBucketInterval] = useState<Interval | ''>('');
  const [by, setBy] = useState<SegmentBy>('region');
  const engagement = useEngagement(controls, interval || undefined);
  const watch = useWatchTime(controls, interval || undefined);
  const breakdown = useEngagementBreakdown(controls, by);
  const w = controls.resolve();
  return (
    <>
      <DashboardHeader
        title="Engagement & watch time"
        description="Views, engagement rate, average watch time and completion over time, with a breakdown by region or device."
        controls={controls}
        isFetching={engagement.isFetching}
      />
      <div className="dash-inline-controls">
        <label className="dash-controls__field">
          <span>Buckets</span>
          <select className="select select--compact" aria-label="Buckets" value={interval} onChange={(e) => setBucketInterval(e.target.value as Interval | '')}>
            <option value="">Automatic</option>
            <option value="hour">Hour</option>
            <option value="day">Day</option>
          </select>
        </label>
      </div>
      <div className="grid grid--2">
        <Panel
          title="Views and engagement"
          request={engagement}
          isEmpty={(d) => d.series.length === 0}
          actions={<CsvLink table="engagement" window={w} extra={{ interval: interval || undefined }} />}
        >
          {(d) => (
            <LineSeriesChart
              data={d.series.map((s) => ({ ...s, label: formatBucket(s.bucket, d.interval, controls.tz) }))}
              x="label"
              series={[
                { key: 'views', label: 'Views' },
                { key: 'likes', label: 'Likes' },
                { key: 'comments', label: 'Comments' },
                { key: 'shares', label: 'Shares' },
              ]}
            />
          )}
        </Panel>
        <Panel title="Engagement rate" request={engagement} isEmpty={(d) => d.series.length === 0}>
          {(d) => (
            <LineSeriesChart
              data={d.series.map((s) => ({ ...s, label: formatBucket(s.bucket, d.interval, controls.tz) }))}
              x="label"
              series={[{ key: 'engagementRate', label: 'Engagement rate' }]}
              format={(v) => formatPercent(v)}
            />
          )}
        </Panel>
        <Panel
          title="Average watch time"
          request={watch}
          isEmpty={(d) => d.series.length === 0}
          actions={<CsvLink table="watch-time" window={w} extra={{ interval: interval || undefined }} />}
        >
          {(d) => (
            <LineSeriesChart
              data={d.series.map((s) => ({ ...s, label: formatBucket(s.bucket, d.interval, controls.tz) }))}
              x="label"
              series={[{ key: 'avgWatchMs', label: 'Average watch time' }]}
              format={formatMs}
            />
          )}
        </Panel>
        <Panel title="Completion rate" request={watch} isEmpty={(d) => d.series.length === 0}>
          {(d) => (
            <LineSeriesChart
              data={d.series.map((s) => ({ ...s, label: formatBucket(s.bucket, d.interval, controls.tz) }))}
              x="label"
              series={[{ key: 'completionRate', label: 'Completion rate' }]}
              format={(v) => formatPercent(v)}
            />
          )}
        </Panel>
      </div>
      <div className="dash-gap" />
      <Panel
        title={`Breakdown by ${by}`}
        request={breakdown}
        flush
        actions={
          <>
            <select className="select select--compact" aria-label="Breakdown" value={by} onChange={(e) => setBy(e.target.value as SegmentBy)}>
              {SEGMENTS.map((s) => (
                <option key={s} value={s}>
                  {SEGMENT_LABEL[s]}
                </option>
              ))}
            </select>
            <CsvLink table="engagement-breakdown" window={w} extra={{ by }} />
          </>
        }
      >
        {(d) => (
          <DataTable
            className="dash-scroll"
            caption={`Engagement by ${by}`}
            columns={breakdownColumns}
            data={d.rows}
            empty="No views in this window."
            initialSorting={[{ id: 'views', desc: true }]}
          />
        )}
      </Panel>
    </>
  );
}
