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
import { adminRoutes } from './features/admin/admin.routes.js';
import { DashboardsService } from './features/dashboards/dashboards.service.js';
import { dashboardsRoutes } from './features/dashboards/dashboards.routes.js';
import { thumbnailRoutes } from './features/dashboards/thumbnails.routes.js';
import { mediaRoutes } from './features/media/media.routes.js';
import { mediaSources } from './http/media.js';
import { DEFAULT_INGEST_LIMITS, IngestService, type IngestLimits } from './features/ingest/ingest.service.js';
import { ConcurrencyLimit, heavyQueries, rateLimit, type RateLimits } from './http/limits.js';
import { SESSION_COOKIE } from './features/auth/auth.service.js';
import { ingestRoutes } from './features/ingest/ingest.routes.js';
import type { QueueStatus } from './features/ingest/amqp-consumer.js';
import { ModerationService } from './features/moderation/moderation.service.js';
import { moderationRoutes } from './features/moderation/moderation.routes.js';
import { AccountActionsService } from './features/moderation/account-actions.service.js';
import { SearchService } from './features/search/search.service.js';
import { searchRoutes } from './features/search/search.routes.js';
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
  /** Days of event time within which a repeated event_id is dropped (INGEST_DEDUP_HORIZON_DAYS). */
  dedupHorizonDays?: number;
  /** This console's name (INSTANCE_ID): its health probe rows. */
  instanceId?: string;
  /** Bearer token /metrics accepts besides an admin session (METRICS_TOKEN). */
  metricsToken?: string;
  /** Express 'trust proxy' (TRUST_PROXY): false, a hop count, or addresses/subnets. */
  trustProxy?: boolean | number | string[];
  /** QUERY_TIMEOUT_MS: statement_timeout of the dashboards' PostgreSQL reads. */
  queryTimeoutMs?: number;
  /** HEAVY_QUERIES_PER_SESSION: dashboard/report/export requests of one session at once. */
  heavyQueriesPerSession?: number;
  /** RATE_LIMIT_*: requests a minute per session, API key and address. */
  rateLimits?: RateLimits;
  /** Per-batch and per-key bounds of ingest (INGEST_* settings). */
  ingest?: IngestLimits & { batchesPerKey: number; batchesTotal: number };
  /** The RabbitMQ consumer's state for /api/status (null: AMQP_URL is not set). */
  queueStatus?: () => QueueStatus | null;
  /** Origins the browser may load platform video and images from (MEDIA_ORIGINS). */
  mediaOrigins?: string[];
  /** Outcome notices of moderation decisions (MODERATION_NOTICES, MODERATION_MAIL_FROM). */
  moderationNotices?: { enabled: boolean; from: string };
  /** Asks the notification outbox worker to send what was just queued. */
  kickNotifications?: () => void;
  /** Settings of the campaigns feature (exports, scheduled report mail). */
  campaigns?: { exportConcurrency: number; smtpUrl?: string; outboxDir: string; mailFrom: string };
  /** The console's clock for ingest's time checks and the dashboards' default windows and cache (a test clock in tests). */
  now?: () => Date;
}

export interface BuiltApp {
  app: Express;
  routes: MountedRoute[];
  auth: AuthService;
  reportSchedules: ReportSchedulesService;
  /** The ingest service, shared by the HTTP route and the RabbitMQ consumer. */
  ingest: IngestService;
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
  // Off unless TRUST_PROXY says which proxies to believe: otherwise anyone could pick their
  // address (login limits, audit log) with X-Forwarded-For.
  app.set('trust proxy', deps.trustProxy ?? false);
  app.set('query parser', 'simple');

  app.use(requestId(Boolean(deps.trustProxy)));
  app.use(observe(log, registry, writer));
  app.use(securityHeaders(deps.mediaOrigins ?? []));
  // Requests a minute per session, API key or address, for the API, /metrics and media (not the client's files).
  app.use(['/api', '/metrics', '/media'], rateLimit(deps.rateLimits ?? { sessionPerMinute: 600, keyPerMinute: 600, anonymousPerMinute: 300 }, SESSION_COOKIE));

