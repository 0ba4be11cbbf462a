/**
 * The one way the client talks to the server: JSON over same-origin fetch.
 * Errors follow the server's shape `{ error: { code, message, details? } }` (docs/architecture.md#http)
 * and surface as ApiError, so components show the server's own message.
 */

export interface ApiErrorBody {
  error: { code: string; message: string; details?: unknown };
}

/** status 0 means the request never got an HTTP answer (network failure, server down). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** From a Retry-After header in seconds (429 answers), when the server sent one. */
  readonly retryAfterSeconds: number | undefined;

  constructor(status: number, code: string, message: string, details?: unknown, retryAfterSeconds?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /**
   * A 401 from this request is the caller's own answer (wrong password at login, no session
   * at start-up), not "the session ended": the unauthorized handler is not called.
   */
  ignoreUnauthorized?: boolean;
}

/*
 * Session state the auth context hands to this module. Kept in memory only: the CSRF token is
 * never written to storage, and a reload gets a fresh one from GET /api/auth/me.
 */
let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

/** The auth context sets the token after login or /me and clears it on sign-out. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when any API call answers 401: the session ended, so the app returns to /login. */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

/** The raw answer: the HTTP status and the parsed JSON body (undefined when the body is empty). */
export interface ApiResponse {
  status: number;
  ok: boolean;
  body: unknown;
  retryAfterSeconds?: number;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}

export function isApiErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code?: unknown }).code === 'string' &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * Every failure the client shows is an ApiError: a thrown ApiError as it is, anything else (a bug,
 * a shape check that threw) as status 0 with its message. The one place this conversion lives.
 */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'client_error', error instanceof Error ? error.message : String(error));
}

/**
 * Sends the request and parses the JSON body whatever the status, for callers that treat some
 * non-2xx answers as data (e.g. /api/health answers 503 with a full report).
 * Throws ApiError only when no usable answer came back; rethrows AbortError untouched.
 */
export async function apiFetch(path: string, options: ApiRequestOptions = {}): Promise<ApiResponse> {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  // docs/architecture.md#http: every state-changing request carries the session's CSRF token.
  if (method !== 'GET' && csrfToken !== undefined) headers['X-CSRF-Token'] = csrfToken;
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers,
    signal: options.signal,
  };
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, 'network_error', `Could not reach the server (${path}).`);
  }

  if (response.status === 401 && !options.ignoreUnauthorized) onUnauthorized?.();

  const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
  const text = await response.text();
  if (text === '') return { status: response.status, ok: response.ok, body: undefined, retryAfterSeconds };
  try {
    return { status: response.status, ok: response.ok, body: JSON.parse(text) as unknown, retryAfterSeconds };
  } catch {
    throw new ApiError(
      response.status,
      'invalid_response',
      `The server answered ${response.status} ${response.statusText} with a body that is not JSON (${path}).`,
    );
  }
}

/** Turns a non-usable answer into an ApiError, keeping the server's code and message when present. */
export function toApiError(response: ApiResponse, path: string): ApiError {
  if (isApiErrorBody(response.body)) {
    const { code, message, details } = response.body.error;
    return new ApiError(response.status, code, message, details, response.retryAfterSeconds);
  }
  return new ApiError(response.status, 'unexpected_response', `Unexpected answer ${response.status} from ${path}.`, undefined, response.retryAfterSeconds);
}

/**
 * A GET whose body the caller reads as a stream (a file download with its progress): the same
 * failures as apiFetch (network_error, the server's own error body, a 401 ends the session), as
 * ApiError; resolves with the 2xx response, its body unread. Rethrows AbortError untouched.
 */
export async function apiStream(path: string, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', signal });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, 'network_error', `Could not reach the server (${path}).`);
  }
  if (response.status === 401) onUnauthorized?.();
  if (response.ok && response.body) return response;
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    body = undefined;
  }
  throw toApiError({ status: response.status, ok: false, body, retryAfterSeconds: parseRetryAfter(response.headers.get('Retry-After')) }, path);
}

/** JSON request that resolves with the body of a 2xx answer and throws ApiError otherwise. */
export async function apiRequest<T>(path: string, options: ApiRequestOptions = {}): Promise<T> {
  const response = await apiFetch(path, options);
  if (!response.ok) throw toApiError(response, path);
  return response.body as T;
}

export function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return apiRequest<T>(path, { signal });
}

/**
 * Field messages from a 400's details, keyed by the first path element. Accepts zod's issue list
 * (`[{ path, message }]`, what the server sends per docs/architecture.md#http) and zod's flattened shape
 * (`{ fieldErrors: { email: [...] } }`).
 */
export function fieldErrorsOf(error: ApiError | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  if (!error || error.details === undefined || error.details === null) return result;
  const details = error.details as unknown;
  const issues = Array.isArray(details)
    ? details
    : typeof details === 'object' && Array.isArray((details as { issues?: unknown }).issues)
      ? (details as { issues: unknown[] }).issues
      : undefined;
  if (issues) {
    for (const issue of issues) {
      if (typeof issue !== 'object' || issue === null) continue;
      const { path, message } = issue as { path?: unknown; message?: unknown };
      const key = Array.isArray(path) && path.length > 0 ? String(path[0]) : undefined;
      if (key && typeof message === 'string' && !(key in result)) result[key] = message;
    }
    return result;
  }
  const fieldErrors = (details as { fieldErrors?: unknown }).fieldErrors;
  if (typeof fieldErrors === 'object' && fieldErrors !== null) {
    for (const [key, messages] of Object.entries(fieldErrors as Record<string, unknown>)) {
      if (Array.isArray(messages) && typeof messages[0] === 'string') result[key] = messages[0];
    }
  }
  return result;
}
