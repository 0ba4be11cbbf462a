import { useState } from 'react';
import { timezoneOptions, zonedLocalToUtcIso } from '../../../lib/timezone';
import { RANGES, REFRESH, type DashboardControls as Controls, type RangeKey, type RefreshKey } from '../hooks/useDashboardControls';

const RANGE_LABELS: Record<RangeKey, string> = { '1h': 'Last 1 hour', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days' };
const REFRESH_LABELS: Record<RefreshKey, string> = { off: 'Off', '30s': 'Every 30 s', '1m': 'Every 1 min', '5m': 'Every 5 min' };

/** "2026-03-08T08:00:00.000Z" as a datetime-local value in `tz`. */
function toLocalInput(iso: string | undefined, tz: string): string {
  if (!iso) return '';
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(iso));
    const g = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
    return `${g('year')}-${g('month')}-${g('day')}T${g('hour')}:${g('minute')}`;
  } catch {
    return '';
  }
}

/** Time range, timezone and auto-refresh: every dashboard's shared controls, kept in the URL. */
export function DashboardControls({ controls, isFetching }: { controls: Controls; isFetching?: boolean }) {
  const [customFrom, setCustomFrom] = useState(() => toLocalInput(controls.from, controls.tz));
  const [customTo, setCustomTo] = useState(() => toLocalInput(controls.to, controls.tz));
  const [showCustom, setShowCustom] = useState(controls.range === 'custom');
  const [customError, setCustomError] = useState<string | undefined>();

  const applyCustom = () => {
    const from = zonedLocalToUtcIso(customFrom, controls.tz);
    const to = zonedLocalToUtcIso(customTo, controls.tz);
    if (!from || !to) return setCustomError('Enter both a start and an end.');
    if (from >= to) return setCustomError('The start must be before the end.');
    setCustomError(undefined);
    controls.set({ range: 'custom', from, to });
  };

  return (
    <div className="dash-controls" data-testid="dashboard-controls">
      <div className="dash-controls__ranges" role="group" aria-label="Time range">
        {(Object.keys(RANGES) as RangeKey[]).map((r) => (
          <button
            key={r}
            type="button"
            className={controls.range === r ? 'button button--small dash-controls__range is-active' : 'button button--small dash-controls__range'}
            aria-pressed={controls.range === r}
            onClick={() => {
              setShowCustom(false);
              controls.set({ range: r });
            }}
          >
            {RANGE_LABELS[r]}
          </button>
        ))}
        <button
          type="button"
          className={controls.range === 'custom' ? 'button button--small is-active' : 'button button--small'}
          aria-pressed={controls.range === 'custom'}
          onClick={() => setShowCustom((v) => !v)}
        >
          Absolute…
        </button>
      </div>
      <label className="dash-controls__field">
        <span>Timezone</span>
        <select className="select select--compact" aria-label="Timezone" value={controls.tz} onChange={(e) => controls.set({ tz: e.target.value })}>
          {timezoneOptions(controls.tz).map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </select>
      </label>
      <label className="dash-controls__field">
        <span>Auto-refresh</span>
        <select
          className="select select--compact"
          aria-label="Auto-refresh"
          value={controls.refresh}
          onChange={(e) => controls.set({ refresh: e.target.value as RefreshKey })}
        >
          {(Object.keys(REFRESH) as RefreshKey[]).map((r) => (
            <option key={r} value={r}>
              {REFRESH_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      <span className="dash-controls__status muted" aria-live="polite">
        {isFetching ? 'Updating…' : ''}
      </span>
      {showCustom && (
        <form
          className="dash-controls__custom"
          onSubmit={(e) => {
            e.preventDefault();
            applyCustom();
          }}
        >
          <label className="dash-controls__field">
            <span>From ({controls.tz})</span>
            <input
              className="select select--compact"
              type="datetime-local"
              aria-label="From"
              value={customFrom}
              onChange={(e) => setCustomFrom(e.target.value)}
            />
          </label>
          <label className="dash-controls__field">
            <span>To</span>
            <input className="select select--compact" type="datetime-local" aria-label="To" value={customTo} onChange={(e) => setCustomTo(e.target.value)} />
          </label>
          <button type="submit" className="button button--small button--primary">
            Apply
          </button>
          {customError && <span className="field__error">{customError}</span>}
        </form>
      )}
    </div>
  );
}
