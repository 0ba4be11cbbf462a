// Runs alerting in a console (README#alerting): node-cron ticks per rule interval, exactly one
// evaluator among the consoles sharing a PostgreSQL (a session advisory lock held on a
// dedicated connection; another console takes it at its next try, within one interval of
// the holder's death), the outbox delivery loop in every console (claims use SKIP LOCKED),
// the daily digest, and the heartbeat and lag on /api/health and /metrics.
import fs from 'node:fs';
import path from 'node:path';
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import { Gauge, Histogram, type Registry } from 'prom-client';
import { pgQuery, type Stores } from '../db/index.js';
import type { PgRunner } from '../db/stores.js';
import { describe } from '../db/postgres.js';
import { ConfigError, type Env } from '../env.js';
import { cronLogger, type Job } from './job.js';
import { cronFor, loadAlertConfig, parseDuration, type Rule } from '../features/alerting/rules.js';
import { AlertingService } from '../features/alerting/alerting.service.js';
import { DeliveryWorker } from '../features/alerting/delivery.js';
import { AlertEngine, type TickReport } from '../features/alerting/engine.js';
import { AlertSignals } from '../features/alerting/signals.js';

const pgTryLock = pgQuery('alerting/try_lock').returns<{ locked: boolean }>();
const pgUnlock = pgQuery('alerting/unlock').returns<{ unlocked: boolean }>();

/** The advisory lock key of the evaluator role: 'pulse-evaluator' as a 64-bit number. */
export const EVALUATOR_LOCK_KEY = '7075317365766131';

export { cronFor };

export interface AlertingJobOptions {
  /** ALERTING: when false, start() does nothing (rules, routes and pages stay). */
  enabled: boolean;
  instanceId: string;
  /** How often a follower tries to take the evaluator role. */
  electionMs: number;
  deliveryPollMs: number;
  digestCron: string;
  log: Logger;
  registry: Registry;
  signals: AlertSignals;
}

export class AlertingJob implements Job {
  private tasks: ScheduledTask[] = [];
  private timers: NodeJS.Timeout[] = [];
  private lockClient: PgRunner | undefined;
  private releaseClient: (() => void) | undefined;
  private leader = false;
  private stopped = false;
  private started = false;
  private readonly metrics;

  constructor(
    private readonly stores: Stores,
    private readonly service: AlertingService,
    private readonly delivery: DeliveryWorker,
    private readonly opts: AlertingJobOptions,
  ) {
    this.metrics = {
      lastRun: new Gauge({
        name: 'pulse_alert_evaluator_last_run_timestamp_seconds',
        help: 'Evaluation time of the last completed tick',
        registers: [opts.registry],
      }),
      lag: new Gauge({ name: 'pulse_alert_evaluator_lag_seconds', help: 'Completion of the last tick minus its scheduled time', registers: [opts.registry] }),
      leader: new Gauge({ name: 'pulse_alert_evaluator_leader', help: '1 when this console is the evaluator', registers: [opts.registry] }),
      tick: new Histogram({
        name: 'pulse_alert_tick_duration_seconds',
        help: 'Duration of an evaluation tick',
        labelNames: ['interval'],
        buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        registers: [opts.registry],
      }),
    };
    opts.signals.on('enqueued', () => {
      if (this.running) void this.deliver();
    });
    opts.signals.on('rulesChanged', () => {
      if (this.running) this.reschedule();
    });
  }

  get running(): boolean {
    return this.started && !this.stopped;
  }

  get isLeader(): boolean {
    return this.leader;
  }

  async start(): Promise<void> {
    if (!this.opts.enabled || this.started) return;
    this.started = true;
    await this.elect();
    this.timers.push(setInterval(() => void this.elect(), this.opts.electionMs));
    this.timers.push(setInterval(() => void this.deliver(), this.opts.deliveryPollMs));
    // The digest first: nothing about the rules can keep it from being scheduled.
    this.tasks.push(
      cron.schedule(
        this.opts.digestCron,
        async (ctx) => {
          if (this.leader)
            await this.service
              .sendDigest(ctx.date)
              .then(() => this.deliver())
              .catch((err) => this.opts.log.error({ err }, 'daily digest failed'));
        },
        { name: 'alert-digest', noOverlap: true, logger: cronLogger(this.opts.log, 'alert-digest') },
      ),
    );
    this.reschedule();
  }

