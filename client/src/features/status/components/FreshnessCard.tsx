import { ScrollRegion } from '../../../components/ScrollRegion';
import { Card } from '../../../components/Card';
import { EmptyState } from '../../../components/EmptyState';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDateTime, formatDuration, formatRelativeTime } from '../../../lib/format';
import type { IngestStream, StreamFreshness } from '../api/statusApi';

/** Past this lag a stream is shown as stale; the same 15 minutes as the ingest-freshness alert rule. */
export const STALE_AFTER_SECONDS = 15 * 60;

const STREAM_LABEL: Record<IngestStream, string> = {
  'video-events': 'Video events',
  'ad-events': 'Ad events',
  'request-metrics': 'Request metrics',
};

interface FreshnessCardProps {
  freshness: StreamFreshness[];
  now: Date;
}

export function FreshnessCard({ freshness, now }: FreshnessCardProps) {
  return (
    <Card title="Ingest freshness" data-testid="freshness" flush>
      {freshness.length === 0 ? (
        <EmptyState>No ingest streams reported.</EmptyState>
      ) : (
        <ScrollRegion label="Ingest freshness">
          <table className="table">
            <caption className="visually-hidden">Newest event and lag per ingest stream</caption>
            <thead>
              <tr>
                <th scope="col">Stream</th>
                <th scope="col">Newest event</th>
                <th scope="col" className="is-numeric">
                  Lag
                </th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {freshness.map((row) => {
                const stale = row.lagSeconds !== null && row.lagSeconds > STALE_AFTER_SECONDS;
                return (
                  <tr key={row.stream} data-stream={row.stream} className={stale ? 'is-stale' : undefined}>
                    <th scope="row">
                      {STREAM_LABEL[row.stream] ?? row.stream}
                      <span className="muted mono table__sub">{row.stream}</span>
                    </th>
                    <td>
                      {row.newestAt === null ? (
                        <span className="muted">no events yet</span>
                      ) : (
                        <time dateTime={row.newestAt} title={formatDateTime(row.newestAt)}>
                          {formatDateTime(row.newestAt)}
                          <span className="muted"> · {formatRelativeTime(row.newestAt, now)}</span>
                        </time>
                      )}
                    </td>
                    <td className={stale ? 'is-numeric text-warning' : 'is-numeric'}>{formatDuration(row.lagSeconds)}</td>
                    <td>
                      {row.lagSeconds === null ? (
                        <StatusBadge tone="neutral">NO DATA</StatusBadge>
                      ) : stale ? (
                        <StatusBadge tone="warning" title="Newest event is older than 15 minutes">
                          STALE
                        </StatusBadge>
                      ) : (
                        <StatusBadge tone="ok">FRESH</StatusBadge>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Card>
  );
}
