import { Card } from '../../../components/Card';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatDateTime, formatRelativeTime } from '../../../lib/format';

interface EvaluatorCardProps {
  lastRunAt: string | null;
  now: Date;
}

export function EvaluatorCard({ lastRunAt, now }: EvaluatorCardProps) {
  return (
    <Card title="Alert evaluator" data-testid="evaluator" actions={lastRunAt === null ? <StatusBadge tone="neutral">NEVER RUN</StatusBadge> : undefined}>
      <dl className="facts">
        <div className="facts__row">
          <dt>Last run</dt>
          <dd data-testid="evaluator-last-run">
            {lastRunAt === null ? (
              'never'
            ) : (
              <time dateTime={lastRunAt} title={formatDateTime(lastRunAt)}>
                {formatRelativeTime(lastRunAt, now)}
                <span className="facts__sub muted">{formatDateTime(lastRunAt)}</span>
              </time>
            )}
          </dd>
        </div>
      </dl>
    </Card>
  );
}
