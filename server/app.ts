// Assembles the Express app from the features' routers (docs/architecture.md#floors).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Stores } from './db/index.js';
import type { Lifecycle } from './lifecycle.js';
import { errorMapper, NotFoundError, ServiceUnavailableError } from './http/errors.js';
import { requestId } from './http/request-id.js';
import { observe } from './http/observe.js';
import { mount, type MountedRoute } from './http/route.js';
import { SystemService } from './features/system/system.service.js';
import { metricsRoute, systemRoutes } from './features/system/system.routes.js';
import type { RequestMetricsWriter } from './features/system/request-metrics.writer.js';
import { AuthService } from './features/auth/auth.service.js';
import { authRoutes } from './features/auth/auth.routes.js';
import { adminRoutes } from './features/auth/admin.routes.js';
import { SessionGuard } from './http/guard.js';
import { DashboardsService } from './features/dashboards/dashboards.service.js';
import { dashboardsRoutes } from './features/dashboards/dashboards.routes.js';
import { thumbnailRoutes } from './features/dashboards/thumbnails.routes.js';
import { mediaRoutes } from './features/media/media.routes.js';
import { mediaSources } from './http/media.js';
import { IngestService } from './features/ingest/ingest.service.js';
import { ingestRoutes } from './features/ingest/ingest.routes.js';
import { ModerationService } from './features/moderation/moderation.service.js';
import { moderationRoutes } from './features/moderation/moderation.routes.js';
import { openApiDocument } from './http/openapi.js';
import { route } from './http/route.js';
import { CampaignsService } from './features/campaigns/campaigns.service.js';
import { ReportSchedulesService } from './features/campaigns/schedules.service.js';
import { ReportMailer } from './features/campaigns/mailer.js';
import { campaignRoutes } from './features/campaigns/campaigns.routes.js';
import type { AlertingService } from './features/alerting/alerting.service.js';
import { alertingRoutes } from './features/alerting/alerting.routes.js';

export const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/client');

export interface AppDeps {
  stores: Stores;
  lifecycle: Lifecycle;
  log: Logger;
  registry: Registry;
  writer?: RequestMetricsWriter;
  alerting?: AlertingService;
  clientDir?: string;
  /** Length of a moderation claim (MODERATION_LEASE_SECONDS). */
  moderationLeaseSeconds?: number;
  /** SLA hours per report reason (MODERATION_SLA_HOURS). */
  moderationSlaHours?: Record<string, number>;
  /** Origins the browser may load platform video and images from (MEDIA_ORIGINS). */
  mediaOrigins?: string[];
  /** Settings of the campaigns feature (exports, scheduled report mail). */
  campaigns?: { exportPageRows: number; smtpUrl?: string; outboxDir: string; mailFrom: string };
}

export interface BuiltApp {
  app: Express;
  routes: MountedRoute[];
  auth: AuthService;
  reportSchedules: ReportSchedulesService;
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
    const what = d.state === 'loading' ? `loading demo data (${d.step ?? ''} ${d.done ?? 0}/${d.total ?? 0})` : 'starting';
    next(new ServiceUnavailableError('starting', `The console is ${what}; try again in a few seconds.`));
  };
}

export function createApp(deps: AppDeps): BuiltApp {
  const { stores, lifecycle, log, registry, writer } = deps;
  const app = express();
  const routes: MountedRoute[] = [];
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');

  app.use(requestId());
  app.use(observe(log, registry, writer));
  app.use(securityHeaders(deps.mediaOrigins ?? []));

  const system = new SystemService(stores, lifecycle);
  // Health, status and metrics answer while starting too (the status page shows the demo load).
  const open = express.Router();
  mount(open, '', [...systemRoutes(system), metricsRoute(registry)], routes);
  app.use(open);

  const api = express.Router();
  // The ingest route reads its own NDJSON body (16 MiB, gzip): the JSON parser leaves it alone.
  const json = express.json({ limit: '1mb' });
  api.use((req, res, next) => (/^\/v1\/ingest\//i.test(req.path) ? next() : json(req, res, next)));
  api.use(readinessGate(lifecycle));
  // Feature routers mount here as they arrive (dashboards, ingest, moderation, ...).
  const guard = new SessionGuard(stores);
  const auth = new AuthService(stores);
  mount(api, '/api', [...authRoutes(auth), ...adminRoutes(auth)], routes, guard);
  mount(api, '/api', dashboardsRoutes(new DashboardsService(stores, { mediaOrigins: deps.mediaOrigins })), routes, guard);
  mount(api, '/api', ingestRoutes(new IngestService(stores, undefined, deps.moderationSlaHours)), routes, guard);
  const moderation = new ModerationService(stores, { leaseSeconds: deps.moderationLeaseSeconds ?? 600, mediaOrigins: deps.mediaOrigins ?? [] });
  mount(api, '/api', moderationRoutes(moderation), routes, guard);
  const campaignsConfig = deps.campaigns ?? { exportPageRows: 25_000, outboxDir: path.resolve('data/outbox'), mailFrom: 'Pulse Console <reports@pulse.local>' };
  const campaigns = new CampaignsService(stores, { exportPageRows: campaignsConfig.exportPageRows });
  const mailer = new ReportMailer({ smtpUrl: campaignsConfig.smtpUrl, outboxDir: campaignsConfig.outboxDir, from: campaignsConfig.mailFrom });
  const reportSchedules = new ReportSchedulesService(stores, campaigns, mailer, log);
  mount(api, '/api', campaignRoutes(campaigns, reportSchedules), routes, guard);
  if (deps.alerting) mount(api, '/api', alertingRoutes(deps.alerting), routes, guard);
  mount(api, '/api', [
    route({
      method: 'get',
      path: '/openapi.json',
      summary: 'This document: every route with its access (security, x-roles) and zod-derived schemas.',
      access: { kind: 'public' },
      handler: () => openApiDocument(routes),
    }),
  ], routes);
  api.use((req, _res, next) => next(new NotFoundError(`No route ${req.method} ${req.baseUrl}${req.path}.`)));
  app.use('/api', api);

  const media = express.Router();
  media.use(readinessGate(lifecycle));
  mount(media, '', [...thumbnailRoutes(), ...mediaRoutes()], routes, guard);
  app.use(media);

  serveClient(app, deps.clientDir ?? CLIENT_DIR);
  app.use(errorMapper(log));
  return { app, routes, auth, reportSchedules };
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
