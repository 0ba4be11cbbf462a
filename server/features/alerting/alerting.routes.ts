// Alerting routes (docs/architecture.md#roles, README#alerting, docs/architecture.md#api): viewing is admin/oncall/analyst; acknowledging,
// silencing and editing rules is admin/oncall.
import {
  zAckAnswer,
  zAlertDetail,
  zAlertRuleAnswer,
  zAlertRules,
  zAlerts,
  zAlertSeries,
  zBacktest,
  zNotificationPage,
  zPagerDutyWebhookAnswer,
  zRetryAnswer,
  zRulePreview,
  zRuleQueries,
} from '../../../contract/alerting.js';
import {
  zAlertsQuery,
  zBacktestBody,
  zIdParams as zId,
  zNotificationsQuery,
  zPreviewBody,
  zRuleBody,
  zRuleIdParams as zRuleId,
  zSeriesQuery,
} from '../../../contract/alerting.requests.js';
import { route, signedIn, type Access } from '../../http/route.js';
import { BadRequestError } from '../../http/errors.js';
import type { AlertingService } from './alerting.service.js';
import { actorOf, audit as writeAudit } from '../../audit.js';
import { STORE_RULE } from './series.js';
import { UnauthorizedError } from '../../http/errors.js';
import { verifyPagerDutySignature, zPagerDutyWebhook } from './pagerduty-webhook.js';
import type { Request } from 'express';
import { mutingRoutes } from './muting.routes.js';

