import { ErrorState } from '../../../components/ErrorState';
import type { ApiError } from '../../../lib/api';

/** Covers the whole window while GET /api/auth/me has not answered, so nothing flashes. */
export function SessionLoading() {
  return (
    <div className="full-page" role="status" aria-busy="true" data-testid="session-loading">
      <span className="brand-mark brand-mark--large" aria-hidden="true" />
      <p className="muted">Checking your session…</p>
    </div>
  );
}

/** GET /api/auth/me failed without saying whether there is a session (server down, 5xx). */
export function SessionError({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  return (
    <div className="full-page">
      <div className="full-page__panel">
        <ErrorState title="Could not check your session" error={error} onRetry={onRetry} />
      </div>
    </div>
  );
}
