// Mute timings attached to routes in the console (route-mutes.ts): a route's timings are its own
// from routing.yaml then the console's attached at its place, and an attachment applies only while
// the route at that place has the receiver and matchers it was made for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { muteNamesOf, routeAt, routeMutedBy, routesOf, type RouteMute } from '../../server/features/alerting/route-mutes.js';
import type { RouteNode } from '../../server/features/alerting/rules.js';

const node = (receiver: string, matchers: Record<string, string>, mute: string[] = [], routes: RouteNode[] = []): RouteNode => ({
  receiver,
  matchers,
  group_by: ['alertname'],
  group_wait: '0s',
  group_interval: '1m',
  repeat_interval: '1h',
  send_resolved: true,
  mute_time_intervals: mute,
  routes,
});
const attached = (routePath: string, timing: string, receiver: string, matchers: Record<string, string>): RouteMute => ({
  routePath,
  timing,
  receiver,
  matchers,
  createdBy: null,
  createdAt: new Date(0),
});

const data = node('data', { team: 'data', env: 'prod' }, ['yaml-nights']);
const web = node('web', { team: 'web' });
const root = node('oncall', {}, [], [data, web, node('db', { team: 'db' }, [], [node('dba', { severity: 'critical' })])]);

test('routes by their place in the tree, depth first', () => {
  assert.deepEqual(
    routesOf(root).map((r) => `${r.depth} ${r.path} ${r.node.receiver}`),
    ['0 route oncall', '1 route.routes[0] data', '1 route.routes[1] web', '1 route.routes[2] db', '2 route.routes[2].routes[0] dba'],
  );
  assert.equal(routeAt(root, 'route.routes[2].routes[0]')?.receiver, 'dba');
  assert.equal(routeAt(root, 'route.routes[3]'), undefined);
  assert.equal(routeAt(root, 'routes[0]'), undefined);
});

test("a route's timings: routing.yaml's, then the console's at its place; matchers compared whatever their order", () => {
  const rows = [
    attached('route.routes[0]', 'console-maint', 'data', { env: 'prod', team: 'data' }),
    attached('route.routes[0]', 'yaml-nights', 'data', { team: 'data', env: 'prod' }),
    attached('route.routes[1]', 'web-only', 'web', { team: 'web' }),
  ];
  assert.deepEqual(muteNamesOf(data, 'route.routes[0]', rows), ['yaml-nights', 'console-maint']);
  assert.deepEqual(muteNamesOf(web, 'route.routes[1]', rows), ['web-only']);
  assert.deepEqual(muteNamesOf(root, 'route', rows), []);
});

test('routing.yaml changed under an attachment (another receiver or other matchers at that place): it mutes nothing', () => {
  const rows = [
    attached('route.routes[1]', 'was-for-data', 'data', { team: 'data', env: 'prod' }),
    attached('route.routes[0]', 'narrower', 'data', { team: 'data' }),
  ];
  assert.deepEqual(muteNamesOf(web, 'route.routes[1]', rows), []);
  assert.deepEqual(muteNamesOf(data, 'route.routes[0]', rows), ['yaml-nights']);
  // Active every day in Kolkata, attached to the route that was at route.routes[1]: the web route now there is not muted by it.
  const timings = new Map([['was-for-data', [{ weekdays: ['sunday:saturday'], location: 'Asia/Kolkata' }]]]);
  assert.equal(routeMutedBy(web, 'route.routes[1]', { timings, attachments: rows }, new Date('2026-11-26T12:00:00Z')), undefined);
  const fresh = [attached('route.routes[1]', 'was-for-data', 'web', { team: 'web' })];
  assert.equal(routeMutedBy(web, 'route.routes[1]', { timings, attachments: fresh }, new Date('2026-11-26T12:00:00Z')), 'was-for-data');
});
