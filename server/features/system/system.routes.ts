import type { Registry } from 'prom-client';
import { route } from '../../http/route.js';
import type { SystemService } from './system.service.js';

export function systemRoutes(service: SystemService) {
  return [
    route({
      method: 'get',
      path: '/api/health',
      summary: 'Each store\'s state, data freshness and the alert evaluator\'s heartbeat. 503 unless ok.',
      access: { kind: 'public' },
      handler: async ({ res }) => {
        const health = await service.health();
        res.status(health.status === 'ok' ? 200 : 503).json(health);
      },
    }),
    route({
      method: 'get',
      path: '/api/status',
      summary: 'Row counts per table in both stores, applied migrations and ingest freshness.',
      access: { kind: 'public' },
      handler: () => service.status(),
    }),
  ];
}

export function metricsRoute(registry: Registry) {
  return route({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics of this console instance.',
    access: { kind: 'public' },
    handler: async ({ res }) => {
      res.setHeader('Content-Type', registry.contentType);
      res.send(await registry.metrics());
    },
  });
}
