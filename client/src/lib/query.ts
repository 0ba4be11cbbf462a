/**
 * The client's data layer: TanStack Query with the console's defaults, and three small hooks
 * every feature uses — useApiQuery (one GET, optionally polled), useCursorQuery (a cursor-paged
 * list) and useApiMutation (a state-changing request that invalidates what it changed).
 * Query keys live in queryKeys.ts; the design is in docs/client.md.
 */
import { keepPreviousData, QueryClient, useInfiniteQuery, useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { type ApiError, asApiError, isAbortError } from './api';

declare module '@tanstack/react-query' {
  interface Register {
    defaultError: ApiError;
  }
}

/** Worth asking again: no answer at all (network) or a server failure. A 4xx would answer the same. */
export function isRetriable(error: ApiError): boolean {
  return error.code === 'network_error' || error.status >= 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Queries are GETs (idempotent): two more tries for a network failure or a 5xx, none for a 4xx.
        retry: (failures, error) => failures < 2 && isRetriable(error),
        retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4_000),
        // The pages poll where they auto-refresh; a focus or reconnect asks nothing extra.
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      // A POST may have been applied even when its answer was lost: never sent twice on its own.
      mutations: { retry: false },
    },
  });
}

/** What a page reads of one GET. `error` is the last attempt's, cleared while a retry asked by the user runs. */
export interface ApiQuery<T> {
  /** The last successful answer; kept while a refresh is in flight, after a refresh failed and (with keepPrevious) while a new key loads. */
  data: T | undefined;
  error: ApiError | undefined;
  /** No answer to show yet and no error: the loading skeleton. */
  isLoading: boolean;
  /** A request is in flight (first load, poll, retry). */
  isFetching: boolean;
  /** `data` is the previous key's answer (keepPrevious), shown while the new key loads. */
  isPrevious: boolean;
  /** When `data` was received. */
  updatedAt: Date | undefined;
  /** Asks again now (the Retry and Refresh buttons); the error is hidden while it runs. */
  refetch: () => void;
}

export interface ApiQueryOptions<T> {
  key: QueryKey;
  fetch: (signal: AbortSignal) => Promise<T>;
  /** Polling period in ms; 0 or undefined: no polling. */
  refetchMs?: number;
  /** Keep showing the previous key's answer while the new key loads (a new window, a new filter). */
  keepPrevious?: boolean;
  enabled?: boolean;
  /** false: a failure shows at once (the search box, where the next key stroke asks again anyway). */
  retry?: false;
}

/** Any thrown value becomes an ApiError; an abort stays an abort (TanStack ignores it). */
function asQueryError(error: unknown): unknown {
  return isAbortError(error) ? error : asApiError(error);
}

/** The Retry button's state: the error is hidden (the skeleton shows) until the new attempt settles. */
function useUserRetry(run: () => Promise<unknown>) {
  const [retrying, setRetrying] = useState(false);
  const runRef = useRef(run);
  runRef.current = run;
  const retry = useCallback(() => {
    setRetrying(true);
    void runRef.current().finally(() => setRetrying(false));
  }, []);
  return { retrying, retry };
}

export function useApiQuery<T>({ key, fetch, refetchMs, keepPrevious, enabled, retry: retries }: ApiQueryOptions<T>): ApiQuery<T> {
  const result = useQuery<T, ApiError, T, QueryKey>({
    queryKey: key,
    queryFn: ({ signal }) => fetch(signal).catch((error: unknown) => Promise.reject(asQueryError(error))),
    refetchInterval: refetchMs && refetchMs > 0 ? refetchMs : false,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
    enabled,
    ...(retries === false ? { retry: false } : {}),
  });
  const { retrying, retry } = useUserRetry(() => result.refetch());
  const error = retrying ? undefined : (result.error ?? undefined);
  return {
    data: result.data,
    error,
    isLoading: result.data === undefined && error === undefined,
    isFetching: result.isFetching,
    isPrevious: result.isPlaceholderData,
    updatedAt: result.dataUpdatedAt > 0 ? new Date(result.dataUpdatedAt) : undefined,
    refetch: retry,
  };
}

export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** What a page reads of a cursor-paged list: every page loaded so far, in order. */
export interface CursorList<T> {
  items: T[];
  nextCursor: string | null;
  /** The first page has answered (for this key, or the previous one with keepPrevious). */
  loaded: boolean;
  isLoading: boolean;
  isLoadingMore: boolean;
  /** The first page's error while nothing is loaded, else the last "Load more"'s or refresh's. */
  error: ApiError | undefined;
  loadMore: () => void;
  /** Asks every loaded page again (the Retry and Refresh buttons). */
  reload: () => void;
}

export function useCursorQuery<T>({
  key,
  fetchPage,
  keepPrevious,
}: {
  key: QueryKey;
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<CursorPage<T>>;
  keepPrevious?: boolean;
}): CursorList<T> {
  const result = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam, signal }) => fetchPage(pageParam, signal).catch((error: unknown) => Promise.reject(asQueryError(error))),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPrevious ? keepPreviousData : undefined,
  });
  const { retrying, retry } = useUserRetry(() => result.refetch());
  const pages = result.data?.pages;
  const error = retrying ? undefined : (result.error ?? undefined);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = result;
  const loadMore = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  return {
    items: pages ? pages.flatMap((page) => page.items) : [],
    nextCursor: pages?.[pages.length - 1]?.nextCursor ?? null,
    loaded: pages !== undefined,
    isLoading: pages === undefined && error === undefined,
    isLoadingMore: isFetchingNextPage,
    error,
    loadMore,
    reload: retry,
  };
}

/** State around one state-changing request, as the forms read it. */
export interface ApiMutation<TInput, TResult> {
  /** Sends the request; resolves with the result, or with undefined when it failed (see `error`). */
  run: (input: TInput) => Promise<TResult | undefined>;
  isPending: boolean;
  error: ApiError | undefined;
  reset: () => void;
}

/**
 * A state-changing request. On success every query under each key of `invalidates` is marked
 * stale and asked again, on screen or not (a prefix key covers all its queries).
 */
export function useApiMutation<TInput, TResult>(
  request: (input: TInput) => Promise<TResult>,
  options: { invalidates?: readonly QueryKey[] | ((input: TInput, result: TResult) => readonly QueryKey[]) } = {},
): ApiMutation<TInput, TResult> {
  const queryClient = useQueryClient();
  const { invalidates } = options;
  const mutation = useMutation<TResult, ApiError, TInput>({
    mutationFn: (input) => request(input).catch((error: unknown) => Promise.reject(asApiError(error))),
    onSuccess: (result, input) => {
      const keys = typeof invalidates === 'function' ? invalidates(input, result) : (invalidates ?? []);
      // refetchType 'all': queries not on screen now (the queue while a case is open) are refetched
      // at once too, so going back shows the fresh answer, not what the change made stale.
      for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey, refetchType: 'all' });
    },
  });
  const { mutateAsync, reset } = mutation;
  const run = useCallback((input: TInput) => mutateAsync(input).catch(() => undefined), [mutateAsync]);
  return { run, isPending: mutation.isPending, error: mutation.error ?? undefined, reset };
}
