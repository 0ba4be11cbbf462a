import { useCallback, useEffect, useState } from 'react';
import { ApiError, isAbortError } from './api';

export interface PolledRequest<T> {
  /** The last successful answer; kept while a refresh is in flight or after a refresh failed. */
  data: T | undefined;
  /** The error of the last attempt; cleared by the next success. */
  error: ApiError | undefined;
  /** True until the first answer (success or error), and again after refetch() with no data. */
  isLoading: boolean;
  /** True while any request is in flight. */
  isFetching: boolean;
  /** When `data` was received. */
  updatedAt: Date | undefined;
  /** Cancels the request in flight, asks again now and restarts the interval. */
  refetch: () => void;
}

interface State<T> {
  data: T | undefined;
  error: ApiError | undefined;
  isLoading: boolean;
  isFetching: boolean;
  updatedAt: Date | undefined;
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ApiError(0, 'client_error', message);
}

/**
 * Calls `request` on mount and every `intervalMs`. Each call gets its own AbortController;
 * the previous call is aborted when the next one starts, on refetch() and on unmount, so a
 * slow answer never overwrites a newer one and nothing updates an unmounted component.
 * `request` must be stable (a module-level function), or every render restarts the polling.
 * An `intervalMs` of 0 asks once (and again on refetch()), without polling.
 */
export function usePolledRequest<T>(request: (signal: AbortSignal) => Promise<T>, intervalMs: number): PolledRequest<T> {
  const [state, setState] = useState<State<T>>({
    data: undefined,
    error: undefined,
    isLoading: true,
    isFetching: true,
    updatedAt: undefined,
  });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let inFlight: AbortController | undefined;

    const run = () => {
      inFlight?.abort();
      const controller = new AbortController();
      inFlight = controller;
      setState((previous) => (previous.isFetching ? previous : { ...previous, isFetching: true }));
      request(controller.signal).then(
        (data) => {
          if (controller.signal.aborted) return;
          setState({ data, error: undefined, isLoading: false, isFetching: false, updatedAt: new Date() });
        },
        (error: unknown) => {
          if (controller.signal.aborted || isAbortError(error)) return;
          setState((previous) => ({ ...previous, error: asApiError(error), isLoading: false, isFetching: false }));
        },
      );
    };

    run();
    const timer = intervalMs > 0 ? window.setInterval(run, intervalMs) : undefined;
    return () => {
      if (timer !== undefined) window.clearInterval(timer);
      inFlight?.abort();
    };
  }, [request, intervalMs, generation]);

  const refetch = useCallback(() => {
    setState((previous) => ({ ...previous, isLoading: previous.data === undefined, error: undefined }));
    setGeneration((value) => value + 1);
  }, []);

  return { ...state, refetch };
}
