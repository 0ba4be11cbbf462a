import { Link, useLocation } from 'react-router-dom';
import { PageHeader } from './PageHeader';

export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <>
      <PageHeader title="Page not found" />
      <div className="placeholder" data-testid="page-not-found">
        <p className="placeholder__title">404 — nothing lives at this address</p>
        <p className="placeholder__text">
          There is no page at <code>{pathname}</code>. Pick a page in the navigation, or go to <Link to="/">your start page</Link>.
        </p>
      </div>
    </>
  );
}
