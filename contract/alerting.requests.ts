// What the alerting routes accept: bodies and query strings, defined once here and used by the
// server routes (which validate with them) and the client API modules (which type what they send).
import { z } from 'zod';
import { zNotificationStatus } from './alerting.js';

const zIso = z.string().datetime({ offset: true });

/** Path parameter `:id` of an alert, a silence or a notification. */
export const zIdParams = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
/** Path parameter `:id` of a rule. */
export const zRuleIdParams = z.object({ id: z.string().regex(/^[a-z0-9_]{1,80}$/) });
/** Path parameter `:name` of a mute timing. */
export const zTimingNameParams = z.object({ name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/) });

/** POST/PUT a rule: the rule itself is checked by zRule (server/features/alerting/rules.ts) and then against the SQL catalog. */
export const zRuleBody = z.record(z.string(), z.unknown());
/** POST /api/alert-rules/backtest: a saved rule by id, or a rule being edited. */
export const zBacktestBody = z
  .object({ rule: z.union([z.string().regex(/^[a-z0-9_]{1,80}$/), z.record(z.string(), z.unknown())]), from: zIso, to: zIso })
  .strict();
export type BacktestBody = z.infer<typeof zBacktestBody>;
/** POST /api/alert-rules/preview. */
export const zPreviewBody = z.object({ rule: z.record(z.string(), z.unknown()), at: zIso.optional() }).strict();
export type PreviewBody = z.infer<typeof zPreviewBody>;
/** GET /api/alerts: `all=1` includes resolved ones. */
export const zAlertsQuery = z.object({ all: z.enum(['0', '1']).optional() });
/** GET /api/alerts/:id/series. */
export const zSeriesQuery = z.object({ from: zIso.optional(), to: zIso.optional() });
/** GET /api/notifications. */
export const zNotificationsQuery = z.object({
  status: zNotificationStatus.optional(),
  instanceId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
export type NotificationsQuery = z.infer<typeof zNotificationsQuery>;

const zLabelMatchers = z
  .record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), z.string().max(500))
  .refine((m) => Object.keys(m).length > 0, 'at least one matcher');
/** POST /api/silences. */
export const zSilenceBody = z
  .object({ matchers: zLabelMatchers, startsAt: zIso.optional(), endsAt: zIso, comment: z.string().trim().min(1).max(1000) })
  .strict();
export type SilenceBody = z.infer<typeof zSilenceBody>;
/** POST/PUT a mute timing: the timing itself is checked by zMuteTiming (server/features/alerting/mute-timings.ts), 422 naming the field. */
export const zMuteTimingBody = z.record(z.string(), z.unknown());
/** PUT /api/routing/mute-timings: the route by its place in routing.yaml's tree; the timings checked by the service (422 naming muteTimings.N). */
export const zRouteMuteTimingsBody = z
  .object({
    route: z
      .string()
      .max(200)
      .regex(/^route(\.routes\[\d{1,3}\])*$/, 'must name a route as route or route.routes[0].routes[1]'),
    muteTimings: z.array(z.string().max(80)).max(20),
  })
  .strict();
export type RouteMuteTimingsBody = z.infer<typeof zRouteMuteTimingsBody>;