  /** One cron task per distinct rule interval; call again after rules change. */
  reschedule(): void {
    for (const t of this.tasks.filter((t) => t.name?.startsWith('alert-tick'))) void t.destroy();
    this.tasks = this.tasks.filter((t) => !t.name?.startsWith('alert-tick'));
    const intervals = new Set(
      this.service
        .rules()
        .filter((r) => r.enabled)
        .map((r) => r.interval),
    );
    for (const interval of intervals) {
      let expression: string;
      try {
        expression = cronFor(interval);
      } catch (err) {
        // Validation keeps such rules out; should one get through, it alone is not scheduled.
        this.opts.log.error({ interval, err: describe(err) }, 'alert rules with an interval that cannot be scheduled are skipped');
        continue;
      }
      this.tasks.push(
        cron.schedule(expression, (ctx) => this.tick(interval, ctx.date), {
          name: `alert-tick-${interval}`,
          noOverlap: true,
          logger: cronLogger(this.opts.log, `alert-tick-${interval}`),
        }),
      );
    }
  }

  /** Names of the scheduled cron tasks (the digest and one tick per interval). */
  get scheduled(): string[] {
    return this.tasks.map((t) => t.name ?? '');
  }

  /** Evaluates the rules of one interval at the scheduled time (the evaluation time is the schedule, not the clock). */
  async tick(interval: string, scheduled: Date): Promise<TickReport | undefined> {
    if (!this.leader || this.stopped) return undefined;
    const at = new Date(Math.floor(scheduled.getTime() / 1000) * 1000);
    const rules: Rule[] = this.service.rules().filter((r) => r.interval === interval);
    const end = this.metrics.tick.startTimer({ interval });
    try {
      const report = await this.service.engine.evaluateAt(rules, at);
      const lagMs = Date.now() - at.getTime();
      await this.service.engine.heartbeat(at, lagMs);
      this.metrics.lastRun.set(at.getTime() / 1000);
      this.metrics.lag.set(lagMs / 1000);
      return report;
    } catch (err) {
      this.opts.log.error({ err: describe(err), interval }, 'alert evaluation tick failed');
      return undefined;
    } finally {
      end();
    }
  }

  async deliver(): Promise<void> {
    if (this.stopped) return;
    await this.delivery.deliverDue().catch((err) => this.opts.log.error({ err: describe(err) }, 'notification delivery pass failed'));
  }

  /**
   * Embedded PostgreSQL (PGlite) serves one process, so that console is the evaluator. On a
   * server, the lock lives on a connection of its own held for as long as this console leads.
   */
  async elect(): Promise<boolean> {
    if (this.stopped) return false;
    try {
      if (this.stores.pg.mode === 'embedded') {
        // PGlite is one session for the whole process: the lock taken on the pool is this
        // console's for its lifetime (and no other process can open the same data directory).
        if (!this.leader) this.setLeader(Boolean((await this.stores.pg.one(pgTryLock, { key: EVALUATOR_LOCK_KEY }))?.locked));
        return this.leader;
      }
      if (!this.lockClient) {
        const conn = await this.stores.pg.dedicated(() => this.dropLock());
        this.lockClient = conn.runner;
        this.releaseClient = () => conn.release();
      }
      if (this.leader) return true;
      const row = await this.lockClient.one(pgTryLock, { key: EVALUATOR_LOCK_KEY });
      this.setLeader(Boolean(row?.locked));
    } catch (err) {
      this.opts.log.warn({ err: describe(err) }, 'evaluator election failed; will retry');
      this.dropLock();
    }
    return this.leader;
  }

  private dropLock(): void {
    this.setLeader(false);
    this.releaseClient?.();
    this.releaseClient = undefined;
    this.lockClient = undefined;
  }

  private setLeader(leader: boolean): void {
    if (leader !== this.leader)
      this.opts.log.info({ instance: this.opts.instanceId }, leader ? 'this console is the alert evaluator' : 'this console no longer evaluates alerts');
    this.leader = leader;
    this.metrics.leader.set(leader ? 1 : 0);
  }

