// Pure parts of notification routing (README#alerting): which route of the tree an alert takes, its
// group, label matchers of silences, and the group decision (group_wait, group_interval,
// repeat_interval, send_resolved) — shared by the evaluator and the backtest.
import { createHash } from 'node:crypto';
import { parseDuration, type RouteNode } from './rules.js';

export type Labels = Record<string, string>;

/** A matcher value is exact, or a regular expression written /like this/. */
export function labelMatches(labels: Labels, matchers: Record<string, string>): boolean {
  for (const [name, want] of Object.entries(matchers)) {
    const got = labels[name] ?? '';
    if (want.length > 1 && want.startsWith('/') && want.endsWith('/')) {
      if (!new RegExp(`^(?:${want.slice(1, -1)})$`).test(got)) return false;
    } else if (got !== want) return false;
  }
  return true;
}

/** Depth-first: the deepest matching child wins, the first matching sibling stops the search. */
export function matchRoute(node: RouteNode, labels: Labels, path = 'route'): { node: RouteNode; path: string } {
  for (const [i, child] of node.routes.entries()) {
    if (labelMatches(labels, child.matchers)) return matchRoute(child, labels, `${path}.routes[${i}]`);
  }
  return { node, path };
}

export function fingerprint(labels: Labels): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((k) => [k, labels[k]]);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 32);
}

export interface GroupRef {
  groupKey: string;
  receiver: string;
  groupLabels: Labels;
  node: RouteNode;
  /** The route's place in the tree (`route.routes[0]`), as in the group key. */
  path: string;
}

export function groupOf(root: RouteNode, labels: Labels): GroupRef {
  const { node, path } = matchRoute(root, labels);
  const groupLabels = Object.fromEntries(node.group_by.map((k) => [k, labels[k] ?? '']));
  const groupKey = `${node.receiver}|${path}|${JSON.stringify(groupLabels)}`;
  return { groupKey, receiver: node.receiver, groupLabels, node, path };
}

/**
 * The route node a stored group key names (`receiver|route.routes[0]…|labels`), or undefined when
 * routing.yaml no longer has it. A group whose alerts have all resolved has no alert left to
 * route, so its own node (send_resolved, intervals) is found again from its key.
 */
export function routeOfGroupKey(root: RouteNode, groupKey: string): RouteNode | undefined {
  const [receiver, path] = groupKey.split('|');
  if (!path?.startsWith('route')) return undefined;
  let node: RouteNode | undefined = root;
  for (const m of path.slice('route'.length).matchAll(/\.routes\[(\d+)\]/g)) node = node?.routes[Number(m[1])];
  return node && node.receiver === receiver ? node : undefined;
}

/** Stable per group, so a re-sent trigger never opens a second incident (PagerDuty ≤ 255 chars). */
export function dedupKeyOf(groupKey: string): string {
  return `pulse-${createHash('sha256').update(groupKey).digest('hex').slice(0, 40)}`;
}

export interface GroupMemory {
  pendingSince: number | null;
  firing: boolean;
  lastNotifiedAt: number | null;
  notifiedInstanceIds: string[];
}

export type GroupAction = 'trigger' | 'update' | 'repeat' | 'resolve';

/**
 * One flush of one group at time `at`: `alerts` are its firing, unsilenced instance ids;
 * `silenced` counts its firing but silenced ones; `allAcknowledged` stops repeats.
 */
export function decideGroup(
  mem: GroupMemory,
  alerts: string[],
  silenced: number,
  allAcknowledged: boolean,
  node: Pick<RouteNode, 'group_wait' | 'group_interval' | 'repeat_interval' | 'send_resolved'>,
  at: number,
): { next: GroupMemory; action?: GroupAction } {
  const current = [...alerts].sort();
  if (current.length === 0) {
    // Everything silenced: say nothing (neither repeat nor resolve) until the silence ends.
    if (silenced > 0) return { next: mem };
    if (mem.firing) {
      const next: GroupMemory = { pendingSince: null, firing: false, lastNotifiedAt: at, notifiedInstanceIds: [] };
      return node.send_resolved ? { next, action: 'resolve' } : { next };
    }
    return { next: { ...mem, pendingSince: null } };
  }
  if (!mem.firing) {
    const pendingSince = mem.pendingSince ?? at;
    if (at - pendingSince >= parseDuration(node.group_wait)) {
      return { next: { pendingSince: null, firing: true, lastNotifiedAt: at, notifiedInstanceIds: current }, action: 'trigger' };
    }
    return { next: { ...mem, pendingSince } };
  }
  const since = at - (mem.lastNotifiedAt ?? 0);
  const changed = current.join(',') !== [...mem.notifiedInstanceIds].sort().join(',');
  if (changed && since >= parseDuration(node.group_interval)) {
    return { next: { ...mem, lastNotifiedAt: at, notifiedInstanceIds: current }, action: 'update' };
  }
  if (!changed && !allAcknowledged && since >= parseDuration(node.repeat_interval)) {
    return { next: { ...mem, lastNotifiedAt: at }, action: 'repeat' };
  }
  return { next: mem };
}

/** {{label}} and {{value}} in a summary template; numbers rounded for reading. */
export function renderTemplate(template: string, labels: Labels, values: Record<string, number | null>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => {
    if (name in values) {
      const v = values[name];
      if (v === null || v === undefined) return 'n/a';
      return Number.isInteger(v) ? String(v) : v.toPrecision(3);
    }
    return labels[name] ?? '';
  });
}
