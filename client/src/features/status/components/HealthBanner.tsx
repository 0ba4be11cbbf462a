import { StatusBadge, type StatusTone } from '../../../components/StatusBadge';
import { formatDuration } from '../../../lib/format';
import type { DemoLoad, HealthReport } from '../api/statusApi';

const OVERALL: Record<HealthReport['status'], { tone: StatusTone; badge: string }> = {
  ok: { tone: 'ok', badge: 'OK' },
  degraded: { tone: 'warning', badge: 'DEGRADED' },
  starting: { tone: 'info', badge: 'STARTING' },
};

function headline(health: HealthReport): string {
  if (health.status === 'starting') return 'The console is starting';
  if (health.status === 'ok') return 'All systems operational';
  const down = [health.postgres.status === 'down' ? 'PostgreSQL' : undefined, health.clickhouse.status === 'down' ? 'ClickHouse' : undefined].filter(
    (name): name is string => name !== undefined,
  );
  if (down.length === 0) return 'Degraded: some components need attention';
  return `Degraded: ${down.join(' and ')} ${down.length === 1 ? 'is' : 'are'} down`;
}

function DemoProgress({ demo }: { demo: DemoLoad }) {
  const { step, done, total } = demo;
  const determinate = typeof done === 'number' && typeof total === 'number' && total > 0;
  const percent = determinate ? Math.min(100, Math.max(0, (done / total) * 100)) : undefined;
  const label = [step ?? 'Loading demo data', determinate ? `${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}` : undefined]
    .filter(Boolean)
    .join(', ');
  return (
    <div className="demo-progress">
      <div className="demo-progress__label">
        <span>Loading demo data</span>
        <span className="demo-progress__step" data-testid="demo-progress-step">
          {label}
        </span>
      </div>
      <div
        className={determinate ? 'progress' : 'progress progress--indeterminate'}
        role="progressbar"
        aria-label="Demo data load"
        aria-valuemin={0}
        aria-valuemax={determinate ? total : undefined}
        aria-valuenow={determinate ? done : undefined}
        aria-valuetext={label}
      >
        <div className="progress__bar" style={percent === undefined ? undefined : { width: `${percent}%` }} />
      </div>
    </div>
  );
}

export function HealthBanner({ health }: { health: HealthReport }) {
  const overall = OVERALL[health.status];
  return (
    <section className={`banner banner--${overall.tone}`} data-testid="health-banner" data-status={health.status} aria-label="Overall health">
      <div className="banner__row">
        <StatusBadge tone={overall.tone}>{overall.badge}</StatusBadge>
        <p className="banner__headline">{headline(health)}</p>
        <p className="banner__meta">Up {formatDuration(health.uptimeSeconds)}</p>
      </div>
      {health.demo.state === 'loading' && <DemoProgress demo={health.demo} />}
      {health.demo.state === 'failed' && (
        <p className="banner__note banner__note--critical">
          Demo data failed to load{health.demo.step ? ` at “${health.demo.step}”` : ''}: {health.demo.error ?? 'no reason given'}
        </p>
      )}
    </section>
  );
}
