import { Link } from 'react-router-dom';
import { useDashboardControls } from '../hooks/useDashboardControls';
import { useOverview, useTrendingVideos } from '../hooks/useDashboards';
import { DashboardHeader } from './DashboardHeader';
import { KpiTile } from './KpiTile';
import { Panel } from './Panel';
import { formatNumber } from '../../../lib/format';
import { formatChange, formatPercent } from './format';

export function OverviewPage() {
  const controls = useDashboardControls();
  const overview = useOverview(controls);
  const trending = useTrendingVideos(controls, 5);
  return (
    <>
      <DashboardHeader
        title="Overview"
        description="Headline platform numbers for the chosen window, each against the previous window of equal length."
        controls={controls}
        isFetching={overview.isFetching}
      />
      <Panel title="Key indicators" request={overview} skeletonLines={4} testId="overview-kpis">
        {(data) => (
          <div className="kpi-grid">
            {data.tiles.map((t) => (
              <KpiTile key={t.metric} tile={t} />
            ))}
          </div>
        )}
      </Panel>
      <div className="dash-gap" />
      <Panel
        title="Top videos"
        request={trending}
        isEmpty={(d) => d.rows.length === 0}
        empty="No video had views in this window."
        actions={<Link to={{ pathname: '/trending', search: window.location.search }}>All trending videos →</Link>}
      >
        {(data) => (
          <ol className="top-list">
            {data.rows.map((r) => (
              <li key={r.videoId}>
                <Link to={{ pathname: `/videos/${r.videoId}`, search: window.location.search }}>{r.title ?? `Video ${r.videoId}`}</Link>
                <span className="muted">
                  {' '}
                  {formatNumber(r.views)} views · {formatPercent(r.engagementRate)} engagement · {formatChange(r.changePct)}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Panel>
    </>
  );
}