  const auth = new AuthService(stores);
  const system = new SystemService(stores, lifecycle, undefined, deps.instanceId, deps.queueStatus);
  // Health, status and metrics answer while starting too (the status page shows the demo load).
  const open = express.Router();
  mount(open, '', [...systemRoutes(system, auth), metricsRoute(registry, deps.metricsToken)], routes, auth);
  app.use(open);

  const api = express.Router();
  // The ingest route reads its own NDJSON body (16 MiB, gzip) and webhooks their raw signed bytes:
  // the JSON parser leaves them alone.
  const json = express.json({ limit: '1mb' });
  api.use((req, res, next) => (/^\/v1\/(ingest|webhooks)\//i.test(req.path) ? next() : json(req, res, next)));
  api.use(readinessGate(lifecycle));
  // Dashboards, campaign reports and exports: a bounded number at once per session.
  api.use(['/metrics', '/campaigns'], heavyQueries(deps.heavyQueriesPerSession ?? 6, SESSION_COOKIE));
  // Feature routers mount here as they arrive (dashboards, ingest, moderation, ...).
  mount(api, '/api', [...authRoutes(auth), ...adminRoutes(auth)], routes, auth);
  mount(api, '/api', dashboardsRoutes(new DashboardsService(stores, { mediaOrigins: deps.mediaOrigins, queryTimeoutMs: deps.queryTimeoutMs, now: deps.now })), routes, auth);
  const ingestLimits = deps.ingest ?? { ...DEFAULT_INGEST_LIMITS, batchesPerKey: 2, batchesTotal: 4 };
  const batches = new ConcurrencyLimit(ingestLimits.batchesPerKey, 'ingest batches per API key', ingestLimits.batchesTotal);
  const ingest = new IngestService(stores, deps.now, { slaHours: deps.moderationSlaHours, dedupHorizonDays: deps.dedupHorizonDays, limits: ingestLimits });
  mount(api, '/api', ingestRoutes(ingest, batches), routes, auth);
  const moderation = new ModerationService(stores, auth, {
    leaseSeconds: deps.moderationLeaseSeconds ?? 600, mediaOrigins: deps.mediaOrigins ?? [],
    notices: deps.moderationNotices, onNoticesQueued: deps.kickNotifications, log,
  });
  mount(api, '/api', moderationRoutes(moderation, new AccountActionsService(stores, auth)), routes, auth);
  mount(api, '/api', searchRoutes(new SearchService(stores, { mediaOrigins: deps.mediaOrigins ?? [] })), routes, auth);
  const campaignsConfig = deps.campaigns ?? { exportConcurrency: 4, outboxDir: path.resolve('data/outbox'), mailFrom: 'Pulse Console <reports@pulse.local>' };
  const campaigns = new CampaignsService(stores, { exportConcurrency: campaignsConfig.exportConcurrency, queryTimeoutMs: deps.queryTimeoutMs });
  const mailer = new ReportMailer({ smtpUrl: campaignsConfig.smtpUrl, outboxDir: campaignsConfig.outboxDir, from: campaignsConfig.mailFrom });
  const reportSchedules = new ReportSchedulesService(stores, campaigns, mailer, log);
  mount(api, '/api', campaignRoutes(campaigns, reportSchedules), routes, auth);
  if (deps.alerting) mount(api, '/api', alertingRoutes(deps.alerting, auth), routes, auth);
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
  mount(media, '', [...thumbnailRoutes(), ...mediaRoutes()], routes, auth);
  app.use(media);

  serveClient(app, deps.clientDir ?? CLIENT_DIR);
  app.use(errorMapper(log));
  return { app, routes, auth, reportSchedules, ingest };
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
