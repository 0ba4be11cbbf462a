// The composition root: every store-backed service, route list and job of one console, built
// from the parsed settings (server/env.ts holds every default) and the opened stores. server.ts
// (main.ts, the tests through test/support/console.ts, the benches) starts consoles through it.
// Construction does no I/O beyond reading alerts/ and the PagerDuty CA file; wiring between
// parts is passed to constructors, never assigned afterwards.
//
// Adding a service: build it below from `config` and `stores`, add its routes to `api` (or
// `media`) and, if it runs in the background, its Job to `jobs` (or `readyJobs`). See
// docs/architecture.md#composition.
import path from 'node:path';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Env } from './env.js';
import type { Stores } from './db/index.js';
import type { Lifecycle } from './lifecycle.js';
import type { RouteSpec } from './http/route.js';
import { SessionGuard } from './http/guard.js';
import { ConcurrencyLimit } from './http/limits.js';
import type { Job } from './jobs/job.js';
import { ReportScheduleJob } from './jobs/report-schedules.js';
import { createAlerting } from './jobs/alerting.job.js';
import { SystemService } from './features/system/system.service.js';
import { metricsRoute, systemRoutes } from './features/system/system.routes.js';
import { RequestMetricsWriter } from './features/system/request-metrics.writer.js';
import { AuthService } from './features/auth/auth.service.js';
import { authRoutes } from './features/auth/auth.routes.js';
import { adminRoutes } from './features/auth/admin.routes.js';
import { PasswordService } from './features/auth/passwords.js';
import { loginThrottleSettings } from './features/auth/login-throttle.js';
import { DashboardsService } from './features/dashboards/dashboards.service.js';
import { dashboardsRoutes } from './features/dashboards/dashboards.routes.js';
import { TableExports } from './features/dashboards/table-exports.js';
import { thumbnailRoutes } from './features/dashboards/thumbnails.routes.js';
import { mediaRoutes } from './features/media/media.routes.js';
import { IngestService } from './features/ingest/ingest.service.js';
import { ingestRoutes } from './features/ingest/ingest.routes.js';
import { AmqpIngestConsumer } from './features/ingest/amqp-consumer.js';
import { ModerationService } from './features/moderation/moderation.service.js';
import { moderationRoutes } from './features/moderation/moderation.routes.js';
import { AccountActionsService } from './features/moderation/account-actions.service.js';
import { SearchService } from './features/search/search.service.js';
import { searchRoutes } from './features/search/search.routes.js';
import { CampaignsService } from './features/campaigns/campaigns.service.js';
import { ReportSchedulesService } from './features/campaigns/schedules.service.js';
import { ReportMailer } from './features/campaigns/mailer.js';
import { campaignRoutes } from './features/campaigns/campaigns.routes.js';
import { alertingRoutes } from './features/alerting/alerting.routes.js';

export interface Infrastructure {
  stores: Stores;
  lifecycle: Lifecycle;
  log: Logger;
  registry: Registry;
  /** The resolved DATA_DIR (the mail outbox lives under it). */
  dataDir: string;
  instanceId: string;
  /** The console's clock (a test clock in tests): ingest's time checks, the dashboards' windows and cache, the report-schedule job. */
  now?: () => Date;
  /** Start the every-minute report-schedule job (default true; test consoles start it only when asked). */
  reportScheduleJob?: boolean;
}

export type Routes = RouteSpec<any, any, any>[];

