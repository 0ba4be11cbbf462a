// The routes of alerts/routing.yaml and the mute timings muting each: routing.yaml's own
// (read-only) and those attached here, in the console (stored in PostgreSQL, audited). An on-call
// engineer ticks the timings of a route and saves; which one mutes the route now is shown.
import { useState } from 'react';
import { Card } from '../../../components/Card';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { LoadingRegion, SkeletonLines } from '../../../components/Skeleton';
import { StatusBadge } from '../../../components/StatusBadge';
import type { RouteMutes } from '../api/alertingApi';
import { useRoutingRoutes, useSetRouteMuteTimings } from '../hooks/useAlerting';

const routeText = (r: Pick<RouteMutes, 'receiver' | 'matchers'>) =>
  [
    r.receiver,
    ...Object.entries(r.matchers)
      .map(([k, v]) => `${k}=${v}`)
      .sort(),
  ].join(' · ');

function RouteRow({ route, timings, canAct }: { route: RouteMutes; timings: string[]; canAct: boolean }) {
  const attached = route.consoleMuteTimings.map((t) => t.name);
  const [picked, setPicked] = useState<string[] | undefined>(undefined);
  const save = useSetRouteMuteTimings();
  const current = picked ?? attached;
  const choices = timings.filter((t) => !route.yamlMuteTimings.includes(t));
  const dirty = picked !== undefined && [...picked].sort().join(',') !== [...attached].sort().join(',');
  const id = `route-${route.path.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}`;
  return (
    <tr data-testid={id}>
      <td>
        <div className="mono" style={{ paddingLeft: `${route.depth * 1.25}rem` }}>
          {route.path}
        </div>
        <div className="table__sub" style={{ paddingLeft: `${route.depth * 1.25}rem` }}>
          {routeText(route)}
        </div>
      </td>
      <td className="mono">{route.yamlMuteTimings.join(', ') || <span className="muted">none</span>}</td>
      <td>
        {canAct ? (
          choices.length === 0 ? (
            <span className="muted">no timing to attach</span>
          ) : (
            <fieldset className="mute-days" aria-label={`Console mute timings of ${route.path}`}>
              {choices.map((t) => (
                <label key={t} className="checkbox">
                  <input
                    type="checkbox"
                    checked={current.includes(t)}
                    onChange={(e) => setPicked(e.target.checked ? [...current, t] : current.filter((x) => x !== t))}
                  />{' '}
                  <span className="mono">{t}</span>
                </label>
              ))}
            </fieldset>
          )
        ) : (
          <span className="mono">{attached.join(', ') || <span className="muted">none</span>}</span>
        )}
        {save.error && (
          <p className="form-error" role="alert">
            {save.error.message}
          </p>
        )}
      </td>
      <td>{route.mutedBy ? <StatusBadge tone="warning">MUTED by {route.mutedBy}</StatusBadge> : <span className="muted">not muted</span>}</td>
      <td>
        {canAct && choices.length > 0 && (
          <button
            type="button"
            className="button button--small"
            disabled={!dirty || save.isPending}
            data-testid={`${id}-save`}
            onClick={async () => {
              // The routes are asked again (useSetRouteMuteTimings invalidates them): the row shows what was stored.
              if (await save.run({ route: route.path, muteTimings: current })) setPicked(undefined);
            }}
          >
            Save
          </button>
        )}
      </td>
    </tr>
  );
}

export function RouteMutesCard({ canAct }: { canAct: boolean }) {
  const routes = useRoutingRoutes();
  const detach = useSetRouteMuteTimings();
  const data = routes.data;
  return (
    <Card title="Routes and their mute timings" flush>
      {data === undefined ? (
        routes.error ? (
          <div className="card__body">
            <ErrorState compact title="Could not load the routes" error={routes.error} onRetry={routes.refetch} />
          </div>
        ) : (
          <LoadingRegion label="Loading routes">
            <div className="card__body">
              <SkeletonLines lines={3} />
            </div>
          </LoadingRegion>
        )
      ) : (
        <>
          {data.timings.length === 0 && <EmptyState>No mute timings yet: create one below, then attach it to a route here.</EmptyState>}
          <ScrollRegion label="Routes and their mute timings">
            <table className="table" data-testid="route-mutes-table">
              <thead>
                <tr>
                  <th>Route (alerts/routing.yaml)</th>
                  <th>Timings in routing.yaml</th>
                  <th>Timings attached in the console</th>
                  <th>Now</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.routes.map((r) => (
                  <RouteRow key={`${r.path}|${r.consoleMuteTimings.map((t) => t.name).join(',')}`} route={r} timings={data.timings} canAct={canAct} />
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {data.stale.length > 0 && (
            <div className="card__body" data-testid="route-mutes-stale">
              <p>These attachments mute nothing: routing.yaml changed and the route at their place is not the one they were made for.</p>
              <ul>
                {[...new Set(data.stale.map((s) => s.route))].map((path) => (
                  <li key={path}>
                    <span className="mono">{path}</span>:{' '}
                    {data.stale
                      .filter((s) => s.route === path)
                      .map((s) => `${s.timing} (made for ${routeText(s)})`)
                      .join(', ')}{' '}
                    {canAct && (
                      <button
                        type="button"
                        className="button button--small button--danger-outline"
                        disabled={detach.isPending}
                        onClick={async () => {
                          // The route now at this place keeps its current console timings; the stale ones go.
                          const keep = data.routes.find((r) => r.path === path)?.consoleMuteTimings.map((t) => t.name) ?? [];
                          await detach.run({ route: path, muteTimings: keep });
                        }}
                      >
                        Detach
                      </button>
                    )}
                  </li>
                ))}
              </ul>
              {detach.error && <p className="form-error">{detach.error.message}</p>}
            </div>
          )}
        </>
      )}
    </Card>
  );
}
