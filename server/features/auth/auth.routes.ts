// Sign-in, sign-out and the signed-in account (docs/architecture.md#api). Login is public (no session yet, so
// no CSRF token either); everything else needs the session and, when it changes state, its token.
import { z } from 'zod';
import { route, signedIn, type Access } from '../../http/route.js';
import { publicAccount } from '../../http/guard.js';
import { actorOf } from '../../audit.js';
import { ROLES, zAccountAnswer, zApiKeyCheck, zSessionAnswer, zTimeZone } from '../../../contract/auth.js';
import type { AuthService } from './auth.service.js';

export const zLoginBody = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) });
export const zMeBody = z.object({ timezone: zTimeZone }).strict();

const anyRole: Access = { kind: 'session', roles: [...ROLES] };

export function authRoutes(auth: AuthService) {
  return [
    route({
      method: 'post',
      path: '/auth/login',
      summary: 'Signs in with email and password; sets the session cookie and answers the CSRF token.',
      access: { kind: 'public' },
      body: zLoginBody,
      response: zSessionAnswer,
      handler: async ({ req, res, body }) => {
        const { account, csrfToken, cookie } = await auth.login(req, body.email, body.password);
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
      method: 'get',
      path: '/auth/api-key-check',
      summary: 'Checks an API key with the ingest scope (Authorization: Bearer pk_…).',
      access: { kind: 'apiKey', scope: 'ingest' },
      response: zApiKeyCheck,
      handler: (ctx) => ({ ok: true, keyId: ctx.apiKeyId }),
    }),
  ];
}
