import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isAbortError } from '../../../lib/api';
import { fetchAuditLog, type AuditEntry, type AuditLogQuery } from '../api/auditLogApi';

export interface AuditLogState {
  items: AuditEntry[];
  nextCursor: string | null;
  /** The first page has not answered yet. */
  isLoading: boolean;
  isLoadingMore: boolean;
  /** Error of the last request: the first page when `loaded` is false, else "Load more". */
  error: ApiError | undefined;
  loaded: boolean;
}

const INITIAL: AuditLogState = {
  items: [],
  nextCursor: null,
  isLoading: true,
  isLoadingMore: false,
  error: undefined,
  loaded: false,
};

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'client_error', String(error));
}

/**
 * GET /api/admin/audit-log, page by page: the first page whenever `query` changes (pass a
 * value that changes identity only when the filters are applied), then loadMore() appends the
 * page after `nextCursor`.
 */
export function useAuditLog(query: AuditLogQuery) {
  const [state, setState] = useState<AuditLogState>(INITIAL);
  const [generation, setGeneration] = useState(0);
  const inFlight = useRef<AbortController | undefined>(undefined);

  useEffect(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setState(INITIAL);
    fetchAuditLog(query, undefined, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState({ ...INITIAL, items: page.items, nextCursor: page.nextCursor, isLoading: false, loaded: true });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        setState({ ...INITIAL, isLoading: false, error: asApiError(error) });
      },
    );
    return () => controller.abort();
  }, [query, generation]);

  const loadMore = useCallback(() => {
    const cursor = state.nextCursor;
    if (!cursor || state.isLoadingMore) return;
    const controller = new AbortController();
    inFlight.current = controller;
    setState((previous) => ({ ...previous, isLoadingMore: true, error: undefined }));
    fetchAuditLog(query, cursor, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({
          ...previous,
          items: [...previous.items, ...page.items],
          nextCursor: page.nextCursor,
          isLoadingMore: false,
        }));
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        setState((previous) => ({ ...previous, isLoadingMore: false, error: asApiError(error) }));
      },
    );
  }, [query, state.nextCursor, state.isLoadingMore]);

  useEffect(() => () => inFlight.current?.abort(), []);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, loadMore, reload };
}
