import { useCallback, useEffect, useState } from 'react';
import { ApiError, isAbortError } from '../../../lib/api';
import { fetchMe, type Session } from '../api/authApi';

export type MeResult = { status: 'loading' } | { status: 'ok'; session: Session } | { status: 'anonymous' } | { status: 'error'; error: ApiError };

/** GET /api/auth/me once on mount (and on reload()): a session, "anonymous" on 401, or the error. */
export function useMe(): { result: MeResult; reload: () => void } {
  const [result, setResult] = useState<MeResult>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setResult({ status: 'loading' });
    fetchMe(controller.signal).then(
      (session) => {
        if (!controller.signal.aborted) setResult({ status: 'ok', session });
      },
      (error: unknown) => {
        if (controller.signal.aborted || isAbortError(error)) return;
        if (error instanceof ApiError && error.status === 401) setResult({ status: 'anonymous' });
        else
          setResult({
            status: 'error',
            error: error instanceof ApiError ? error : new ApiError(0, 'client_error', String(error)),
          });
      },
    );
    return () => controller.abort();
  }, [generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { result, reload };
}
