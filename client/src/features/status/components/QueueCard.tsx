import { Card } from '../../../components/Card';
import { StatusBadge } from '../../../components/StatusBadge';
import type { QueueStatus } from '../api/statusApi';

const num = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** RabbitMQ ingest (AMQP_URL): connection, consumer rate over the last minute, lag per queue, dead letters. */
export function QueueCard({ queue }: { queue: QueueStatus | null }) {
  if (queue === null) {
    return (
      <Card title="Queue ingest (RabbitMQ)" data-testid="queue" actions={<StatusBadge tone="neutral">OFF</StatusBadge>}>
        <p className="muted">Not configured: set AMQP_URL to consume the ingest queues.</p>
      </Card>
    );
  }
  const lag = queue.queues.reduce((n, q) => n + (q.ready ?? 0), 0);
  return (
    <Card
      title="Queue ingest (RabbitMQ)"
      data-testid="queue"
      actions={queue.connected ? <StatusBadge tone="ok">CONNECTED</StatusBadge> : <StatusBadge tone="critical">RECONNECTING</StatusBadge>}
    >
      <dl className="facts">
        <div className="facts__row">
          <dt>Broker</dt>
          <dd>
            {queue.broker}
            {queue.lastError ? <span className="facts__sub muted">{queue.lastError}</span> : null}
          </dd>
        </div>
        <div className="facts__row">
          <dt>Consumer rate (last minute)</dt>
          <dd data-testid="queue-rate">
            {num(queue.rowsPerSecond)} lines/s · {num(queue.messagesPerSecond)} messages/s
          </dd>
        </div>
        <div className="facts__row">
          <dt>Lag (ready messages)</dt>
          <dd data-testid="queue-lag">
            {num(lag)}
            <span className="facts__sub muted">
              {queue.queues
                .filter((q) => (q.ready ?? 0) > 0)
                .map((q) => `${q.name}: ${q.ready}`)
                .join(' · ') || 'every queue empty'}
            </span>
          </dd>
        </div>
        <div className="facts__row">
          <dt>Dead letters (since start)</dt>
          <dd data-testid="queue-dead">{num(queue.deadLetters)}</dd>
        </div>
        <div className="facts__row">
          <dt>Reconnects</dt>
          <dd>{num(queue.reconnects)}</dd>
        </div>
      </dl>
    </Card>
  );
}