/** The raw bytes of a webhook's body (the signature covers them exactly), at most `limit`. */
function rawBody(req: Request, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.destroy();
        reject(Object.assign(new Error('too large'), { status: 413, type: 'entity.too.large' }));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const view: Access = { kind: 'session', roles: ['admin', 'oncall', 'analyst'] };
const act: Access = { kind: 'session', roles: ['admin', 'oncall'] };

function ruleItem(r: ReturnType<AlertingService['rules']>[number]) {
  return { ...r, keepFiringFor: r.keep_firing_for, noData: r.no_data, onError: r.on_error };
}

export function alertingRoutes(service: AlertingService) {
  /** Every acknowledgement, silence, rule edit and retry goes to the audit log too. */
  const audit = (
    ctx: { req: Parameters<typeof actorOf>[0]; account?: Parameters<typeof actorOf>[1] },
    action: string,
    type: string,
    id: string,
    after: unknown,
  ) => writeAudit(service.db, actorOf(ctx.req, ctx.account), action, type, id, null, after);
  return [
    route({
      method: 'post',
      path: '/v1/webhooks/pagerduty',
      summary:
        'PagerDuty webhooks v3: incident acknowledged, unacknowledged, resolved or reassigned in PagerDuty changes the alert group of its dedup key. Authenticated by X-PagerDuty-Signature (HMAC-SHA256 with PAGERDUTY_WEBHOOK_SECRET), not a session; a replayed event changes nothing.',
      access: { kind: 'public' },
      rawBody: {
        contentType: 'application/json',
        description: 'A PagerDuty v3 webhook body ({ event: { id, event_type, agent, data: { incident_key, assignees } } }).',
      },
      response: zPagerDutyWebhookAnswer,
      handler: async (ctx) => {
        const raw = await rawBody(ctx.req, 1_000_000);
        if (!verifyPagerDutySignature(raw, ctx.req.get('x-pagerduty-signature'), service.pagerDutyWebhookSecrets)) {
          throw new UnauthorizedError('The X-PagerDuty-Signature does not match a configured PAGERDUTY_WEBHOOK_SECRET.');
        }
        let json: unknown;
        try {
          json = JSON.parse(raw.toString('utf8'));
        } catch {
          throw new BadRequestError('The body is not JSON.');
        }
        const body = zPagerDutyWebhook.parse(json);
        const out = await service.pagerDutyEvent(body, (db, action, groupKey, after) =>
          writeAudit(
            db,
            { id: null, email: null, requestId: (ctx.req as { id?: string }).id ?? null, ip: ctx.req.ip ?? null },
            action,
            'alert_group',
            groupKey,
            null,
            after,
          ),
        );
        ctx.res.status(out.outcome === 'applied' ? 200 : 202);
        return out;
      },
    }),
    route({
      method: 'get',
      path: '/alert-rules',
      summary:
        'Every alert rule: from alerts/*.yaml (source file, read-only) and edited in the UI (source ui); `invalid` lists stored UI rules the evaluator skips, with their errors.',
      access: view,
      response: zAlertRules,
      handler: () => ({ rules: [...service.rules(), STORE_RULE].map(ruleItem), invalid: service.rulesInError() }),
    }),
    route({
      method: 'get',
      path: '/alert-rules/queries',
      summary: 'The reviewed rule queries a rule can use (queries/<store>/alerting/*.sql): store, name, description and parameters typed number or text.',
      access: view,
      response: zRuleQueries,
      handler: () => ({ queries: service.ruleQueries() }),
    }),
    route({
      method: 'post',
      path: '/alert-rules',
      summary: 'Creates a UI rule (same schema as alerts/*.yaml; the query must be a file under queries/<store>/alerting/).',
      access: act,
      body: zRuleBody,
      status: 201,
      response: zAlertRuleAnswer,
      handler: async (ctx) => {
        const rule = await service.saveRule(ctx.body, signedIn(ctx).id, 'create');
        await audit(ctx, 'alert_rule.created', 'alert_rule', rule.id, rule);
        return { rule: ruleItem(rule) };
      },
    }),
    route({
      method: 'put',
      path: '/alert-rules/:id',
      summary: 'Replaces a UI rule; rules from alerts/*.yaml answer 409.',
      access: act,
      params: zRuleId,
      body: zRuleBody,
      response: zAlertRuleAnswer,
      handler: async (ctx) => {
        const rule = await service.saveRule(ctx.body, signedIn(ctx).id, 'update', ctx.params.id);
        await audit(ctx, 'alert_rule.updated', 'alert_rule', rule.id, rule);
        return { rule: ruleItem(rule) };
      },
    }),
    route({
      method: 'delete',
      path: '/alert-rules/:id',
      summary: 'Deletes a UI rule; rules from alerts/*.yaml answer 409.',
      access: act,
      params: zRuleId,
      status: 204,
      handler: async (ctx) => {
        await service.deleteRule(ctx.params.id);
        await audit(ctx, 'alert_rule.deleted', 'alert_rule', ctx.params.id, null);
      },
    }),
    route({
      method: 'post',
      path: '/alert-rules/backtest',
      summary: 'Replays a saved rule (by id) or a draft over [from, to) through the state machine and routing: { transitions, notifications, series }.',
      access: view,
      body: zBacktestBody,
      response: zBacktest,
      handler: async (ctx) => {
        const rule = typeof ctx.body.rule === 'string' ? service.rule(ctx.body.rule) : service.validate(ctx.body.rule);
        return service.backtest(rule, new Date(ctx.body.from), new Date(ctx.body.to));
      },
    }),
    route({
      method: 'post',
      path: '/alert-rules/preview',
      summary: "Runs a draft rule's query once (default now) and shows each row's labels, value and whether the condition holds.",
      access: view,
      body: zPreviewBody,
      response: zRulePreview,
      handler: async (ctx) => {
        const rule = service.validate(ctx.body.rule);
        const at = ctx.body.at ? new Date(ctx.body.at) : new Date();
        const result = await service.engine.runQuery(rule, at);
        if (!result.ok) throw new BadRequestError(`The query failed: ${result.error}`, { field: 'rule.query' });
        return { at: at.toISOString(), rows: result.rows.slice(0, 200), total: result.rows.length };
      },
    }),
    route({
      method: 'get',
      path: '/alerts',
      summary: 'Alert instances with state and labels: pending, firing, recovering (all=1 adds normal ones).',
      access: view,
      query: zAlertsQuery,
      response: zAlerts,
      handler: async (ctx) => ({ alerts: await service.listAlerts(ctx.query.all === '1') }),
    }),
    route({
      method: 'get',
      path: '/alerts/:id',
      summary: 'One alert: labels, state, its rule, history (state changes, acknowledgements, notifications) and notifications with delivery status.',
      access: view,
      params: zId,
      response: zAlertDetail,
      handler: (ctx) => service.getAlert(ctx.params.id),
    }),
    route({
      method: 'get',
      path: '/alerts/:id/series',
      summary: "The alert's value against its threshold over a window (default the last 6 hours), replayed from its rule.",
      access: view,
      params: zId,
      query: zSeriesQuery,
      response: zAlertSeries,
      handler: (ctx) => {
        const to = ctx.query.to ? new Date(ctx.query.to) : new Date();
        const from = ctx.query.from ? new Date(ctx.query.from) : new Date(to.getTime() - 6 * 3_600_000);
        return service.alertSeries(ctx.params.id, from, to);
      },
    }),
    route({
      method: 'post',
      path: '/alerts/:id/ack',
      summary: 'Acknowledges an alert; a group paged through PagerDuty gets an acknowledge event with its dedup_key.',
      access: act,
      params: zId,
      response: zAckAnswer,
      handler: async (ctx) => {
        const out = await service.acknowledge(ctx.params.id, signedIn(ctx).id);
        await audit(ctx, 'alert.acknowledged', 'alert', String(ctx.params.id), { labels: out.alert.labels, pagerdutyAcknowledge: out.pagerdutyAcknowledge });
        return out;
      },
    }),
    route({
      method: 'get',
      path: '/notifications',
      summary: 'The notification log (outbox) with attempts, newest first; status=dead lists dead letters.',
      access: view,
      query: zNotificationsQuery,
      response: zNotificationPage,
      handler: (ctx) =>
        service.notifications.list({ status: ctx.query.status, instanceId: ctx.query.instanceId, before: ctx.query.cursor, limit: ctx.query.limit }),
    }),
    route({
      method: 'post',
      path: '/notifications/:id/retry',
      summary: 'Sends a dead-lettered notification again (due now).',
      access: act,
      params: zId,
      response: zRetryAnswer,
      handler: async (ctx) => {
        await service.notifications.retry(ctx.params.id);
        await audit(ctx, 'notification.retried', 'notification', String(ctx.params.id), null);
        return { retried: ctx.params.id };
      },
    }),
    ...mutingRoutes(service.muting, service.db),
  ];
}
