// Small error classes named by meaning, each carrying its HTTP status (docs/architecture.md#conventions); one mapper
// turns them, zod errors and body-parser errors into the error shape of docs/architecture.md#http.
import type { ErrorRequestHandler } from 'express';
import { ZodError } from 'zod';
import type { Logger } from 'pino';

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class BadRequestError extends AppError {
  constructor(message: string, details?: unknown) {
    super(400, 'bad_request', message, details);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in first.') {
    super(401, 'unauthorized', message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'Your role may not do this.') {
    super(403, 'forbidden', message);
  }
}
export class CsrfError extends AppError {
  constructor(message = 'The X-CSRF-Token header is missing or wrong; reload the page.') {
    super(403, 'csrf', message);
  }
}
export class NotFoundError extends AppError {
  constructor(message = 'Not found.') {
    super(404, 'not_found', message);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, details?: unknown) {
    super(409, 'conflict', message, details);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(message: string) {
    super(413, 'payload_too_large', message);
  }
}
export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string) {
    super(415, 'unsupported_media_type', message);
  }
}
export class UnprocessableError extends AppError {
  constructor(message: string, details?: unknown) {
    super(422, 'unprocessable', message, details);
  }
}
export class TooManyRequestsError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(429, 'too_many_requests', message, undefined, { 'Retry-After': String(retryAfterSeconds) });
  }
}
export class ServiceUnavailableError extends AppError {
  constructor(code: string, message: string) {
    super(503, code, message);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** Maps anything thrown on a request to { error: { code, message, details? } }. */
export function errorMapper(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, body, headers } = toHttp(err);
    const reqLog = (req as { log?: Logger }).log ?? log;
    if (status >= 500) reqLog.error({ err }, 'request failed');
    else reqLog.warn({ status, code: body.error.code }, body.error.message);
    if (res.headersSent) {
      // A streamed response failed midway: the status is gone, end the connection.
      res.destroy();
      return;
    }
    for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
    res.status(status).json(body);
  };
}

export function toHttp(err: unknown): { status: number; body: ErrorBody; headers?: Record<string, string> } {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details !== undefined) body.error.details = err.details;
    return { status: err.status, body, headers: err.headers };
  }
  if (err instanceof ZodError) {
    return {
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          message: err.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
          details: err.issues.map((i) => ({ path: i.path, code: i.code, message: i.message })),
        },
      },
    };
  }
  // A query past its time limit (ClickHouse TIMEOUT_EXCEEDED, PostgreSQL statement_timeout):
  // the console is fine, the question too costly now. Never a 500 (docs/hardening.md).
  const db = err as { code?: unknown; type?: unknown };
  if (db && (db.type === 'TIMEOUT_EXCEEDED' || db.code === '159' || db.code === '57014')) {
    return {
      status: 503,
      body: {
        error: {
          code: 'query_timeout',
          message: 'The query took longer than this console allows (QUERY_TIMEOUT_MS) and was stopped: narrow the time window, or try again in a minute.',
        },
      },
      headers: { 'Retry-After': '30' },
    };
  }
  // body-parser errors carry a status and a type.
  const e = err as { status?: number; type?: string; message?: string };
  if (e && typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    const code = e.type === 'entity.too.large' ? 'payload_too_large' : e.type === 'entity.parse.failed' ? 'malformed_json' : 'bad_request';
    const message =
      e.type === 'entity.too.large'
        ? 'The request body is larger than this route accepts.'
        : e.type === 'entity.parse.failed'
          ? 'The request body is not valid JSON.'
          : 'The request could not be read.';
    return { status: e.status, body: { error: { code, message } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on our side. It has been logged.' } } };
}
