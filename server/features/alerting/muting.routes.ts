// Silences, mute timings and the routes they mute (docs/architecture.md#roles, docs/alerting.md "Mute
// timings"): viewing is admin/oncall/analyst; creating, expiring, attaching and detaching is
// admin/oncall, each change written to the audit log.
import { zCreatedSilence, zMuteTimingAnswer, zMuteTimings, zRouteMuteTimings, zRoutingRoutes, zSilences } from '../../../contract/alerting.js';
import {
  zIdParams as zId,
  zMuteTimingBody,
  zRouteMuteTimingsBody,
  zSilenceBody,
  zTimingNameParams as zTimingName,
} from '../../../contract/alerting.requests.js';
import { route, signedIn, type Access } from '../../http/route.js';
import { actorOf, audit as writeAudit } from '../../audit.js';
import type { PgRunner } from '../../db/stores.js';
import type { MutingService } from './muting.service.js';

const view: Access = { kind: 'session', roles: ['admin', 'oncall', 'analyst'] };
const act: Access = { kind: 'session', roles: ['admin', 'oncall'] };

type Ctx = { req: Parameters<typeof actorOf>[0]; account?: Parameters<typeof actorOf>[1] };

export function mutingRoutes(service: MutingService, db: PgRunner) {
  const audit = (ctx: Ctx, action: string, type: string, id: string, after: unknown) =>
    writeAudit(db, actorOf(ctx.req, ctx.account), action, type, id, null, after);
  return [
    route({
      method: 'get',
      path: '/silences',
      summary: 'Silences, active and expired (kept for the record), newest first.',
      access: view,
      response: zSilences,
      handler: async () => ({ silences: await service.listSilences() }),
    }),
    route({
      method: 'post',
      path: '/silences',
      summary: 'Creates a silence: label matchers (exact, or /regex/), start (default now), end, comment.',
      access: act,
      body: zSilenceBody,
      status: 201,
      response: zCreatedSilence,
      handler: async (ctx) => {
        const silence = await service.createSilence(ctx.body, signedIn(ctx).id);
        await audit(ctx, 'silence.created', 'silence', String(silence.id), silence);
        return { silence };
      },
    }),
    route({
      method: 'delete',
      path: '/silences/:id',
      summary: 'Expires a silence now (the row stays, shown as expired).',
      access: act,
      params: zId,
      status: 204,
      handler: async (ctx) => {
        await service.expireSilence(ctx.params.id);
        await audit(ctx, 'silence.expired', 'silence', String(ctx.params.id), null);
      },
    }),
    route({
      method: 'get',
      path: '/mute-timings',
      summary:
        'Mute timings: recurring windows (weekdays, times in a zone, days of month, months, years) from alerts/routing.yaml (read-only) and made in the console, with the routes that name them and whether each is active now.',
      access: view,
      response: zMuteTimings,
      handler: async () => ({ muteTimings: await service.listMuteTimings() }),
    }),
    route({
      method: 'post',
      path: '/mute-timings',
      summary: "Creates a console mute timing ({ name, time_intervals } in Alertmanager's shape); a route names it in mute_time_intervals.",
      access: act,
      body: zMuteTimingBody,
      status: 201,
      response: zMuteTimingAnswer,
      handler: async (ctx) => {
        const timing = await service.saveMuteTiming(ctx.body, signedIn(ctx).id, 'create');
        await audit(ctx, 'mute_timing.created', 'mute_timing', timing.name, timing);
        return { muteTiming: timing };
      },
    }),
    route({
      method: 'put',
      path: '/mute-timings/:name',
      summary: 'Replaces a console mute timing; those of routing.yaml answer 409.',
      access: act,
      params: zTimingName,
      body: zMuteTimingBody,
      response: zMuteTimingAnswer,
      handler: async (ctx) => {
        const timing = await service.saveMuteTiming(ctx.body, signedIn(ctx).id, 'update', ctx.params.name);
        await audit(ctx, 'mute_timing.updated', 'mute_timing', timing.name, timing);
        return { muteTiming: timing };
      },
    }),
    route({
      method: 'delete',
      path: '/mute-timings/:name',
      summary: 'Deletes a console mute timing; those of routing.yaml answer 409.',
      access: act,
      params: zTimingName,
      status: 204,
      handler: async (ctx) => {
        await service.deleteMuteTiming(ctx.params.name);
        await audit(ctx, 'mute_timing.deleted', 'mute_timing', ctx.params.name, null);
      },
    }),
    route({
      method: 'get',
      path: '/routing/routes',
      summary:
        "The routes of alerts/routing.yaml with the mute timings muting each: routing.yaml's (read-only) and those attached in the console; which one mutes it now; the timings that can be attached; console attachments whose route changed (stale).",
      access: view,
      response: zRoutingRoutes,
      handler: () => service.listRoutes(),
    }),
    route({
      method: 'put',
      path: '/routing/mute-timings',
      summary:
        "Sets the console's mute timings of one route ({ route: 'route.routes[0]', muteTimings: [names] }), replacing its previous ones; routing.yaml's own stay. An empty list detaches all.",
      access: act,
      body: zRouteMuteTimingsBody,
      response: zRouteMuteTimings,
      handler: (ctx) =>
        service.setRouteMuteTimings(ctx.body.route, ctx.body.muteTimings, signedIn(ctx).id, (tx, action, type, id, before, after) =>
          writeAudit(tx, actorOf(ctx.req, ctx.account), action, type, id, before, after),
        ),
    }),
  ];
}
