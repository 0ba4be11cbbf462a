// Sign-in, sign-out and the signed-in account (docs/architecture.md#api). Login is public (no session yet, so
// no CSRF token either); everything else needs the session and, when it changes state, its token.
import { route, signedIn, type Access } from '../../http/route.js';
import { publicAccount } from '../../http/guard.js';
import { actorOf } from '../../audit.js';
import { ROLES, zAccountAnswer, zApiKeyCheck, zPasswordChanged, zSessionAnswer } from '../../../contract/auth.js';
import { zLoginBody, zMeBody, zPasswordChangeBody } from '../../../contract/auth.requests.js';
import type { AuthService } from './auth.service.js';
import type { PasswordService } from './passwords.js';

const anyRole: Access = { kind: 'session', roles: [...ROLES] };

export function authRoutes(auth: AuthService, passwords: PasswordService) {
  return [
    route({
      method: 'post',
      path: '/auth/login',
      summary:
        'Signs in with email and password; sets the session cookie and answers the CSRF token. After an admin reset, newPassword replaces the one-time password (403 password_change_required without it).',
      access: { kind: 'public' },
      body: zLoginBody,
      response: zSessionAnswer,
      handler: async ({ req, res, body }) => {
        const { account, csrfToken, cookie } = await auth.login(req, body.email, body.password, body.newPassword);
        res.setHeader('Set-Cookie', cookie);
        res.setHeader('Cache-Control', 'no-store');
        return { account, csrfToken };
      },
    }),
    route({
      method: 'post',
      path: '/auth/logout',
      summary: 'Signs out: the session is deleted and the cookie cleared.',
      access: { kind: 'session', roles: [...ROLES] },
      status: 204,
      handler: async (ctx) => {
        ctx.res.setHeader('Set-Cookie', await auth.logout(ctx.req, ctx.session!));
      },
    }),
    route({
      method: 'get',
      path: '/auth/me',
      summary: "The signed-in account and the session's CSRF token.",
      access: anyRole,
      response: zSessionAnswer,
      handler: (ctx) => {
        ctx.res.setHeader('Cache-Control', 'no-store');
        return { account: signedIn(ctx), csrfToken: ctx.session!.csrfToken };
      },
    }),
    route({
      method: 'patch',
      path: '/auth/me',
      summary: "Changes the signed-in account's timezone.",
      access: anyRole,
      body: zMeBody,
      response: zAccountAnswer,
      handler: async (ctx) => {
        const me = signedIn(ctx);
        const row = await auth.updateAccount(actorOf(ctx.req, me), me.id, { timezone: ctx.body.timezone });
        return { account: publicAccount(row) };
      },
    }),
    route({
      method: 'post',
      path: '/auth/password',
      summary: "Changes the signed-in account's password (the current one is required); the account's other sessions end.",
      access: anyRole,
      body: zPasswordChangeBody,
      response: zPasswordChanged,
      handler: async (ctx) => passwords.change(ctx.req, ctx.session!, ctx.body.currentPassword, ctx.body.newPassword),
    }),
    route({
      method: 'get',
      path: '/auth/api-key-check',
      summary: 'Checks an API key with the ingest scope (Authorization: Bearer pk_…).',
      access: { kind: 'apiKey', scope: 'ingest' },
      response: zApiKeyCheck,
      handler: (ctx) => ({ ok: true, keyId: ctx.apiKeyId }),
    }),
  ];
}
