// Accounts, API keys and the audit log: admin only (docs/architecture.md#roles, #api).
import { route, signedIn, type Access } from '../../http/route.js';
import { actorOf } from '../../audit.js';
import { zAccountChangeBody, zAuditQuery, zIdParams, zNewAccountBody, zNewApiKeyBody } from '../../../contract/auth.requests.js';
import { zAdminAccountAnswer, zAdminAccounts, zApiKeys, zAuditPage, zCreatedApiKey, zPasswordReset } from '../../../contract/admin.js';
import { accountItem, type AuthService } from './auth.service.js';
import type { PasswordService } from './passwords.js';

const admin: Access = { kind: 'session', roles: ['admin'] };

export function adminRoutes(auth: AuthService, passwords: PasswordService) {
  return [
    route({
      method: 'get',
      path: '/admin/accounts',
      summary: 'Every console account.',
      access: admin,
      response: zAdminAccounts,
      handler: async () => ({ items: (await auth.listAccounts()).map(accountItem) }),
    }),
    route({
      method: 'post',
      path: '/admin/accounts',
      summary: 'Creates a console account (advertiserId required iff the role is advertiser).',
      access: admin,
      response: zAdminAccountAnswer,
      body: zNewAccountBody,
      status: 201,
      handler: async (ctx) => {
        const row = await auth.createAccount(actorOf(ctx.req, signedIn(ctx)), ctx.body);
        return { account: accountItem(row) };
      },
    }),
    route({
      method: 'patch',
      path: '/admin/accounts/:id',
      summary: 'Disables or enables an account, changes its role or timezone; disabling ends its sessions.',
      access: admin,
      response: zAdminAccountAnswer,
      params: zIdParams,
      body: zAccountChangeBody,
      handler: async (ctx) => {
        const row = await auth.updateAccount(actorOf(ctx.req, signedIn(ctx)), ctx.params.id, ctx.body);
        return { account: accountItem(row) };
      },
    }),
    route({
      method: 'post',
      path: '/admin/accounts/:id/password-reset',
      summary: "Sets a one-time password (in this answer only) and ends the account's sessions; the next sign-in must choose a new password.",
      access: admin,
      params: zIdParams,
      response: zPasswordReset,
      handler: async (ctx) => {
        ctx.res.setHeader('Cache-Control', 'no-store');
        const { oneTimePassword, sessionsEnded } = await passwords.reset(actorOf(ctx.req, signedIn(ctx)), ctx.params.id);
        return { oneTimePassword, sessionsEnded };
      },
    }),
    route({
      method: 'get',
      path: '/admin/api-keys',
      summary: 'Every API key (never the key itself).',
      access: admin,
      response: zApiKeys,
      handler: async () => ({
        items: (await auth.listApiKeys()).map((k) => ({
          id: Number(k.id),
          name: k.name,
          prefix: k.prefix,
          scopes: k.scopes,
          createdAt: k.createdAt,
          lastUsedAt: k.lastUsedAt,
          revokedAt: k.revokedAt,
        })),
      }),
    }),
    route({
      method: 'post',
      path: '/admin/api-keys',
      summary: 'Creates an API key; the key is in this answer only.',
      access: admin,
      response: zCreatedApiKey,
      body: zNewApiKeyBody,
      status: 201,
      handler: async (ctx) => {
        const me = signedIn(ctx);
        ctx.res.setHeader('Cache-Control', 'no-store');
        return auth.createApiKey({ ...actorOf(ctx.req, me), id: me.id }, ctx.body.name, ctx.body.scopes);
      },
    }),
    route({
      method: 'delete',
      path: '/admin/api-keys/:id',
      summary: 'Revokes an API key.',
      access: admin,
      params: zIdParams,
      status: 204,
      handler: async (ctx) => {
        await auth.revokeApiKey(actorOf(ctx.req, signedIn(ctx)), ctx.params.id);
      },
    }),
    route({
      method: 'get',
      path: '/admin/audit-log',
      summary: 'The audit log, newest first, filtered by actor email, action and time; keyset pages.',
      access: admin,
      response: zAuditPage,
      query: zAuditQuery,
      handler: (ctx) => auth.listAuditLog(ctx.query),
    }),
  ];
}
