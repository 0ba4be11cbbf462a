// The routing flush (README#alerting): firing instances into notification groups, each group's
// decision (group_wait, group_interval, repeat_interval, send_resolved), silences and mute
// timings, then what is due written to the outbox. A flush gathers every group's rows and writes
// them in one transaction of three statements (outbox, history, groups), whatever the number of
// groups: the cold tick of the bench triggers ~170 groups at once (bench/README.md).
import type { Logger } from 'pino';
import { pgQuery, type Stores } from '../../db/index.js';
import type { Routing } from './rules.js';
import { decideGroup, dedupKeyOf, groupOf, labelMatches, routeOfGroupKey, type GroupAction, type GroupMemory, type Labels } from './routing.js';
import type { AlertSignals } from './signals.js';
import type { TimeInterval } from './mute-timings.js';
import { routeMutedBy, type MuteState, type RouteMute } from './route-mutes.js';
import { notificationRows, type AlertingInstance, type GroupNotice, type HistoryRow, type OutboxRow } from './notifications.js';

const pgListAlertingInstances = pgQuery('alerting/list_alerting_instances').returns<AlertingInstance>();
const pgListActiveSilences = pgQuery('alerting/list_active_silences').returns<{ id: string; matchers: Labels }>();
const pgListGroups = pgQuery('alerting/list_groups').returns<GroupRow>();
const pgUpsertGroups = pgQuery('alerting/upsert_groups');
const pgInsertOutboxBatch = pgQuery('alerting/insert_outbox_batch');
const pgInsertHistoryBatch = pgQuery('alerting/insert_history_batch');
const pgListInstancesByIds = pgQuery('alerting/list_instances_by_ids').returns<AlertingInstance>();
const pgListMuteTimings = pgQuery('alerting/list_mute_timings').returns<{ name: string; timeIntervals: TimeInterval[] }>();
const pgListRouteMuteTimings = pgQuery('alerting/list_route_mute_timings').returns<RouteMute>();

interface GroupRow {
  groupKey: string;
  receiver: string;
  groupLabels: Labels;
  dedupKey: string;
  pendingSince: Date | null;
  firing: boolean;
  lastNotifiedAt: Date | null;
  notifiedInstanceIds: string[];
}

export interface RouterOptions {
  log: Logger;
  /** Told when a flush wrote notifications to the outbox. */
  signals?: AlertSignals;
  /** The console's address for links in messages (CONSOLE_URL). */
  consoleUrl?: string;
}

