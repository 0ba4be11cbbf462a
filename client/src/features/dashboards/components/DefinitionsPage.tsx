import { Card } from '../../../components/Card';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { useDefinitions } from '../hooks/useDashboards';
import '../dashboards.css';

/** Every metric of the server's registry, as the server defines it (GET /api/metrics/definitions). */
export function DefinitionsPage() {
  const request = useDefinitions();
  return (
    <>
      <PageHeader
        title="Definitions"
        description="How every metric on these dashboards is computed, generated from the metric registry the charts, tables, CSV downloads and alerts share."
      />
      {request.data === undefined ? (
        request.error ? (
          <ErrorState title="Could not load the definitions" error={request.error} onRetry={request.refetch} />
        ) : (
          <LoadingRegion label="Loading definitions">
            <SkeletonLines lines={8} />
          </LoadingRegion>
        )
      ) : (
        <div className="definitions">
          {request.data.metrics.map((m) => (
            <Card key={m.id} title={m.name} id={`metric-${m.id}`} data-testid="definition" actions={<span className="badge badge--neutral">{m.unit}</span>}>
              <p className="definition__formula">{m.formula}</p>
              {m.notes && <p className="muted">{m.notes}</p>}
              <dl className="facts">
                <div className="facts__row">
                  <dt>Id</dt>
                  <dd className="mono">{m.id}</dd>
                </div>
                <div className="facts__row">
                  <dt>Tables</dt>
                  <dd className="mono">{m.tables.join(', ') || '—'}</dd>
                </div>
                <div className="facts__row">
                  <dt>SQL</dt>
                  <dd className="mono">{m.queries.map((q) => `queries/${q}`).join(', ') || 'computed from the parts above'}</dd>
                </div>
                <div className="facts__row">
                  <dt>Shown on</dt>
                  <dd>{m.panels.join(', ')}</dd>
                </div>
              </dl>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
