// The moderation review queue (README#moderation, docs/architecture.md#api): admins and moderators only (docs/architecture.md#roles).
import { z } from 'zod';
import { route, signedIn, type Access } from '../../http/route.js';
import { actorOf } from '../../audit.js';
import {
  zAccountActionResult,
  zBulkAccountResult,
  zBulkResult,
  zCaseDetail,
  zDecisionResult,
  zLease,
  zModerationStats,
  zQueuePage,
  zReleased,
  zUserPage,
} from '../../../contract/moderation.js';
import type { ModerationService } from './moderation.service.js';
import {
  zAccountActionBody,
  zAccountActionsBulkBody,
  zBulkBody,
  zCaseParams,
  zDecisionBody,
  zQueueQuery,
  zStatsQuery,
} from '../../../contract/moderation.requests.js';
import type { AccountActionsService } from './account-actions.service.js';

const reviewers: Access = { kind: 'session', roles: ['admin', 'moderator'] };

export function moderationRoutes(moderation: ModerationService, accounts: AccountActionsService) {
  return [
    route({
      method: 'get',
      path: '/moderation/queue',
      summary: 'Unresolved cases (or resolved with status=resolved) by priority, then age; filters by status, reason and SLA state; keyset pages.',
      access: reviewers,
      query: zQueueQuery,
      response: zQueuePage,
      handler: (ctx) => moderation.queue(ctx.query),
    }),
    route({
      method: 'get',
      path: '/moderation/cases/:id',
      summary:
        'One case: video, reports (reporter masked per role), reason breakdown, 24 h reach from ClickHouse, its decisions and the creator’s earlier ones.',
      access: reviewers,
      params: zCaseParams,
      response: zCaseDetail,
      handler: (ctx) => moderation.getCase(signedIn(ctx), ctx.params.id),
    }),
    route({
      method: 'post',
      path: '/moderation/cases/:id/claim',
      summary: 'Claims or renews the lease on a case (10 minutes by default); 409 when another moderator holds it.',
      access: reviewers,
      params: zCaseParams,
      response: z.object({ lease: zLease }),
      handler: async (ctx) => ({ lease: await moderation.claim(signedIn(ctx), ctx.params.id) }),
    }),
    route({
      method: 'post',
      path: '/moderation/claim-next',
      summary: 'Claims the top case of the queue that nobody holds; { lease: null } when there is none.',
      access: reviewers,
      response: z.object({ lease: zLease.nullable() }),
      handler: async (ctx) => ({ lease: await moderation.claimNext(signedIn(ctx)) }),
    }),
    route({
      method: 'post',
      path: '/moderation/cases/:id/release',
      summary: 'Gives a case you hold back to the queue; 409 when you do not hold it.',
      access: reviewers,
      params: zCaseParams,
      response: zReleased,
      handler: (ctx) => moderation.release(signedIn(ctx), ctx.params.id),
    }),
    route({
      method: 'post',
      path: '/moderation/cases/:id/decision',
      summary:
        'Decides a case in one transaction (reports resolved, case resolved or escalated, video visibility, decision and audit rows); 409 on a stale version or a foreign claim.',
      access: reviewers,
      params: zCaseParams,
      body: zDecisionBody,
      response: zDecisionResult,
      handler: (ctx) => {
        const me = signedIn(ctx);
        return moderation.decide(actorOf(ctx.req, me), me, ctx.params.id, ctx.body);
      },
    }),
    route({
      method: 'post',
      path: '/moderation/decisions/bulk',
      summary: 'Decides several cases, each by the rules of a single decision in its own transaction; answers per case.',
      access: reviewers,
      body: zBulkBody,
      response: zBulkResult,
      handler: (ctx) => {
        const me = signedIn(ctx);
        return moderation.decideBulk(actorOf(ctx.req, me), me, ctx.body.items);
      },
    }),
    route({
      method: 'get',
      path: '/moderation/stats',
      summary:
        'Open cases, oldest open, SLA breaches, median time to decision, and per moderator decisions and median handle time in [from, to) (default the last 7 days).',
      access: reviewers,
      query: zStatsQuery,
      response: zModerationStats,
      handler: (ctx) => {
        const to = ctx.query.to ? new Date(ctx.query.to) : new Date();
        const from = ctx.query.from ? new Date(ctx.query.from) : new Date(to.getTime() - 7 * 24 * 3600_000);
        return moderation.stats(from, to);
      },
    }),
    route({
      method: 'get',
      path: '/moderation/users/:id',
      summary:
        'A platform user for the user page: profile, standing, reporter record, account actions, videos, reports made and received, decisions on their videos.',
      access: reviewers,
      params: zCaseParams,
      response: zUserPage,
      handler: (ctx) => moderation.user(signedIn(ctx), ctx.params.id),
    }),
    route({
      method: 'post',
      path: '/moderation/users/:id/actions',
      summary:
        'Warns, suspends (durationHours), bans or lifts (liftsActionId, or every restriction in force) a platform user, as a case’s creator or reporter; appended and audited in one transaction; a ban hides the user’s videos, its lift gives them back.',
      access: reviewers,
      params: zCaseParams,
      body: zAccountActionBody,
      response: zAccountActionResult,
      handler: (ctx) => {
        const me = signedIn(ctx);
        return accounts.act(actorOf(ctx.req, me), me, ctx.params.id, ctx.body);
      },
    }),
    route({
      method: 'post',
      path: '/moderation/account-actions/bulk',
      summary: 'Account actions on several users, each by the rules of a single action in its own transaction; answers per user.',
      access: reviewers,
      body: zAccountActionsBulkBody,
      response: zBulkAccountResult,
      handler: (ctx) => {
        const me = signedIn(ctx);
        return accounts.actBulk(actorOf(ctx.req, me), me, ctx.body.items);
      },
    }),
  ];
}
