import { Card } from '../../../components/Card';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatMilliseconds } from '../../../lib/format';
import type { HealthReport, StoreHealth } from '../api/statusApi';

/** The two stores, as the health report names them. */
export type StoreName = keyof Pick<HealthReport, 'postgres' | 'clickhouse'>;

export const STORE_LABEL: Record<StoreName, string> = { postgres: 'PostgreSQL', clickhouse: 'ClickHouse' };
const EMBEDDED_ENGINE: Record<StoreName, string> = { postgres: 'PGlite', clickhouse: 'chDB' };

export function storeModeLabel(store: StoreName, mode: StoreHealth['mode']): string {
  return mode === 'embedded' ? `Embedded (${EMBEDDED_ENGINE[store]})` : 'External server';
}

interface StoreHealthCardProps {
  store: StoreName;
  health: StoreHealth;
}

export function StoreHealthCard({ store, health }: StoreHealthCardProps) {
  const up = health.status === 'ok';
  return (
    <Card
      title={STORE_LABEL[store]}
      data-testid={`store-${store}`}
      data-status={health.status}
      actions={<StatusBadge tone={up ? 'ok' : 'critical'}>{up ? 'OK' : 'DOWN'}</StatusBadge>}
    >
      <dl className="facts">
        <div className="facts__row">
          <dt>Mode</dt>
          <dd>{storeModeLabel(store, health.mode)}</dd>
        </div>
        <div className="facts__row">
          <dt>Latency</dt>
          <dd className="is-numeric-text">{formatMilliseconds(health.latencyMs)}</dd>
        </div>
      </dl>
      {health.error && (
        <p className="store-error" role="note">
          <span className="store-error__label">Error</span>
          <code>{health.error}</code>
        </p>
      )}
    </Card>
  );
}
