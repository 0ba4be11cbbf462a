// Routes are declared, not just registered: method, path, summary, access and zod schemas for
// params, query and body. The declarations drive validation and access checks here and, from the
// same list, the OpenAPI document and the authorization test (docs/architecture.md#http).
import type { Request, Response, Router } from 'express';
import type { ZodType } from 'zod';
import { classicMessages } from '../../contract/issues.js';
import type { Account, Role } from '../../contract/auth.js';
import type { ApiKeyScope } from '../../contract/admin.js';
import { CsrfError, ForbiddenError, UnauthorizedError } from './errors.js';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route (docs/architecture.md#roles): anyone, a signed-in account of some roles, or an API key. */
export type Access = { kind: 'public' } | { kind: 'session'; roles: Role[] } | { kind: 'apiKey'; scope: ApiKeyScope };

export interface Session {
  account: Account;
  csrfToken: string;
  /** SHA-256 of the cookie's id: the sessions row's key (the raw id is never kept). */
  idHash: string;
}

/** Resolves the caller of a request; implemented by the auth feature. */
export interface Guard {
  session(req: Request): Promise<Session | undefined>;
  /** Throws 401 for a missing, unknown or revoked key and 403 for a key without the scope. */
  apiKey(req: Request, scope: ApiKeyScope): Promise<{ keyId: number }>;
  csrfMatches(session: Session, given: string | undefined): boolean;
}

export interface Ctx<P, Q, B> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
  /** Set on session routes. */
  session?: Session;
  account?: Account;
  /** Set on API-key routes. */
  apiKeyId?: number;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** Express path relative to the router's mount point; also the templated route in metrics. */
  path: string;
  summary: string;
  access: Access;
  params?: ZodType<P, unknown>;
  query?: ZodType<Q, unknown>;
  body?: ZodType<B, unknown>;
  /** A body the handler reads itself (not JSON), for the OpenAPI document. */
  rawBody?: { contentType: string; description: string };
  /** A session route that also admits a caller this says yes to (the /metrics bearer token), without a session. */
  bearerAlternative?: (req: Request) => boolean;
  /** Status of a successful answer when not 200 (201 created, 204 no content). */
  status?: number;
  /** The JSON answer's schema (the OpenAPI document; checked against what is sent when responses are checked). */
  response?: ZodType<unknown, unknown>;
  /** What a handler that writes its own answer sends (a file, a stream), for the OpenAPI document. */
  rawResponse?: string;
  /** Answers a value (sent as JSON) or undefined after writing the response itself. */
  handler: (ctx: Ctx<P, Q, B>) => unknown | Promise<unknown>;
}

export function route<P = Record<string, string>, Q = Record<string, unknown>, B = unknown>(spec: RouteSpec<P, Q, B>): RouteSpec<P, Q, B> {
  return spec;
}

export interface MountedRoute {
  method: Method;
  path: string;
  summary: string;
  access: Access;
  params?: ZodType<unknown, unknown>;
  query?: ZodType<unknown, unknown>;
  body?: ZodType<unknown, unknown>;
  rawBody?: { contentType: string; description: string };
  status?: number;
  response?: ZodType<unknown, unknown>;
  rawResponse?: string;
}

const STATE_CHANGING = new Set<Method>(['post', 'put', 'patch', 'delete']);

/** The answer as the client will read it (Dates become ISO strings) against the declared schema. */
function checkResponse(spec: RouteSpec<any, any, any>, prefix: string, out: unknown): void {
  const sent = spec.response!.safeParse(JSON.parse(JSON.stringify(out)));
  if (!sent.success) {
    const issues = sent.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    throw new Error(`${spec.method.toUpperCase()} ${prefix}${spec.path} answered outside its response schema: ${issues}`);
  }
}

/** The account of a session route's context (mount() has checked it is there). */
export function signedIn(ctx: { account?: Account }): Account {
  if (!ctx.account) throw new UnauthorizedError();
  return ctx.account;
}

/**
 * Registers specs on a router and records them (with the mount prefix) in `registry`. Access is
 * checked before anything is parsed: no session 401, wrong role 403, a state-changing request
 * without the session's CSRF token 403 `csrf`. With `checkResponses` (NODE_ENV=test), a JSON
 * answer that does not match the route's declared `response` schema is a 500 naming the mismatch.
 */
export function mount(
  router: Router,
  prefix: string,
  specs: RouteSpec<any, any, any>[],
  registry: MountedRoute[],
  guard?: Guard,
  checkResponses = false,
): void {
  for (const spec of specs) {
    if (spec.access.kind !== 'public' && !guard) throw new Error(`${spec.method} ${prefix}${spec.path}: a guarded route needs a guard`);
    registry.push({
      method: spec.method,
      path: prefix + spec.path,
      summary: spec.summary,
      access: spec.access,
      params: spec.params,
      query: spec.query,
      body: spec.body,
      rawBody: spec.rawBody,
      status: spec.status,
      response: spec.response,
      rawResponse: spec.rawResponse,
    });
    router[spec.method](spec.path, async (req: Request, res: Response) => {
      const ctx: Ctx<unknown, unknown, unknown> = { req, res, params: req.params, query: req.query, body: undefined };
      const access = spec.access;
      if (access.kind === 'session' && spec.bearerAlternative?.(req)) {
        // Admitted by its bearer token: no session, no CSRF (token routes are GETs).
      } else if (access.kind === 'session') {
        const session = await guard!.session(req);
        if (!session) throw new UnauthorizedError();
        if (!access.roles.includes(session.account.role)) throw new ForbiddenError();
        if (STATE_CHANGING.has(spec.method) && !guard!.csrfMatches(session, req.get('x-csrf-token'))) {
          throw new CsrfError();
        }
        ctx.session = session;
        ctx.account = session.account;
      } else if (access.kind === 'apiKey') {
        ctx.apiKeyId = (await guard!.apiKey(req, access.scope)).keyId;
      }
      ctx.params = spec.params ? spec.params.parse(req.params, { error: classicMessages }) : req.params;
      ctx.query = spec.query ? spec.query.parse(req.query, { error: classicMessages }) : req.query;
      ctx.body = spec.body ? spec.body.parse(req.body ?? {}, { error: classicMessages }) : undefined;
      const out = await spec.handler(ctx);
      if (checkResponses && spec.response && out !== undefined) checkResponse(spec, prefix, out);
      if (spec.status && !res.headersSent) res.status(spec.status);
      if (spec.status === 204 && !res.headersSent) res.end();
      else if (out !== undefined && !res.headersSent) res.json(out);
    });
  }
}
