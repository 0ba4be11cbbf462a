import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isAbortError } from '../../../lib/api';
import { fetchQueue, type QueueFilter, type QueueItem } from '../api/moderationApi';

interface QueueState {
  items: QueueItem[];
  nextCursor: string | null;
  loaded: boolean;
  isLoadingMore: boolean;
  error: ApiError | undefined;
}

const INITIAL: QueueState = { items: [], nextCursor: null, loaded: false, isLoadingMore: false, error: undefined };

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError(0, 'client_error', String(error)));

/**
 * GET /api/moderation/queue page by page: the first page when `filter` changes (pass a value
 * whose identity changes only when the filters do) or on reload(), then loadMore() appends.
 */
export function useModerationQueue(filter: QueueFilter) {
  const [state, setState] = useState<QueueState>(INITIAL);
  const [generation, setGeneration] = useState(0);
  const inFlight = useRef<AbortController | undefined>(undefined);

  useEffect(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setState((previous) => ({ ...previous, error: undefined }));
    fetchQueue(filter, undefined, controller.signal).then(
      (page) => {
        if (!controller.signal.aborted) setState({ ...INITIAL, items: page.items, nextCursor: page.nextCursor, loaded: true });
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbortError(error)) setState((previous) => ({ ...previous, error: asApiError(error) }));
      },
    );
    return () => controller.abort();
  }, [filter, generation]);

  const loadMore = useCallback(() => {
    const cursor = state.nextCursor;
    if (!cursor || state.isLoadingMore) return;
    const controller = new AbortController();
    inFlight.current = controller;
    setState((previous) => ({ ...previous, isLoadingMore: true, error: undefined }));
    fetchQueue(filter, cursor, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({ ...previous, items: [...previous.items, ...page.items], nextCursor: page.nextCursor, isLoadingMore: false }));
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbortError(error)) setState((previous) => ({ ...previous, isLoadingMore: false, error: asApiError(error) }));
      },
    );
  }, [filter, state.nextCursor, state.isLoadingMore]);

  useEffect(() => () => inFlight.current?.abort(), []);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, loadMore, reload };
}
