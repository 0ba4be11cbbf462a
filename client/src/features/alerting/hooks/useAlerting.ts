// One hook per endpoint of the alerting API (docs/architecture.md#conventions).
import { useCallback } from 'react';
import { useMutation } from '../../../lib/useMutation';
import { usePolledRequest } from '../../../lib/usePolledRequest';
import { useRequest } from '../../../lib/useRequest';
import {
  acknowledgeAlert,
  backtestRule,
  createMuteTiming,
  createSilence,
  deleteMuteTiming,
  deleteRule,
  expireSilence,
  fetchAlert,
  fetchAlerts,
  fetchAlertSeries,
  fetchMuteTimings,
  fetchNotifications,
  fetchRoutingRoutes,
  fetchRuleQueries,
  fetchRules,
  fetchSilences,
  previewRule,
  retryNotification,
  saveRule,
  setRouteMuteTimings,
} from '../api/alertingApi';

/** GET /api/alerts, refreshed every 15 s. */
export function useAlerts() {
  return usePolledRequest(fetchAlerts, 15_000);
}

/** GET /api/alerts/:id, refreshed every 15 s. */
export function useAlert(id: number) {
  return usePolledRequest(
    useCallback((signal: AbortSignal) => fetchAlert(id, signal), [id]),
    15_000,
  );
}

/** GET /api/alerts/:id/series. */
export function useAlertSeries(id: number) {
  return useRequest(useCallback((signal: AbortSignal) => fetchAlertSeries(id, signal), [id]));
}

/** POST /api/alerts/:id/ack. */
export function useAcknowledgeAlert() {
  return useMutation(acknowledgeAlert);
}

/** GET /api/alert-rules. */
export function useRules() {
  return useRequest(fetchRules);
}

/** GET /api/alert-rules/queries. */
export function useRuleQueries() {
  return useRequest(fetchRuleQueries);
}

/** GET /api/mute-timings. */
export function useMuteTimings() {
  return useRequest(fetchMuteTimings);
}

/** GET /api/routing/routes. */
export function useRoutingRoutes() {
  return useRequest(fetchRoutingRoutes);
}

/** PUT /api/routing/mute-timings. */
export function useSetRouteMuteTimings() {
  return useMutation(setRouteMuteTimings);
}

/** POST /api/mute-timings. */
export function useCreateMuteTiming() {
  return useMutation(createMuteTiming);
}

/** DELETE /api/mute-timings/:name. */
export function useDeleteMuteTiming() {
  return useMutation(deleteMuteTiming);
}

/** POST/PUT /api/alert-rules. */
export function useSaveRule() {
  return useMutation(saveRule);
}

/** DELETE /api/alert-rules/:id. */
export function useDeleteRule() {
  return useMutation(deleteRule);
}

/** POST /api/alert-rules/backtest. */
export function useBacktest() {
  return useMutation(backtestRule);
}

/** POST /api/alert-rules/preview. */
export function usePreviewRule() {
  return useMutation(previewRule);
}

/** GET /api/silences. */
export function useSilences() {
  return useRequest(fetchSilences);
}

/** POST /api/silences. */
export function useCreateSilence() {
  return useMutation(createSilence);
}

/** DELETE /api/silences/:id. */
export function useExpireSilence() {
  return useMutation(expireSilence);
}

/** GET /api/notifications, refreshed every 15 s. */
export function useNotifications(status: string | undefined) {
  return usePolledRequest(
    useCallback((signal: AbortSignal) => fetchNotifications(status, signal), [status]),
    15_000,
  );
}

/** POST /api/notifications/:id/retry. */
export function useRetryNotification() {
  return useMutation(retryNotification);
}
