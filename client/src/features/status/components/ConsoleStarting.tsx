import { useEffect, useState } from 'react';
import { useApiQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
import { fetchHealth } from '../api/statusApi';
import { HealthBanner } from './HealthBanner';

/** While starting, the health report (with the demo load's progress) is asked every second. */
const STARTING_REFRESH_MS = 1000;

/**
 * The whole page while the console starts (its API answers 503 `starting`: migrations, the demo
 * load): the health banner with the load's step and progress bar, asked again every second. Once
 * the console has started, `onStarted` runs (the session is asked again, which signs in or opens
 * the page asked for).
 */
export function ConsoleStarting({ onStarted }: { onStarted: () => void }) {
  const health = useApiQuery({ key: [...queryKeys.health, 'starting'], fetch: fetchHealth, refetchMs: STARTING_REFRESH_MS });
  // Only an answer asked since this page opened counts: a cached `ok` from an earlier start (the
  // console restarted while the tab stayed open) would send the user back to a console still starting.
  const [openedAt] = useState(() => Date.now());
  const fresh = health.updatedAt !== undefined && health.updatedAt.getTime() >= openedAt;
  const status = fresh ? health.data?.status : undefined;
  useEffect(() => {
    if (status !== undefined && status !== 'starting') onStarted();
  }, [status, onStarted]);
  return (
    <div className="full-page" data-testid="console-starting">
      <div className="full-page__panel">
        <h1>Pulse Console is starting</h1>
        {health.data ? (
          <HealthBanner health={health.data} />
        ) : (
          <p role="status">{health.error ? `The console does not answer yet (${health.error.message}); asking again.` : 'Asking the console how far it is…'}</p>
        )}
        <p className="muted">The first start loads a month of demo data; this page moves on by itself when it is done.</p>
      </div>
    </div>
  );
}
