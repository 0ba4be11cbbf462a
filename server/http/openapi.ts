// The OpenAPI 3.1 document (docs/architecture.md#http), built from the same registry mount() fills, so a route
// cannot be served without being listed. Schemas come from the routes' zod schemas through zod 4's own
// JSON Schema output (draft 2020-12, the dialect of OpenAPI 3.1): inputs as accepted, responses as sent.
import { z } from 'zod';
import type { MountedRoute } from './route.js';

type Json = Record<string, unknown>;

const ERROR_BODY = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

function schema(s: z.ZodType, io: 'input' | 'output'): Json {
  // Refinements and transforms have no JSON Schema: their base shape is described ('any' for the rest).
  const { $schema: _s, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any', reused: 'inline' }) as Json;
  return rest;
}

function parameters(s: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!s) return [];
  const js = schema(s, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, p]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: p,
  }));
}

function responses(r: MountedRoute): Json {
  const status = String(r.status ?? 200);
  const ok: Json =
    status === '204'
      ? { description: 'No content' }
      : r.response
        ? { description: 'OK', content: { 'application/json': { schema: schema(r.response, 'output') } } }
        : { description: r.rawResponse ?? 'OK' };
  return { [status]: ok, default: { description: 'An error', content: { 'application/json': { schema: ERROR_BODY } } } };
}

export function openApiDocument(routes: readonly MountedRoute[]): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
    const pathParams = [...r.path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!);
    const op: Json = {
      summary: r.summary,
      operationId: `${r.method}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase())}`,
      parameters: r.params ? parameters(r.params, 'path') : pathParams.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      responses: responses(r),
    };
    (op.parameters as Json[]).push(...parameters(r.query, 'query'));
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: schema(r.body, 'input') } } };
    else if (r.rawBody)
      op.requestBody = { required: true, description: r.rawBody.description, content: { [r.rawBody.contentType]: { schema: { type: 'string' } } } };
    if (r.access.kind === 'public') op.security = [];
    else if (r.access.kind === 'session') {
      op.security = [{ session: [] }];
      op['x-roles'] = r.access.roles;
      if (r.method !== 'get') op['x-csrf'] = 'X-CSRF-Token header required';
    } else {
      op.security = [{ apiKey: [r.access.scope] }];
      op['x-scope'] = r.access.scope;
    }
    (paths[path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Pulse Console API', version: '0.1.0' },
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'pulse_session',
          description: 'From POST /api/auth/login; state-changing requests also send X-CSRF-Token.',
        },
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key pk_… from POST /api/admin/api-keys.' },
      },
    },
    paths,
  };
}
