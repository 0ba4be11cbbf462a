// Mute timings attached to a route from the console (docs/alerting.md "Mute timings"). The routes of
// alerts/routing.yaml stay the base (their own `mute_time_intervals`, read-only); the console adds
// timings to a route, stored in route_mute_timings by the route's place in the tree
// (`route.routes[0]`, as in group keys) with the receiver and matchers the route had when the
// timing was attached. An attachment applies only while the route at that place still has them:
// when routing.yaml is edited so that another route sits there, the attachment is listed as stale
// and mutes nothing (it would otherwise silently mute a different team's route).
import type { RouteNode } from './rules.js';
import type { TimeInterval } from './mute-timings.js';
import { activeMuteTiming } from './mute-timings.js';
import type { Labels } from './routing.js';

export interface RouteMute {
  routePath: string;
  receiver: string;
  matchers: Labels;
  timing: string;
  createdBy: string | null;
  createdAt: Date;
}

/** What the routing flush and the alert page need to know to tell whether a route is muted. */
export interface MuteState {
  /** routing.yaml's timings and the console's (a YAML name wins). */
  timings: Map<string, TimeInterval[]>;
  attachments: RouteMute[];
}

export interface RouteEntry {
  path: string;
  depth: number;
  node: RouteNode;
}

/** Every route of the tree, depth first, with its place (`route`, `route.routes[0]`, …). */
export function routesOf(root: RouteNode): RouteEntry[] {
  const out: RouteEntry[] = [];
  const walk = (node: RouteNode, path: string, depth: number) => {
    out.push({ path, depth, node });
    node.routes.forEach((c, i) => walk(c, `${path}.routes[${i}]`, depth + 1));
  };
  walk(root, 'route', 0);
  return out;
}

/** The route at a place in the tree, or undefined. */
export function routeAt(root: RouteNode, path: string): RouteNode | undefined {
  if (!/^route(\.routes\[\d+\])*$/.test(path)) return undefined;
  let node: RouteNode | undefined = root;
  for (const m of path.slice('route'.length).matchAll(/\.routes\[(\d+)\]/g)) node = node?.routes[Number(m[1])];
  return node;
}

const sorted = (m: Labels) =>
  JSON.stringify(
    Object.keys(m)
      .sort()
      .map((k) => [k, m[k]]),
  );

/** Whether an attachment still names the route it was made for (same receiver and matchers). */
export function attachmentApplies(a: Pick<RouteMute, 'receiver' | 'matchers'>, node: RouteNode | undefined): boolean {
  return node !== undefined && a.receiver === node.receiver && sorted(a.matchers) === sorted(node.matchers);
}

/** The timings muting a route: its own from routing.yaml, then those attached in the console. */
export function muteNamesOf(node: RouteNode, path: string, attachments: RouteMute[]): string[] {
  const names = [...node.mute_time_intervals];
  for (const a of attachments) if (a.routePath === path && attachmentApplies(a, node) && !names.includes(a.timing)) names.push(a.timing);
  return names;
}

/** The first timing muting the route at `at` (undefined: not muted). */
export function routeMutedBy(node: RouteNode, path: string, state: MuteState, at: Date): string | undefined {
  return activeMuteTiming(muteNamesOf(node, path, state.attachments), state.timings, at);
}
