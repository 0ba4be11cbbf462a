// PagerDuty webhooks v3 applied (docs/alerting.md "PagerDuty webhooks v3"): an event whose signature
// was checked (pagerduty-webhook.ts) acknowledges, unacknowledges, resolves or reassigns the alert
// group whose dedup_key is the incident's key, recorded once by the event's id.
import { pgQuery, type Stores } from '../../db/index.js';
import type { PgRunner } from '../../db/stores.js';
import type { AlertEngine } from './engine.js';
import { agentName, INCIDENT_EVENTS, type PagerDutyWebhook } from './pagerduty-webhook.js';
import { groupOf, type Labels } from './routing.js';

type Json = Record<string, unknown>;

export type PagerDutyAudit = (db: PgRunner, action: string, groupKey: string, after: Json) => Promise<void>;

const pgInsertPagerdutyEvent = pgQuery('alerting/insert_pagerduty_event').returns<{ eventId: string }>();
const pgFindGroupByDedup = pgQuery('alerting/find_group_by_dedup').returns<{ groupKey: string; receiver: string; dedupKey: string; firing: boolean }>();
const pgListAlerts = pgQuery('alerting/list_alerts').returns<{ id: string; labels: Labels; state: string; value: number | null }>();
const pgAckInstancesExternal = pgQuery('alerting/ack_instances_external').returns<{ id: string; state: string; value: number | null }>();
const pgUnackInstances = pgQuery('alerting/unack_instances').returns<{ id: string; state: string; value: number | null }>();
const pgInsertHistory = pgQuery('alerting/insert_history');
const pgUpdateGroupPagerduty = pgQuery('alerting/update_group_pagerduty');

/**
 * Applies one PagerDuty webhook event (its signature already checked) in one transaction:
 * recorded once by its id (a replay changes nothing), then acknowledged, unacknowledged,
 * resolved or reassigned on the group whose dedup_key is the incident's key; `audit` writes the
 * audit row in the same transaction. An event about an incident the console did not open is
 * recorded and answered, nothing else.
 */
export async function applyPagerDutyEvent(stores: Stores, engine: AlertEngine, body: PagerDutyWebhook, audit: PagerDutyAudit) {
  const ev = body.event;
  const effect = INCIDENT_EVENTS[ev.event_type];
  const incidentKey = ev.data?.incident_key ?? null;
  const by = agentName(ev);
  const occurred = ev.occurred_at && !Number.isNaN(Date.parse(ev.occurred_at)) ? new Date(ev.occurred_at) : new Date();
  return stores.pg.tx(async (tx) => {
    const group = effect && incidentKey ? await tx.one(pgFindGroupByDedup, { dedup_key: incidentKey }) : undefined;
    const outcome = !effect ? 'ignored' : !group ? 'unknown_incident' : 'applied';
    const fresh = await tx.one(pgInsertPagerdutyEvent, {
      event_id: ev.id,
      event_type: ev.event_type,
      incident_key: incidentKey,
      group_key: group?.groupKey ?? null,
      agent: by,
      outcome,
    });
    if (!fresh) return { outcome: 'replayed' as const, eventId: ev.id };
    if (outcome === 'unknown_incident')
      engine.log.warn({ eventId: ev.id, type: ev.event_type, incidentKey }, 'PagerDuty webhook about an incident this console did not open');
    if (!group || !effect) return { outcome, eventId: ev.id };
    const route = engine.routingTree.route;
    const members = (await tx.rows(pgListAlerts, { include_normal: false })).filter((r) => groupOf(route, r.labels).groupKey === group.groupKey);
    const ids = members.map((m) => m.id);
    const assignees = ev.data?.assignees ? ev.data.assignees.map((a) => a.summary ?? a.id ?? '?') : null;
    if (effect === 'acknowledged' || effect === 'resolved') await tx.rows(pgAckInstancesExternal, { ids, by_name: by, at: occurred });
    if (effect === 'triggered') await tx.rows(pgUnackInstances, { ids });
    const event = effect === 'triggered' ? 'unacknowledged' : effect === 'resolved' ? 'resolved_in_pagerduty' : effect;
    for (const m of members) {
      await tx.exec(pgInsertHistory, {
        instance_id: m.id,
        at: occurred,
        from_state: m.state,
        to_state: m.state,
        value: m.value,
        detail: { event, source: 'pagerduty', by: null, byName: by, pagerdutyEvent: ev.id, ...(assignees ? { assignees } : {}) },
      });
    }
    await tx.exec(pgUpdateGroupPagerduty, { group_key: group.groupKey, status: effect === 'reassigned' ? null : effect, actor: by, at: occurred, assignees });
    await audit(tx, `pagerduty.${ev.event_type}`, group.groupKey, {
      eventId: ev.id,
      by,
      agent: ev.agent ?? null,
      incident: ev.data?.id ?? null,
      dedupKey: incidentKey,
      alerts: ids.map(Number),
      ...(assignees ? { assignees } : {}),
    });
    return { outcome, eventId: ev.id, alerts: ids.map(Number) };
  });
}