const ms = (d: Date | null) => (d ? new Date(d).getTime() : null);
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export class NotificationRouter {
  constructor(
    private readonly stores: Stores,
    private readonly routing: () => Routing,
    private readonly opts: RouterOptions,
  ) {}

  /** routing.yaml's mute timings and the console's (a YAML name wins), and the console's route attachments. */
  async muteState(): Promise<MuteState> {
    const [rows, attachments] = await Promise.all([this.stores.pg.rows(pgListMuteTimings, {}), this.stores.pg.rows(pgListRouteMuteTimings, {})]);
    const timings = new Map(rows.map((r) => [r.name, r.timeIntervals]));
    for (const [name, intervals] of this.routing().muteTimings) timings.set(name, intervals);
    return { timings, attachments };
  }

  /** Routes firing instances into notification groups; writes due notifications to the outbox. */
  async flush(at: Date): Promise<number> {
    const routing = this.routing();
    const [instances, silences, groupRows, mutes] = await Promise.all([
      this.stores.pg.rows(pgListAlertingInstances, {}),
      this.stores.pg.rows(pgListActiveSilences, { at }),
      this.stores.pg.rows(pgListGroups, {}),
      this.muteState(),
    ]);
    type G = { receiver: string; groupLabels: Labels; node: ReturnType<typeof groupOf>['node']; path: string; active: AlertingInstance[]; silenced: number };
    const groups = new Map<string, G>();
    for (const inst of instances) {
      const ref = groupOf(routing.route, inst.labels);
      const g = groups.get(ref.groupKey) ?? { receiver: ref.receiver, groupLabels: ref.groupLabels, node: ref.node, path: ref.path, active: [], silenced: 0 };
      groups.set(ref.groupKey, g);
      if (silences.some((s) => labelMatches(inst.labels, s.matchers))) g.silenced++;
      else g.active.push(inst);
    }
    const stored = new Map(groupRows.map((g) => [g.groupKey, g]));
    type Due = { notice: GroupNotice; muted?: string; mem: GroupMemory };
    const due: Due[] = [];
    const groupWrites: Record<string, unknown>[] = [];
    for (const key of new Set([...groups.keys(), ...stored.keys()])) {
      const s = stored.get(key);
      const g = groups.get(key);
      const mem: GroupMemory = s
        ? { pendingSince: ms(s.pendingSince), firing: s.firing, lastNotifiedAt: ms(s.lastNotifiedAt), notifiedInstanceIds: s.notifiedInstanceIds }
        : { pendingSince: null, firing: false, lastNotifiedAt: null, notifiedInstanceIds: [] };
      // A group with no alert left keeps its own route's terms (send_resolved); one whose route no
      // longer exists (routing.yaml changed) resolves on the root's.
      const path = g?.path ?? key.split('|')[1] ?? 'route';
      const node = g?.node ?? routeOfGroupKey(routing.route, key) ?? routing.route;
      const active = g?.active ?? [];
      const allAck = active.length > 0 && active.every((i) => i.acknowledgedAt !== null);
      const decision = decideGroup(
        mem,
        active.map((i) => String(i.id)),
        g?.silenced ?? 0,
        allAck,
        node,
        at.getTime(),
      );
      const receiverName = g?.receiver ?? s?.receiver ?? '';
      const groupLabels = g?.groupLabels ?? s?.groupLabels ?? {};
      const dedupKey = s?.dedupKey ?? dedupKeyOf(key);
      const notice = (action: GroupAction): GroupNotice => ({
        action,
        receiverName,
        groupKey: key,
        dedupKey,
        groupLabels,
        alerts: active,
        resolvedIds: action === 'resolve' ? mem.notifiedInstanceIds : [],
        resolvedAlerts: [],
        at,
        consoleUrl: this.opts.consoleUrl ?? '',
      });
      // A muted route sends nothing and remembers nothing: states keep changing (and are recorded
      // by the evaluation), and the first flush after the window decides on the state then.
      const muted = routeMutedBy(node, path, mutes, at);
      if (muted) {
        if (decision.action) due.push({ notice: notice(decision.action), muted, mem });
        continue;
      }
      if (decision.action) due.push({ notice: notice(decision.action), mem });
      const n = decision.next;
      const changed = !s || JSON.stringify(mem) !== JSON.stringify(n);
      if (changed && (s || n.firing || n.pendingSince !== null)) {
        groupWrites.push({
          group_key: key,
          receiver: receiverName,
          group_labels: groupLabels,
          dedup_key: dedupKey,
          pending_since: iso(n.pendingSince),
          firing: n.firing,
          last_notified_at: iso(n.lastNotifiedAt),
          notified_instance_ids: n.notifiedInstanceIds,
        });
      }
    }
    // The alerts a resolve names are normal now: read them back at once for every resolving group.
    const resolvedIds = [...new Set(due.flatMap((d) => d.notice.resolvedIds))];
    if (resolvedIds.length > 0) {
      const byId = new Map((await this.stores.pg.rows(pgListInstancesByIds, { ids: resolvedIds })).map((r) => [String(r.id), r]));
      for (const d of due) d.notice.resolvedAlerts = d.notice.resolvedIds.flatMap((id) => byId.get(String(id)) ?? []);
    }
    const outbox: OutboxRow[] = [];
    const history: HistoryRow[] = [];
    for (const d of due) {
      if (d.muted) {
        history.push(...this.mutedHistory(d.notice, d.muted));
        continue;
      }
      const rows = notificationRows(routing.receivers.get(d.notice.receiverName), d.notice);
      outbox.push(...rows.outbox);
      history.push(...rows.history);
    }
    await this.write(outbox, history, groupWrites);
    if (outbox.length > 0) this.opts.signals?.emit('enqueued');
    return outbox.length;
  }

  /** One transaction, at most one statement per table. */
  private async write(outbox: OutboxRow[], history: HistoryRow[], groups: Record<string, unknown>[]): Promise<void> {
    if (outbox.length + history.length + groups.length === 0) return;
    await this.stores.pg.tx(async (tx) => {
      if (outbox.length > 0) await tx.exec(pgInsertOutboxBatch, { rows: outbox });
      if (history.length > 0) await tx.exec(pgInsertHistoryBatch, { rows: history });
      if (groups.length > 0) await tx.exec(pgUpsertGroups, { rows: groups });
    });
  }

  /** Writes one notification at once (the console's acknowledge): its outbox rows and history. */
  async enqueueNow(receiverName: string, notice: Omit<GroupNotice, 'receiverName' | 'consoleUrl'>): Promise<number> {
    const rows = notificationRows(this.routing().receivers.get(receiverName), { ...notice, receiverName, consoleUrl: this.opts.consoleUrl ?? '' });
    await this.write(rows.outbox, rows.history, []);
    if (rows.outbox.length > 0) this.opts.signals?.emit('enqueued');
    return rows.outbox.length;
  }

  /** What a mute timing held back, once per group, action and timing while the window lasts. */
  private readonly mutedSeen = new Set<string>();

  private mutedHistory(n: GroupNotice, timing: string): HistoryRow[] {
    const alerts = n.action === 'resolve' ? n.resolvedAlerts : n.alerts;
    const seen = `${n.groupKey}|${timing}|${n.action}|${alerts
      .map((a) => a.id)
      .sort()
      .join(',')}`;
    if (this.mutedSeen.has(seen)) return [];
    if (this.mutedSeen.size > 10_000) this.mutedSeen.clear();
    this.mutedSeen.add(seen);
    return alerts.map((a) => ({
      instance_id: Number(a.id),
      at: n.at.toISOString(),
      from_state: a.state,
      to_state: a.state,
      value: a.value,
      detail: { event: 'muted', action: n.action, timing },
    }));
  }
}