export function compose(config: Env, infra: Infrastructure) {
  const { stores, lifecycle, log, registry, dataDir, instanceId, now } = infra;
  const outboxDir = path.join(dataDir, 'outbox');

  const guard = new SessionGuard(stores);
  const writer = new RequestMetricsWriter(stores.ch, { service: 'console', instance: instanceId, flushMs: config.REQUEST_METRICS_FLUSH_MS }, log, registry);
  const auth = new AuthService(stores, loginThrottleSettings(config, now));
  const passwords = new PasswordService(stores, auth);
  const dashboards = new DashboardsService(stores, {
    mediaOrigins: config.MEDIA_ORIGINS,
    queryTimeoutMs: config.QUERY_TIMEOUT_MS,
    trendingDayList: config.TRENDING_DAY_LIST,
    now,
  });
  const ingest = new IngestService(stores, now ?? (() => new Date()), {
    slaHours: config.MODERATION_SLA_HOURS,
    dedupHorizonDays: config.INGEST_DEDUP_HORIZON_DAYS,
    chunkLines: config.INGEST_CHUNK_LINES,
    limits: { storedRejections: config.INGEST_STORED_REJECTIONS, answeredErrors: config.INGEST_ANSWERED_ERRORS },
  });
  // The RabbitMQ consumer (AMQP_URL) feeds the same ingest service as the HTTP route.
  const queue = config.AMQP_URL
    ? new AmqpIngestConsumer(ingest, { url: config.AMQP_URL, prefix: config.AMQP_QUEUE_PREFIX, prefetch: config.AMQP_PREFETCH }, log, registry)
    : undefined;
  const system = new SystemService(stores, lifecycle, undefined, instanceId, () => queue?.status() ?? null);
  const ingestBatches = new ConcurrencyLimit(config.INGEST_BATCHES_PER_KEY, 'ingest batches per API key', config.INGEST_BATCHES_TOTAL);
  const campaigns = new CampaignsService(stores, {
    exportConcurrency: config.EXPORT_CONCURRENCY,
    exportEngineThreads: config.EXPORT_ENGINE_THREADS,
    exportFileWrites: config.EXPORT_FILE_WRITES,
    queryTimeoutMs: config.QUERY_TIMEOUT_MS,
  });
  const reportMailer = new ReportMailer({ smtpUrl: config.SMTP_URL, outboxDir, from: config.REPORTS_MAIL_FROM });
  const reportSchedules = new ReportSchedulesService(stores, campaigns, reportMailer, log);
  const alerting = createAlerting(config, stores, { log, registry, dataDir, instanceId });
  const moderation = new ModerationService(stores, {
    leaseSeconds: config.MODERATION_LEASE_SECONDS,
    mediaOrigins: config.MEDIA_ORIGINS,
    log,
    notices: { enabled: config.MODERATION_NOTICES, from: config.MODERATION_MAIL_FROM },
    // Outcome notices go through the notification outbox: deliver them now rather than at the next poll.
    onNoticesQueued: () => void alerting.job.deliver(),
  });
  const accountActions = new AccountActionsService(stores);
  const search = new SearchService(stores, { mediaOrigins: config.MEDIA_ORIGINS });

  return {
    guard,
    system,
    writer,
    auth,
    dashboards,
    ingest,
    queue,
    moderation,
    accountActions,
    search,
    campaigns,
    reportSchedules,
    alerting,
    /** Answer while the console starts (health, status, Prometheus). */
    open: [...systemRoutes(system, guard), metricsRoute(registry, config.METRICS_TOKEN)] as Routes,
    /** Under /api, behind the readiness gate. */
    api: [
      ...authRoutes(auth, passwords),
      ...adminRoutes(auth, passwords),
      ...dashboardsRoutes(dashboards, undefined, new TableExports(stores, { queryTimeoutMs: config.QUERY_TIMEOUT_MS })),
      ...ingestRoutes(ingest, ingestBatches),
      ...moderationRoutes(moderation, accountActions),
      ...searchRoutes(search),
      ...campaignRoutes(campaigns, reportSchedules),
      ...alertingRoutes(alerting.service),
    ] as Routes,
    /** Platform media placeholders at the root, behind the readiness gate. */
    media: [...thumbnailRoutes(), ...mediaRoutes()] as Routes,
    /** Run after the migrations, before the console serves. */
    init: [() => alerting.service.init()],
    /** Started when the console serves; stopped at close (in reverse order). */
    jobs: [writer, ...(infra.reportScheduleJob === false ? [] : [new ReportScheduleJob(reportSchedules, log, now)])] as Job[],
    /** Started once the console is ready (demo data loaded); stopped at close, started or not. */
    readyJobs: [alerting.job, ...(queue ? [queue] : [])] as Job[],
  };
}

export type Console = ReturnType<typeof compose>;
