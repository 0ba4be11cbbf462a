// Per request: a child logger with the request id, one log line when it ends, Prometheus
// counters, and a row for ClickHouse request_metrics. The route recorded is the templated path
// (`/api/campaigns/:id/report`), never the raw URL, so ids never become label values.
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { Histogram, type Registry } from 'prom-client';

/** Where each request's metrics row goes (the system feature's writer to ClickHouse request_metrics). */
export interface RequestMetricsSink {
  record(row: { ts: Date; route: string; method: string; status: number; durationMs: number }): void;
}

export function templatedRoute(req: Request): string {
  if (req.route?.path && typeof req.route.path === 'string') return req.baseUrl + req.route.path;
  if (req.path.startsWith('/api/')) return 'unmatched';
  return 'static';
}

export function observe(log: Logger, registry: Registry, writer: RequestMetricsSink | undefined): RequestHandler {
  const duration = new Histogram({
    name: 'pulse_http_request_duration_seconds',
    help: 'HTTP request duration by templated route',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (req, res, next) => {
    const t0 = performance.now();
    const id = (req as { id?: string }).id;
    (req as { log?: Logger }).log = log.child({ reqId: id });
    res.on('finish', () => {
      const ms = performance.now() - t0;
      const route = templatedRoute(req);
      duration.observe({ method: req.method, route, status: String(res.statusCode) }, ms / 1000);
      writer?.record({ ts: new Date(), route, method: req.method, status: res.statusCode, durationMs: ms });
      // No headers, no bodies, no query strings: they can carry keys, tokens and personal data.
      log.debug({ reqId: id, method: req.method, route, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, 'request');
    });
    next();
  };
}