  async stop(): Promise<void> {
    if (!this.started || this.stopped) {
      this.stopped = true;
      this.delivery.close();
      return;
    }
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    for (const t of this.tasks) await t.destroy();
    this.tasks = [];
    await this.delivery.deliverDue().catch(() => 0);
    if (this.leader) await (this.lockClient ?? this.stores.pg).one(pgUnlock, { key: EVALUATOR_LOCK_KEY }).catch(() => undefined);
    this.dropLock();
    this.delivery.close();
  }
}

export interface Alerting {
  service: AlertingService;
  delivery: DeliveryWorker;
  job: AlertingJob;
  signals: AlertSignals;
}

/**
 * Loads alerts/ (a bad file throws a ConfigError naming the file and field) and builds the
 * engine, service, delivery worker and job of one console. Nothing runs until job.start().
 */
export function createAlerting(config: Env, stores: Stores, deps: { log: Logger; registry: Registry; dataDir: string; instanceId: string }): Alerting {
  const alertConfig = loadAlertConfig(path.resolve(config.ALERTS_DIR), stores.catalog, {
    PAGERDUTY_ROUTING_KEY: config.PAGERDUTY_ROUTING_KEY,
    ALERT_EMAIL_TO: config.ALERT_EMAIL_TO,
    secrets: config.ALERT_SECRETS,
  });
  let ca: string | undefined;
  if (config.PAGERDUTY_CA_FILE) {
    try {
      ca = fs.readFileSync(config.PAGERDUTY_CA_FILE, 'utf8');
    } catch (err) {
      throw new ConfigError('PAGERDUTY_CA_FILE', `cannot read ${config.PAGERDUTY_CA_FILE} (${describe(err)})`);
    }
  }
  const signals = new AlertSignals();
  const engine = new AlertEngine(stores, alertConfig.routing, {
    queryTimeoutMs: config.ALERT_QUERY_TIMEOUT_MS,
    concurrency: config.ALERT_CONCURRENCY,
    instanceId: deps.instanceId,
    log: deps.log,
    consoleUrl: config.CONSOLE_URL,
    signals,
  });
  let webhookCa: string | undefined;
  if (config.ALERT_WEBHOOK_CA_FILE) {
    try {
      webhookCa = fs.readFileSync(config.ALERT_WEBHOOK_CA_FILE, 'utf8');
    } catch (err) {
      throw new ConfigError('ALERT_WEBHOOK_CA_FILE', `cannot read ${config.ALERT_WEBHOOK_CA_FILE} (${describe(err)})`);
    }
  }
  const service = new AlertingService(stores, stores.catalog, alertConfig, engine, signals, config.PAGERDUTY_WEBHOOK_SECRET);
  const delivery = new DeliveryWorker(stores, {
    smtpUrl: config.SMTP_URL,
    outboxDir: path.join(deps.dataDir, 'outbox'),
    mailFrom: config.ALERT_MAIL_FROM,
    pagerDutyHost: config.PAGERDUTY_EVENTS_HOST,
    pagerDutyCa: ca,
    receivers: () => engine.routingTree.receivers,
    webhookCa,
    timeoutMs: config.ALERT_DELIVERY_TIMEOUT_MS,
    retryDelaysMs: config.ALERT_RETRY_DELAYS.split(',').map(parseDuration),
    log: deps.log,
  });
  if (!cron.validate(config.ALERT_DIGEST_CRON)) throw new ConfigError('ALERT_DIGEST_CRON', `${config.ALERT_DIGEST_CRON} is not a cron expression`);
  const job = new AlertingJob(stores, service, delivery, {
    enabled: config.ALERTING,
    instanceId: deps.instanceId,
    electionMs: config.ALERT_ELECTION_MS,
    deliveryPollMs: config.ALERT_DELIVERY_POLL_MS,
    digestCron: config.ALERT_DIGEST_CRON,
    log: deps.log,
    registry: deps.registry,
    signals,
  });
  return { service, delivery, job, signals };
}
