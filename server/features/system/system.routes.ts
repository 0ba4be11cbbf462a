import { timingSafeEqual, createHash } from 'node:crypto';
import type { Request } from 'express';
import type { Registry } from 'prom-client';
import { zHealth, zStatus } from '../../../contract/system.js';
import { route, type Guard } from '../../http/route.js';
import type { SystemService } from './system.service.js';

/** Is the caller of a public route a signed-in admin? (No session, or another role: no.) */
async function isAdmin(guard: Guard, req: Request): Promise<boolean> {
  const session = await guard.session(req).catch(() => undefined);
  return session?.account.role === 'admin';
}

export function systemRoutes(service: SystemService, guard: Guard) {
  return [
    route({
      method: 'get',
      path: '/api/health',
      summary: "Each store's state (each written and read), data freshness and the alert evaluator's heartbeat. 503 unless ok.",
      access: { kind: 'public' },
      response: zHealth,
      handler: async ({ res }) => {
        const health = await service.health();
        res.setHeader('Cache-Control', 'no-store');
        res.status(health.status === 'ok' ? 200 : 503);
        return health;
      },
    }),
    route({
      method: 'get',
      path: '/api/status',
      summary:
        'The start-up phase and demo load progress for anyone; row counts per table (estimated past 100k rows, cached 30 s), applied migrations and ingest freshness for admins.',
      access: { kind: 'public' },
      response: zStatus,
      handler: async ({ req, res }) => {
        res.setHeader('Cache-Control', 'no-store');
        return (await isAdmin(guard, req)) ? service.status() : service.publicStatus();
      },
    }),
  ];
}

const sha = (s: string) => createHash('sha256').update(s).digest();

/** /metrics: an admin session, or the bearer METRICS_TOKEN (Prometheus) without one. */
export function metricsRoute(registry: Registry, token: string | undefined) {
  return route({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics of this console instance: an admin session, or Authorization: Bearer <METRICS_TOKEN>.',
    access: { kind: 'session', roles: ['admin'] },
    rawResponse: 'Prometheus text exposition format (text/plain; version=0.0.4)',
    bearerAlternative: (req) => {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
      return token !== undefined && bearer !== undefined && timingSafeEqual(sha(bearer), sha(token));
    },
    handler: async ({ res }) => {
      res.setHeader('Content-Type', registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.send(await registry.metrics());
    },
  });
}
