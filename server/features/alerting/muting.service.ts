// What keeps alerts quiet (README#alerting, docs/alerting.md "Mute timings"): one-off silences,
// recurring mute timings (routing.yaml's, read-only, and the console's) and the console's
// attachments of timings to the routes of routing.yaml.
import { pgQuery, type Stores } from '../../db/index.js';
import type { PgRunner } from '../../db/stores.js';
import { BadRequestError, ConflictError, NotFoundError, UnprocessableError } from '../../http/errors.js';
import type { AlertEngine } from './engine.js';
import { intervalActive, zMuteTiming, type TimeInterval } from './mute-timings.js';
import { attachmentApplies, muteNamesOf, routeAt, routeMutedBy, routesOf, type RouteMute } from './route-mutes.js';
import type { RouteNode } from './rules.js';
import type { Labels } from './routing.js';

type Json = Record<string, unknown>;

const pgListSilences = pgQuery('alerting/list_silences').returns<{
  id: string;
  matchers: Labels;
  startsAt: Date;
  endsAt: Date;
  comment: string;
  createdAt: Date;
  createdBy: string | null;
}>();
const pgInsertSilence = pgQuery('alerting/insert_silence').returns<{ id: string; matchers: Labels; startsAt: Date; endsAt: Date; comment: string }>();
const pgExpireSilence = pgQuery('alerting/expire_silence').returns<{ id: string }>();
const pgListMuteTimings = pgQuery('alerting/list_mute_timings').returns<{
  name: string;
  timeIntervals: TimeInterval[];
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}>();
const pgUpsertMuteTiming = pgQuery('alerting/upsert_mute_timing').returns<{ name: string }>();
const pgDeleteMuteTiming = pgQuery('alerting/delete_mute_timing').returns<{ name: string }>();
const pgListRouteMuteTimings = pgQuery('alerting/list_route_mute_timings').returns<RouteMute>();
const pgDetachRouteMuteTimings = pgQuery('alerting/detach_route_mute_timings').returns<{ timing: string }>();
const pgAttachRouteMuteTimings = pgQuery('alerting/attach_route_mute_timings').returns<{ timing: string }>();

export type AuditFn = (db: PgRunner, action: string, targetType: string, targetId: string, before: unknown, after: unknown) => Promise<void>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** "route.routes[0] (hooks, alertname=t_muted)": a route as the pages name it. */
export function routeName(path: string, node: Pick<RouteNode, 'receiver' | 'matchers'>): string {
  const m = Object.entries(node.matchers)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return `${path} (${node.receiver}${m ? `, ${m}` : ''})`;
}

export class MutingService {
  constructor(
    private readonly stores: Stores,
    private readonly engine: AlertEngine,
  ) {}

  private get routing() {
    return this.engine.routingTree;
  }

  /** Mute timings of routing.yaml (read-only) and of the console, with the routes they mute and whether each is active now. */
  async listMuteTimings(now = new Date()) {
    const [rows, attachments] = await Promise.all([this.stores.pg.rows(pgListMuteTimings, {}), this.stores.pg.rows(pgListRouteMuteTimings, {})]);
    const routes = routesOf(this.routing.route);
    const routesNaming = (name: string) => [
      ...routes.filter((r) => r.node.mute_time_intervals.includes(name)).map((r) => routeName(r.path, r.node)),
      ...routes
        .filter((r) => attachments.some((a) => a.timing === name && a.routePath === r.path && attachmentApplies(a, r.node)))
        .map((r) => `${routeName(r.path, r.node)} [console]`),
    ];
    const shape = (name: string, intervals: TimeInterval[], source: 'file' | 'ui', extra: Json = {}) => ({
      name,
      timeIntervals: intervals,
      source,
      routes: routesNaming(name),
      active: intervals.some((i) => intervalActive(i, now)),
      ...extra,
    });
    const fromFile = [...this.routing.muteTimings].map(([name, intervals]) => shape(name, intervals, 'file'));
    const fromUi = rows
      .filter((r) => !this.routing.muteTimings.has(r.name))
      .map((r) => shape(r.name, r.timeIntervals, 'ui', { createdBy: r.createdBy === null ? null : Number(r.createdBy), updatedAt: iso(r.updatedAt) }));
    return [...fromFile, ...fromUi];
  }

