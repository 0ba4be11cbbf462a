import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { PageHeader } from './PageHeader';

/** Shown when a page throws while rendering, instead of a blank screen. */
export function RouteErrorPage() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : 'Unknown error';
  return (
    <>
      <PageHeader title="Something went wrong" />
      <div className="error-state" role="alert">
        <div className="error-state__text">
          <p className="error-state__title">This page failed to render</p>
          <p className="error-state__message">{message}</p>
        </div>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    </>
  );
}
