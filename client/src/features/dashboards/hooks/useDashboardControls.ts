import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useAccount } from '../../auth/hooks/useAuth';
import type { WindowParams } from '../api/dashboardsApi';

export const RANGES = { '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
export type RangeKey = keyof typeof RANGES;
export const REFRESH = { off: 0, '30s': 30_000, '1m': 60_000, '5m': 300_000 } as const;
export type RefreshKey = keyof typeof REFRESH;

export interface DashboardControls {
  /** A relative range, or 'custom' with absolute from/to. */
  range: RangeKey | 'custom';
  from: string | undefined;
  to: string | undefined;
  tz: string;
  refresh: RefreshKey;
  refreshMs: number;
  /** Stable text of the controls: hooks re-ask when it changes. */
  key: string;
  /** The window to ask for now (relative ranges end now, so each refresh moves them). */
  resolve: () => WindowParams;
  set: (changes: Partial<{ range: RangeKey | 'custom'; from: string; to: string; tz: string; refresh: RefreshKey }>) => void;
}

const isRange = (v: string | null): v is RangeKey => v !== null && v in RANGES;
const isRefresh = (v: string | null): v is RefreshKey => v !== null && v in REFRESH;

/**
 * The shared controls of every dashboard — time range, timezone, auto-refresh — kept in the URL
 * (range, from, to, tz, refresh) so that a link or a reload reproduces the view. The timezone
 * defaults to the account's.
 */
export function useDashboardControls(): DashboardControls {
  const [params, setParams] = useSearchParams();
  const account = useAccount();
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const rawRange = params.get('range');
  const range: DashboardControls['range'] = from && to ? 'custom' : isRange(rawRange) ? rawRange : '24h';
  const tz = params.get('tz') || account.timezone || 'UTC';
  const rawRefresh = params.get('refresh');
  const refresh: RefreshKey = isRefresh(rawRefresh) ? rawRefresh : 'off';
  const key = `${range}|${from ?? ''}|${to ?? ''}|${tz}`;

  const resolve = useCallback((): WindowParams => {
    if (range === 'custom' && from && to) return { from, to, tz };
    const now = Date.now();
    return { from: new Date(now - RANGES[range as RangeKey]).toISOString(), to: new Date(now).toISOString(), tz };
  }, [range, from, to, tz]);

  const set = useCallback<DashboardControls['set']>(
    (changes) => {
      setParams(
        (previous) => {
          const next = new URLSearchParams(previous);
          if (changes.range && changes.range !== 'custom') {
            next.set('range', changes.range);
            next.delete('from');
            next.delete('to');
          }
          if (changes.from !== undefined) next.set('from', changes.from);
          if (changes.to !== undefined) next.set('to', changes.to);
          if (changes.range === 'custom') next.delete('range');
          if (changes.tz !== undefined) next.set('tz', changes.tz);
          if (changes.refresh !== undefined) {
            if (changes.refresh === 'off') next.delete('refresh');
            else next.set('refresh', changes.refresh);
          }
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );

  return useMemo(() => ({ range, from, to, tz, refresh, refreshMs: REFRESH[refresh], key, resolve, set }), [range, from, to, tz, refresh, key, resolve, set]);
}
