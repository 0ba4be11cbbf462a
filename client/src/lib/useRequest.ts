import { usePolledRequest, type PolledRequest } from './usePolledRequest';

/** Asks once on mount and again on refetch(); for data that changes only when someone acts. */
export function useRequest<T>(request: (signal: AbortSignal) => Promise<T>): PolledRequest<T> {
  return usePolledRequest(request, 0);
}
