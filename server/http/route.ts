// Routes are declared, not just registered: method, path, summary, access and zod schemas for
// params, query and body. The declarations drive validation here and, from the same list, the
// OpenAPI document and the authorization test (DESIGN §13).
import type { Request, Response, Router } from 'express';
import type { ZodType, ZodTypeDef } from 'zod';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call a route. Roles arrive with accounts; until then every route is public. */
export type Access = { kind: 'public' };

export interface Ctx<P, Q, B> {
  req: Request;
  res: Response;
  params: P;
  query: Q;
  body: B;
}

export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  method: Method;
  /** Express path relative to the router's mount point; also the templated route in metrics. */
  path: string;
  summary: string;
  access: Access;
  params?: ZodType<P, ZodTypeDef, unknown>;
  query?: ZodType<Q, ZodTypeDef, unknown>;
  body?: ZodType<B, ZodTypeDef, unknown>;
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
}

/** Registers specs on a router and records them (with the mount prefix) in `registry`. */
export function mount(router: Router, prefix: string, specs: RouteSpec<any, any, any>[], registry: MountedRoute[]): void {
  for (const spec of specs) {
    registry.push({ method: spec.method, path: prefix + spec.path, summary: spec.summary, access: spec.access });
    router[spec.method](spec.path, async (req: Request, res: Response) => {
      const params = spec.params ? spec.params.parse(req.params) : req.params;
      const query = spec.query ? spec.query.parse(req.query) : req.query;
      const body = spec.body ? spec.body.parse(req.body ?? {}) : undefined;
      const out = await spec.handler({ req, res, params, query, body });
      if (out !== undefined && !res.headersSent) res.json(out);
    });
  }
}
