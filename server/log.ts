import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Env } from './env.js';

// Secrets never reach the log: these paths are censored wherever they appear in a log object.
const REDACT = ['password', '*.password', 'key', '*.key', 'token', '*.token', 'authorization', '*.authorization', 'cookie', '*.cookie', 'databaseUrl', '*.databaseUrl'];

export function createLogger(config: Pick<Env, 'LOG_LEVEL' | 'LOG_FORMAT'>): Logger {
  const format = config.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json');
  const opts = { level: config.LOG_LEVEL, redact: { paths: REDACT, censor: '[redacted]' }, base: undefined };
  if (format === 'pretty') return pino(opts, pretty({ sync: true, colorize: process.stdout.isTTY, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' }));
  return pino(opts);
}