  async saveMuteTiming(input: unknown, accountId: number, mode: 'create' | 'update', name?: string) {
    const parsed = zMuteTiming.safeParse(name ? { ...(input as Json), name } : input);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(timing)', message: i.message }));
      throw new UnprocessableError(`${fields[0]!.field}: ${fields[0]!.message}`, { field: fields[0]!.field, fields });
    }
    const t = parsed.data;
    if (this.routing.muteTimings.has(t.name)) throw new ConflictError(`Mute timing ${t.name} comes from alerts/routing.yaml and is read-only here.`);
    const exists = (await this.stores.pg.rows(pgListMuteTimings, {})).some((r) => r.name === t.name);
    if (mode === 'create' && exists) throw new ConflictError(`Mute timing ${t.name} exists already.`);
    if (mode === 'update' && !exists) throw new NotFoundError(`No mute timing ${t.name}.`);
    await this.stores.pg.one(pgUpsertMuteTiming, { name: t.name, time_intervals: t.time_intervals, created_by: accountId });
    return t;
  }

  /** A console timing still attached to a route is not deleted (409 naming the routes): detach it first. */
  async deleteMuteTiming(name: string) {
    if (this.routing.muteTimings.has(name)) throw new ConflictError(`Mute timing ${name} comes from alerts/routing.yaml and is read-only here.`);
    const attached = (await this.stores.pg.rows(pgListRouteMuteTimings, {})).filter((a) => a.timing === name).map((a) => a.routePath);
    if (attached.length > 0)
      throw new ConflictError(`Mute timing ${name} is attached to ${attached.join(', ')}; detach it from the route first.`, { routes: attached });
    const row = await this.stores.pg.one(pgDeleteMuteTiming, { name });
    if (!row) throw new NotFoundError(`No mute timing ${name}.`);
  }

  /**
   * The routes of routing.yaml with the timings muting each (routing.yaml's, read-only, and the
   * console's), which one mutes it now, the timings that can be attached, and the console's
   * attachments that no longer name their route (routing.yaml changed under them).
   */
  async listRoutes(now = new Date()) {
    const state = await this.engine.muteState();
    const routes = routesOf(this.routing.route).map(({ path, depth, node }) => ({
      path,
      depth,
      receiver: node.receiver,
      matchers: node.matchers,
      yamlMuteTimings: node.mute_time_intervals,
      consoleMuteTimings: state.attachments
        .filter((a) => a.routePath === path && attachmentApplies(a, node))
        .map((a) => ({ name: a.timing, createdBy: a.createdBy === null ? null : Number(a.createdBy), createdAt: iso(a.createdAt) })),
      mutedBy: routeMutedBy(node, path, state, now) ?? null,
    }));
    const stale = state.attachments
      .filter((a) => !attachmentApplies(a, routeAt(this.routing.route, a.routePath)))
      .map((a) => ({ route: a.routePath, timing: a.timing, receiver: a.receiver, matchers: a.matchers }));
    return { routes, stale, timings: [...state.timings.keys()].sort() };
  }

  /**
   * Sets the console's timings on one route (replacing its previous ones) in one transaction
   * with its audit row. An empty list detaches everything at that place, even a route that no
   * longer exists (a stale attachment).
   */
  async setRouteMuteTimings(path: string, names: string[], accountId: number, audit: AuditFn) {
    const node = routeAt(this.routing.route, path);
    if (!node && names.length > 0) throw new UnprocessableError(`route: no route ${path} in alerts/routing.yaml.`, { field: 'route' });
    const state = await this.engine.muteState();
    const problems = names.flatMap((n, i) => {
      const field = `muteTimings.${i}`;
      if (!state.timings.has(n)) return [{ field, message: `no mute timing named ${n}` }];
      if (node?.mute_time_intervals.includes(n)) return [{ field, message: `${n} is already on this route in alerts/routing.yaml` }];
      if (names.indexOf(n) !== i) return [{ field, message: `${n} is listed twice` }];
      return [];
    });
    if (problems.length > 0) throw new UnprocessableError(`${problems[0]!.field}: ${problems[0]!.message}`, { field: problems[0]!.field, fields: problems });
    const before = state.attachments.filter((a) => a.routePath === path).map((a) => a.timing);
    return this.stores.pg.tx(async (tx) => {
      const detached = (await tx.rows(pgDetachRouteMuteTimings, { route_path: path, keep: names })).map((r) => r.timing);
      if (node && names.length > 0)
        await tx.rows(pgAttachRouteMuteTimings, { route_path: path, timings: names, receiver: node.receiver, matchers: node.matchers, created_by: accountId });
      await audit(tx, 'route.mute_timings.updated', 'route', path, { muteTimings: before }, { muteTimings: names, detached });
      return { route: path, muteTimings: names, detached, effective: node ? muteNamesOf(node, path, await tx.rows(pgListRouteMuteTimings, {})) : [] };
    });
  }

  async listSilences(now = new Date()) {
    const rows = await this.stores.pg.rows(pgListSilences, {});
    return rows.map((s) => ({
      id: Number(s.id),
      matchers: s.matchers,
      startsAt: iso(s.startsAt),
      endsAt: iso(s.endsAt),
      comment: s.comment,
      createdAt: iso(s.createdAt),
      createdBy: s.createdBy,
      active: new Date(s.startsAt) <= now && new Date(s.endsAt) > now,
      expired: new Date(s.endsAt) <= now,
    }));
  }

  /** Silences in force at `at`. */
  async activeSilences(at: Date) {
    const all = await this.stores.pg.rows(pgListSilences, {});
    return all.filter((s) => new Date(s.startsAt) <= at && new Date(s.endsAt) > at);
  }

  async createSilence(input: { matchers: Labels; startsAt?: string; endsAt: string; comment: string }, accountId: number) {
    const starts = input.startsAt ? new Date(input.startsAt) : new Date();
    const ends = new Date(input.endsAt);
    if (ends <= starts) throw new BadRequestError('endsAt must be after startsAt.', { field: 'endsAt' });
    const row = (await this.stores.pg.one(pgInsertSilence, {
      matchers: input.matchers,
      starts_at: starts,
      ends_at: ends,
      created_by: accountId,
      comment: input.comment,
    }))!;
    return { id: Number(row.id), matchers: row.matchers, startsAt: iso(row.startsAt), endsAt: iso(row.endsAt), comment: row.comment };
  }

  async expireSilence(id: number, now = new Date()) {
    const row = await this.stores.pg.one(pgExpireSilence, { id, now });
    if (!row) throw new NotFoundError(`No active silence ${id}.`);
  }
}
