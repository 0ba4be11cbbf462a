// Assembles the Express app from the features' routers (docs/architecture.md#floors).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Lifecycle } from './lifecycle.js';
import type { Console } from './compose.js';
import { errorMapper, NotFoundError, ServiceUnavailableError } from './http/errors.js';
import { requestId } from './http/request-id.js';
import { observe } from './http/observe.js';
import { mediaSources } from './http/media.js';
import { mount, route, type MountedRoute } from './http/route.js';
import { heavyQueries, rateLimit, type RateLimits } from './http/limits.js';
import { SESSION_COOKIE } from './http/guard.js';
import { openApiDocument } from './http/openapi.js';

export const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/client');

export interface AppDeps {
  /** The console's services and route lists (server/compose.ts). */
  parts: Console;
  lifecycle: Lifecycle;
  log: Logger;
  registry: Registry;
  /** Express 'trust proxy' (TRUST_PROXY): false, a hop count, or addresses/subnets. */
  trustProxy: boolean | number | string[];
  /** HEAVY_QUERIES_PER_SESSION: dashboard/report/export requests of one session at once. */
  heavyQueriesPerSession: number;
  /** RATE_LIMIT_*: requests a minute per session, API key and address. */
  rateLimits: RateLimits;
  /** Origins the browser may load platform video and images from (MEDIA_ORIGINS). */
  mediaOrigins: readonly string[];
  /** Check each JSON answer against its route's response schema (NODE_ENV=test). */
  checkResponses: boolean;
  clientDir?: string;
}

/**
 * Security headers (docs/architecture.md#http): a strict CSP; styles allow inline attributes for
 * charts; video and images also from the platform's media origins (MEDIA_ORIGINS, server/http/media.ts).
 */
function securityHeaders(mediaOrigins: readonly string[]): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': [...mediaSources(mediaOrigins), 'data:'],
        'media-src': mediaSources(mediaOrigins),
        'connect-src': ["'self'"],
        'font-src': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
  });
}

/** Until start-up has finished (migrations, demo data), API routes answer 503. */
function readinessGate(lifecycle: Lifecycle): RequestHandler {
  return (_req, _res, next) => {
    if (lifecycle.ready) return next();
    const d = lifecycle.demo;
    const what =
      d.state === 'loading' ? `${d.redo ? 'loading again an interrupted' : 'loading'} demo data (${d.step ?? ''} ${d.done ?? 0}/${d.total ?? 0})` : 'starting';
    next(new ServiceUnavailableError('starting', `The console is ${what}; try again in a few seconds.`));
  };
}

export function createApp(deps: AppDeps): { app: Express; routes: MountedRoute[] } {
  const { parts, lifecycle, log, registry } = deps;
  const app = express();
  const routes: MountedRoute[] = [];
  app.disable('x-powered-by');
  // Off unless TRUST_PROXY says which proxies to believe: otherwise anyone could pick their
  // address (login limits, audit log) with X-Forwarded-For.
  app.set('trust proxy', deps.trustProxy);
  app.set('query parser', 'simple');

  app.use(requestId(Boolean(deps.trustProxy)));
  app.use(observe(log, registry, parts.writer));
  app.use(securityHeaders(deps.mediaOrigins));
  // Requests a minute per session, API key or address, for the API, /metrics and media (not the client's files).
  app.use(['/api', '/metrics', '/media'], rateLimit(deps.rateLimits, SESSION_COOKIE));

  // Health, status and metrics answer while starting too (the status page shows the demo load).
  const open = express.Router();
  mount(open, '', parts.open, routes, parts.guard, deps.checkResponses);
  app.use(open);

  const api = express.Router();
  // The ingest route reads its own NDJSON body (16 MiB, gzip) and webhooks their raw signed bytes:
  // the JSON parser leaves them alone.
  const json = express.json({ limit: '1mb' });
  api.use((req, res, next) => (/^\/v1\/(ingest|webhooks)\//i.test(req.path) ? next() : json(req, res, next)));
  api.use(readinessGate(lifecycle));
  // Dashboards, campaign reports and exports: a bounded number at once per session.
  api.use(['/metrics', '/campaigns'], heavyQueries(deps.heavyQueriesPerSession, SESSION_COOKIE));
  mount(api, '/api', parts.api, routes, parts.guard, deps.checkResponses);
  mount(
    api,
    '/api',
    [
      route({
        method: 'get',
        path: '/openapi.json',
        summary: 'This document: every route with its access (security, x-roles) and zod-derived schemas.',
        access: { kind: 'public' },
        rawResponse: 'The OpenAPI 3.1 document (JSON)',
        handler: () => openApiDocument(routes),
      }),
    ],
    routes,
  );
  api.use((req, _res, next) => next(new NotFoundError(`No route ${req.method} ${req.baseUrl}${req.path}.`)));
  app.use('/api', api);

  const media = express.Router();
  // Only the media paths wait: the client's files are served while the console starts, so the
  // browser shows the start-up page (the demo load's progress) instead of a JSON 503.
  media.use('/media', readinessGate(lifecycle));
  mount(media, '', parts.media, routes, parts.guard, deps.checkResponses);
  app.use(media);

  serveClient(app, deps.clientDir ?? CLIENT_DIR);
  app.use(errorMapper(log));
  return { app, routes };
}

/** The built React app, with index.html for every other GET so client-side routes reload. */
function serveClient(app: Express, dir: string): void {
  const index = path.join(dir, 'index.html');
  app.use(express.static(dir, { index: false, maxAge: '1h', immutable: false }));
  app.get(/^\/(?!api\/|metrics$).*/, (_req, res) => {
    if (fs.existsSync(index)) {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index);
    } else {
      res.status(503).type('text/plain').send('The client is not built yet: run `npm run build` (npm start does it for you).\n');
    }
  });
}
