import { useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { RevealableVideo } from '../../../components/RevealableVideo';
import type { ColumnDef } from '@tanstack/react-table';
import { DataTable } from '../../../components/DataTable';
import { formatDateTimeInZone, formatNumber } from '../../../lib/format';
import type { VideoDetail } from '../api/dashboardsApi';
import { useDashboardControls } from '../hooks/useDashboardControls';
import { useVideo } from '../hooks/useDashboards';
import { LineSeriesChart, StackedBarChart } from './charts';
import { DashboardHeader } from './DashboardHeader';
import { formatBucket, formatMs, formatPercent } from './format';
import { Panel } from './Panel';

type Report = VideoDetail['reports'][number];
type Decision = VideoDetail['decisions'][number];

export function VideoPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const controls = useDashboardControls();
  const request = useVideo(controls, id);
  const tz = controls.tz;
  const reportColumns: ColumnDef<Report, any>[] = [
    { accessorKey: 'createdAt', header: 'Reported', cell: (c) => formatDateTimeInZone(c.getValue(), tz) },
    { accessorKey: 'reason', header: 'Reason' },
    { accessorKey: 'source', header: 'Source' },
    { accessorKey: 'caseId', header: 'Case', cell: (c) => c.getValue() ?? '—' },
  ];
  const decisionColumns: ColumnDef<Decision, any>[] = [
    { accessorKey: 'decidedAt', header: 'Decided', cell: (c) => formatDateTimeInZone(c.getValue(), tz) },
    { accessorKey: 'outcome', header: 'Outcome' },
    { accessorKey: 'policyReason', header: 'Policy reason' },
    { accessorKey: 'caseId', header: 'Case' },
  ];
  const title = request.data ? request.data.video.title : `Video ${id}`;
  const [revealed, setRevealed] = useState(false);
  return (
    <>
      <p className="back-link">
        <Link to={{ pathname: '/trending', search: location.search }}>← Trending videos</Link>
      </p>
      <DashboardHeader
        title={title}
        description="Views and engagement over time, watch-time distribution, reports and moderation history."
        controls={controls}
        isFetching={request.isFetching}
      />
      <div className="grid grid--2">
        <Panel title="Video" request={request} skeletonLines={6} testId="video-player">
          {(d) => (
            <RevealableVideo
              videoUrl={d.video.videoUrl ?? ''}
              thumbnailUrl={d.video.thumbnailUrl ?? ''}
              title={d.video.title}
              revealed={revealed}
              onReveal={setRevealed}
              testId="video-page"
            />
          )}
        </Panel>
        <Panel title="Summary" request={request} skeletonLines={3} testId="video-summary">
          {(d) => (
            <dl className="facts">
              <div className="facts__row">
                <dt>Creator</dt>
                <dd>{d.video.creatorUsername ?? d.video.creatorId}</dd>
              </div>
              <div className="facts__row">
                <dt>Duration</dt>
                <dd>{formatMs(d.video.durationMs)}</dd>
              </div>
              <div className="facts__row">
                <dt>Visibility</dt>
                <dd>{d.video.visibility}</dd>
              </div>
              <div className="facts__row">
                <dt>Views</dt>
                <dd data-testid="video-views">{formatNumber(d.totals.views)}</dd>
              </div>
              <div className="facts__row">
                <dt>Engagement rate</dt>
                <dd>{formatPercent(d.totals.engagementRate)}</dd>
              </div>
              <div className="facts__row">
                <dt>Average watch time</dt>
                <dd>{formatMs(d.totals.avgWatchMs)}</dd>
              </div>
              <div className="facts__row">
                <dt>Completion rate</dt>
                <dd>{formatPercent(d.watch.completionRate)}</dd>
              </div>
              <div className="facts__row">
                <dt>Watch time p50 / p90 / p99</dt>
                <dd>
                  {formatMs(d.watch.p50Ms)} / {formatMs(d.watch.p90Ms)} / {formatMs(d.watch.p99Ms)}
                </dd>
              </div>
            </dl>
          )}
        </Panel>
      </div>
      <div className="grid grid--2 dash-gap-top">
        <Panel title="Views and engagement over time" request={request} isEmpty={(d) => d.series.length === 0} empty="No views or engagement in this window.">
          {(d) => (
            <LineSeriesChart
              data={d.series.map((s) => ({ ...s, label: formatBucket(s.bucket, d.interval, tz) }))}
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
        <Panel title="Watch-time distribution (10 s bins)" request={request} isEmpty={(d) => d.watchHistogram.length === 0} empty="No views in this window.">
          {(d) => (
            <StackedBarChart
              data={d.watchHistogram.map((h) => ({ ...h, label: `${h.fromMs / 1000}–${h.toMs / 1000} s` }))}
              x="label"
              series={[{ key: 'views', label: 'Views' }]}
            />
          )}
        </Panel>
      </div>
      <div className="grid grid--2 dash-gap-top">
        <Panel title="Reports" request={request} flush>
          {(d) => <DataTable className="dash-scroll" caption="Reports" columns={reportColumns} data={d.reports} empty="No reports for this video." />}
        </Panel>
        <Panel title="Moderation history" request={request} flush>
          {(d) => (
            <DataTable className="dash-scroll" caption="Moderation decisions" columns={decisionColumns} data={d.decisions} empty="No moderation decisions." />
          )}
        </Panel>
      </div>
    </>
  );
}
