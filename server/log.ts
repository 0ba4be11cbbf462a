import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Env } from './env.js';

// Secrets never reach the log: these paths are censored wherever they appear in a log object.
const REDACT = [
  'password',
  '*.password',
  'key',
  '*.key',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'cookie',
  '*.cookie',
  'databaseUrl',
  '*.databaseUrl',
];

// C0/C1 control characters (and the JS line separators) are written as \u escapes: a message or
// value carrying a caller's text (a route, an email, an error) cannot move the cursor, colour the
// terminal or forge a line in the pretty log. JSON lines escape C0 already; C1 they do not.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function escapeValues(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return escapeControl(value);
  if (depth > 2 || value === null || typeof value !== 'object' || value instanceof Error) return value;
  if (Array.isArray(value)) return value.map((v) => escapeValues(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeValues(v, depth + 1)]));
}

export function createLogger(config: Pick<Env, 'LOG_LEVEL' | 'LOG_FORMAT'>, destination?: NodeJS.WritableStream): Logger {
  const format = config.LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json');
  const opts = {
    level: config.LOG_LEVEL,
    redact: { paths: REDACT, censor: '[redacted]' },
    base: undefined,
    formatters: { log: (obj: Record<string, unknown>) => escapeValues(obj, 0) as Record<string, unknown> },
    hooks: {
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? escapeControl(a) : a)),
        );
      },
    },
  };
  if (destination) return pino(opts, destination);
  if (format === 'pretty') return pino(opts, pretty({ sync: true, colorize: process.stdout.isTTY, ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss.l' }));
  return pino(opts);
}
