// Scheduled campaign reports (README#campaigns): every minute, queue the schedules due at 06:00 in their
// advertiser's timezone and send due deliveries (first tries and retries). Ticks never overlap;
// several console instances share the work through SKIP LOCKED claims.
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { ReportSchedulesService } from '../features/campaigns/schedules.service.js';

export interface Job {
  stop(): Promise<void>;
}

export function startReportScheduleJob(service: ReportSchedulesService, log: Logger): Job {
  let running: Promise<unknown> = Promise.resolve();
  const task = cron.schedule(
    '* * * * *',
    () => {
      running = service.tick(new Date()).then(
        (r) => r.queued + r.attempted > 0 && log.info(r, 'scheduled reports: tick'),
        (err) => log.error({ err }, 'scheduled reports: tick failed'),
      );
      return running;
    },
    { name: 'report-schedules', noOverlap: true },
  );
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
