import type { Logger as CronLogger } from 'node-cron';
import type { Logger } from 'pino';

/** Background work of a console: started when it serves (or once it is ready), stopped at close. */
export interface Job {
  start(): void | Promise<void>;
  stop(): Promise<void>;
}

/**
 * node-cron's own messages (a tick still running when the next is due, a missed tick, a task
 * that threw) in the console's log with the task's name, instead of coloured lines on stdout.
 * A tick skipped because the last one still runs is expected while the stores are busy (the
 * demo load, a long evaluation), so it is logged at info.
 */
export function cronLogger(log: Logger, task: string): CronLogger {
  return {
    info: (msg) => log.debug({ task }, msg),
    debug: (msg, err) => log.debug({ task, err }, String(msg)),
    warn: (msg) => log.info({ task }, `cron: ${msg}`),
    error: (msg, err) => log.error({ task, err: err ?? msg }, `cron: ${String(msg)}`),
  };
}
