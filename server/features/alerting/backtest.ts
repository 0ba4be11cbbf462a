// The backtest (README#alerting): a rule replayed over a past window at its interval through the same
// state machine (series.ts) and group decisions (routing.ts) as the evaluator, in memory. Nothing
// is written and nothing is sent; silences and mute timings are not applied (they belong to their
// own time).
import { BadRequestError } from '../../http/errors.js';
import type { AlertEngine } from './engine.js';
import { parseDuration, type Rule } from './rules.js';
import { applyRule, type Stored } from './series.js';
import { decideGroup, dedupKeyOf, groupOf, type GroupMemory, type GroupRef, type Labels } from './routing.js';
import { isFiring } from './state-machine.js';

/** At most this many evaluations in one backtest (a day at one minute is 1,440). */
export const MAX_BACKTEST_STEPS = 2000;

/**
 * Replays a rule over [from, to) at its interval through the same state machine and group
 * decisions as the evaluator, in memory; answers the transitions and the notifications it
 * would have sent (silences are not applied: they belong to their own time).
 */
export async function backtest(engine: AlertEngine, rule: Rule, from: Date, to: Date, only?: { fingerprint: string; stepMs: number }) {
  const stepMs = only?.stepMs ?? parseDuration(rule.interval);
  const steps = Math.ceil((to.getTime() - from.getTime()) / stepMs);
  if (steps <= 0) throw new BadRequestError('to must be after from.', { field: 'to' });
  if (steps > MAX_BACKTEST_STEPS)
    throw new BadRequestError(`The window holds ${steps} evaluations at ${rule.interval}; at most ${MAX_BACKTEST_STEPS}.`, { field: 'to' });
  const stored = new Map<string, Stored>();
  const groups = new Map<string, GroupMemory>();
  const refs = new Map<string, GroupRef>();
  const transitions: { at: string; labels: Labels; from: string; to: string; value: number | null; reason: string }[] = [];
  const notifications: { at: string; action: string; receiver: string; channels: string[]; groupLabels: Labels; alerts: number; dedupKey: string }[] = [];
  const points = new Map<string, { labels: Labels; points: { at: string; value: number | null; state: string }[]; interesting: boolean }>();
  const receivers = engine.routingTree.receivers;
  for (let i = 0; i < steps; i++) {
    const at = new Date(from.getTime() + i * stepMs);
    const result = await engine.runQuery(rule, at);
    const applied = applyRule(rule, result, stored, at.getTime());
    for (const a of applied) {
      stored.set(a.fingerprint, { labels: a.labels, mem: a.mem });
      if (a.transition)
        transitions.push({
          at: at.toISOString(),
          labels: a.labels,
          from: a.transition.from,
          to: a.transition.to,
          value: a.transition.value,
          reason: a.transition.reason,
        });
      if (only && a.fingerprint !== only.fingerprint) continue;
      const p = points.get(a.fingerprint) ?? { labels: a.labels, points: [], interesting: false };
      p.points.push({ at: at.toISOString(), value: a.mem.value, state: a.mem.state });
      p.interesting ||= a.mem.state !== 'normal';
      points.set(a.fingerprint, p);
    }
    // Group decisions over the firing instances of this rule.
    const active = new Map<string, { ref: GroupRef; ids: string[] }>();
    for (const [fp, s] of stored) {
      if (!isFiring(s.mem.state)) continue;
      const ref = groupOf(engine.routingTree.route, s.labels);
      const g = active.get(ref.groupKey) ?? { ref, ids: [] };
      g.ids.push(fp);
      active.set(ref.groupKey, g);
    }
    for (const key of new Set([...active.keys(), ...groups.keys()])) {
      const mem = groups.get(key) ?? { pendingSince: null, firing: false, lastNotifiedAt: null, notifiedInstanceIds: [] };
      const g = active.get(key);
      const ref = g?.ref ?? refs.get(key)!;
      refs.set(key, ref);
      const d = decideGroup(mem, g?.ids ?? [], 0, false, ref.node, at.getTime());
      groups.set(key, d.next);
      if (d.action) {
        const rc = receivers.get(ref.receiver);
        const channels = [
          ...(rc?.pagerduty?.routing_key ? ['pagerduty'] : []),
          ...(rc?.email ? [rc.email.digest ? 'digest' : 'email'] : []),
          ...(rc?.webhook ? ['webhook'] : []),
          ...(rc?.slack ? ['slack'] : []),
        ];
        notifications.push({
          at: at.toISOString(),
          action: d.action,
          receiver: ref.receiver,
          channels,
          groupLabels: ref.groupLabels,
          alerts: g?.ids.length ?? 0,
          dedupKey: dedupKeyOf(key),
        });
      }
    }
  }
  const series = [...points.values()]
    .filter((p) => only || p.interesting)
    .slice(0, 20)
    .map((p) => ({ labels: p.labels, points: p.points }));
  return { evaluations: steps, transitions, notifications, series };
}
