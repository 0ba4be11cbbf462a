/**
 * The one way the client talks to the server: JSON over same-origin fetch.
 * Errors follow the server's shape `{ error: { code, message, details? } }` (DESIGN.md §13)
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

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export interface ApiRequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The raw answer: the HTTP status and the parsed JSON body (undefined when the body is empty). */
export interface ApiResponse {
  status: number;
  ok: boolean;
  body: unknown;
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
 * Sends the request and parses the JSON body whatever the status, for callers that treat some
 * non-2xx answers as data (e.g. /api/health answers 503 with a full report).
 * Throws ApiError only when no usable answer came back; rethrows AbortError untouched.
 */
export async function apiFetch(path: string, options: ApiRequestOptions = {}): Promise<ApiResponse> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  const init: RequestInit = {
    method: options.method ?? 'GET',
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

  const text = await response.text();
  if (text === '') return { status: response.status, ok: response.ok, body: undefined };
  try {
    return { status: response.status, ok: response.ok, body: JSON.parse(text) as unknown };
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
    return new ApiError(response.status, code, message, details);
  }
  return new ApiError(response.status, 'unexpected_response', `Unexpected answer ${response.status} from ${path}.`);
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
