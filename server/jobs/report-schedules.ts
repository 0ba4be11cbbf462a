// Scheduled campaign reports (README#campaigns): every minute, queue the schedules due at 06:00 in their
// advertiser's timezone and send due deliveries (first tries and retries). Ticks never overlap;
// several console instances share the work through SKIP LOCKED claims.
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { ReportSchedulesService } from '../features/campaigns/schedules.service.js';
import { cronLogger, type Job } from './job.js';

export class ReportScheduleJob implements Job {
  private task: ScheduledTask | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly service: ReportSchedulesService,
    private readonly log: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  start(): void {
    this.task = cron.schedule(
      '* * * * *',
      () => {
        this.running = this.service.tick(this.now()).then(
          (r) => r.queued + r.attempted > 0 && this.log.info(r, 'scheduled reports: tick'),
          (err) => this.log.error({ err }, 'scheduled reports: tick failed'),
        );
        return this.running;
      },
      { name: 'report-schedules', noOverlap: true, logger: cronLogger(this.log, 'report-schedules') },
    );
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    await this.running;
    this.service.mailer.close();
  }
}
