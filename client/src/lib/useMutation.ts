import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from './api';

export interface Mutation<TInput, TResult> {
  /** Sends the request; resolves with the result, or with undefined when it failed (see `error`). */
  run: (input: TInput) => Promise<TResult | undefined>;
  isPending: boolean;
  error: ApiError | undefined;
  reset: () => void;
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(0, 'client_error', message);
}

/** State around one state-changing request: pending while in flight, the ApiError when it failed. */
export function useMutation<TInput, TResult>(request: (input: TInput) => Promise<TResult>): Mutation<TInput, TResult> {
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const run = useCallback(
    async (input: TInput) => {
      setPending(true);
      setError(undefined);
      try {
        const result = await request(input);
        if (mounted.current) setPending(false);
        return result;
      } catch (caught) {
        if (mounted.current) {
          setPending(false);
          setError(asApiError(caught));
        }
        return undefined;
      }
    },
    [request],
  );

  const reset = useCallback(() => setError(undefined), []);
  return { run, isPending, error, reset };
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
