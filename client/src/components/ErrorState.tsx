import { ApiError } from '../lib/api';

interface ErrorStateProps {
  title: string;
  error: ApiError | Error | string;
  onRetry?: () => void;
  compact?: boolean;
}

function describe(error: ApiError | Error | string): { message: string; detail?: string } {
  if (typeof error === 'string') return { message: error };
  if (error instanceof ApiError) {
    const detail = error.status === 0 ? error.code : `HTTP ${error.status} · ${error.code}`;
    return { message: error.message, detail };
  }
  return { message: error.message };
}

export function ErrorState({ title, error, onRetry, compact = false }: ErrorStateProps) {
  const { message, detail } = describe(error);
  return (
    <div className={compact ? 'error-state error-state--compact' : 'error-state'} role="alert">
      <div className="error-state__text">
        <p className="error-state__title">
          <span className="error-state__icon" aria-hidden="true">
            !
          </span>
          {title}
        </p>
        <p className="error-state__message">{message}</p>
        {detail && <p className="error-state__detail">{detail}</p>}
      </div>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}
