// One hook per endpoint of the alerting API (docs/architecture.md#conventions); query keys and
// what each change invalidates: docs/client.md.
import { useApiMutation, useApiQuery } from '../../../lib/query';
import { queryKeys } from '../../../lib/queryKeys';
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
  type NotificationStatus,
} from '../api/alertingApi';

const ALERTS_REFRESH_MS = 15_000;

/** GET /api/alerts, refreshed every 15 s. */
export function useAlerts() {
  return useApiQuery({ key: queryKeys.alerts, fetch: fetchAlerts, refetchMs: ALERTS_REFRESH_MS });
}

/** GET /api/alerts/:id, refreshed every 15 s. */
export function useAlert(id: number) {
  return useApiQuery({ key: queryKeys.alert(id), fetch: (signal) => fetchAlert(id, signal), refetchMs: ALERTS_REFRESH_MS });
}

/** GET /api/alerts/:id/series. */
export function useAlertSeries(id: number) {
  return useApiQuery({ key: queryKeys.alertSeries(id), fetch: (signal) => fetchAlertSeries(id, signal) });
}

/** POST /api/alerts/:id/ack; the alert and the alert list are asked again. */
export function useAcknowledgeAlert() {
  return useApiMutation(acknowledgeAlert, { invalidates: [queryKeys.alerts] });
}

/** GET /api/alert-rules. */
export function useRules() {
  return useApiQuery({ key: queryKeys.rules, fetch: fetchRules });
}

/** GET /api/alert-rules/queries. */
export function useRuleQueries() {
  return useApiQuery({ key: queryKeys.ruleQueries, fetch: fetchRuleQueries });
}

/** GET /api/mute-timings. */
export function useMuteTimings() {
  return useApiQuery({ key: queryKeys.muteTimings, fetch: fetchMuteTimings });
}

/** POST /api/mute-timings; rules name mute timings and routes list the ones to attach, so all are asked again. */
export function useCreateMuteTiming() {
  return useApiMutation(createMuteTiming, { invalidates: [queryKeys.muteTimings, queryKeys.rules, queryKeys.routingRoutes] });
}

/** DELETE /api/mute-timings/:name. */
export function useDeleteMuteTiming() {
  return useApiMutation(deleteMuteTiming, { invalidates: [queryKeys.muteTimings, queryKeys.rules, queryKeys.routingRoutes] });
}

/** GET /api/routing/routes: the routes of routing.yaml with their mute timings. */
export function useRoutingRoutes() {
  return useApiQuery({ key: queryKeys.routingRoutes, fetch: fetchRoutingRoutes });
}

/** PUT /api/routing/mute-timings; the timings list says which routes each mutes, an alert page which timing mutes it. */
export function useSetRouteMuteTimings() {
  return useApiMutation(setRouteMuteTimings, { invalidates: [queryKeys.routingRoutes, queryKeys.muteTimings, queryKeys.alerts] });
}

/** POST/PUT /api/alert-rules; a rule's change shows in the rules and (its instances) in the alerts. */
export function useSaveRule() {
  return useApiMutation(saveRule, { invalidates: [queryKeys.rules, queryKeys.alerts] });
}

/** DELETE /api/alert-rules/:id. */
export function useDeleteRule() {
  return useApiMutation(deleteRule, { invalidates: [queryKeys.rules, queryKeys.alerts] });
}

/** POST /api/alert-rules/backtest (reads only). */
export function useBacktest() {
  return useApiMutation(backtestRule);
}

/** POST /api/alert-rules/preview (reads only). */
export function usePreviewRule() {
  return useApiMutation(previewRule);
}

/** GET /api/silences. */
export function useSilences() {
  return useApiQuery({ key: queryKeys.silences, fetch: fetchSilences });
}

/** POST /api/silences; the alerts it matches show as silenced. */
export function useCreateSilence() {
  return useApiMutation(createSilence, { invalidates: [queryKeys.silences, queryKeys.alerts] });
}

/** DELETE /api/silences/:id. */
export function useExpireSilence() {
  return useApiMutation(expireSilence, { invalidates: [queryKeys.silences, queryKeys.alerts] });
}

/** GET /api/notifications (one status, or all), refreshed every 15 s. */
export function useNotifications(status: NotificationStatus | undefined) {
  return useApiQuery({
    key: queryKeys.notifications(status),
    fetch: (signal) => fetchNotifications(status, signal),
    refetchMs: ALERTS_REFRESH_MS,
    keepPrevious: true,
  });
}

/** POST /api/notifications/:id/retry; every notification list is asked again. */
export function useRetryNotification() {
  return useApiMutation(retryNotification, { invalidates: [queryKeys.allNotifications] });
}
