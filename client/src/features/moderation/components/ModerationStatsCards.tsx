import { ScrollRegion } from '../../../components/ScrollRegion';
import { Card } from '../../../components/Card';
import { ErrorState } from '../../../components/ErrorState';
import { Skeleton } from '../../../components/Skeleton';
import { formatDuration, formatNumber } from '../../../lib/format';
import type { ModerationStats } from '../api/moderationApi';
import type { ApiQuery } from '../../../lib/query';

function Stat({ label, value, tone }: { label: string; value: string; tone?: 'critical' }) {
  return (
    <div className={tone ? `stat stat--${tone}` : 'stat'}>
      <span className="stat__label">{label}</span>
      <span className="stat__value">{value}</span>
    </div>
  );
}

/** The moderation headline: backlog, SLA breaches and handle times (docs/metrics.md). */
export function ModerationStatsStrip({ stats, now }: { stats: ApiQuery<ModerationStats>; now: Date }) {
  if (stats.error && !stats.data) return <ErrorState compact title="Could not load the queue statistics" error={stats.error} onRetry={stats.refetch} />;
  const s = stats.data;
  if (!s) {
    return (
      <div className="stats-strip" aria-busy="true">
        {[0, 1, 2, 3, 4].map((i) => (
          <div key={i} className="stat">
            <Skeleton height="2.2em" />
          </div>
        ))}
      </div>
    );
  }
  return (
    <div className="stats-strip" data-testid="moderation-stats">
      <Stat label="Unresolved cases" value={formatNumber(s.openCases)} />
      <Stat label="Past SLA (unresolved)" value={formatNumber(s.openBreached)} tone={s.openBreached > 0 ? 'critical' : undefined} />
      <Stat label="Escalated to admins" value={formatNumber(s.escalatedCases)} />
      <Stat label="Oldest unresolved" value={s.oldestOpenAt ? formatDuration((now.getTime() - Date.parse(s.oldestOpenAt)) / 1000) : '—'} />
      <Stat label="Resolved 7 d (late)" value={`${formatNumber(s.resolvedInWindow)} (${formatNumber(s.resolvedLate)})`} />
      <Stat label="Median report → decision" value={formatDuration(s.medianSecondsToDecision)} />
    </div>
  );
}

export function ModeratorStatsCard({ query }: { query: ApiQuery<ModerationStats> }) {
  const stats = query.data;
  return (
    <Card title="Moderators, last 7 days" flush className="card--spaced">
      {!stats && query.error ? (
        // The strip above says what failed and offers Retry; a skeleton here would spin forever.
        <p className="empty-state">Not loaded: the queue statistics failed (see above).</p>
      ) : !stats ? (
        <div className="card__body">
          <Skeleton />
        </div>
      ) : stats.moderators.length === 0 ? (
        <p className="empty-state">No decisions in the last 7 days.</p>
      ) : (
        <ScrollRegion label="Decisions per moderator">
          <table className="table" data-testid="moderator-stats">
            <caption className="visually-hidden">Decisions per moderator</caption>
            <thead>
              <tr>
                <th scope="col">Moderator</th>
                <th scope="col" className="is-numeric">
                  Decisions
                </th>
                <th scope="col" className="is-numeric">
                  Removed
                </th>
                <th scope="col" className="is-numeric">
                  Age-restricted
                </th>
                <th scope="col" className="is-numeric">
                  Dismissed
                </th>
                <th scope="col" className="is-numeric">
                  Escalated
                </th>
                <th scope="col" className="is-numeric">
                  Median handle time
                </th>
              </tr>
            </thead>
            <tbody>
              {stats.moderators.map((m) => (
                <tr key={m.reviewerId}>
                  <td>{m.reviewerEmail ?? `#${m.reviewerId}`}</td>
                  <td className="is-numeric">{formatNumber(m.decisions)}</td>
                  <td className="is-numeric">{formatNumber(m.removed)}</td>
                  <td className="is-numeric">{formatNumber(m.ageRestricted)}</td>
                  <td className="is-numeric">{formatNumber(m.dismissed)}</td>
                  <td className="is-numeric">{formatNumber(m.escalated)}</td>
                  <td className="is-numeric">{formatDuration(m.medianHandleSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Card>
  );
}
