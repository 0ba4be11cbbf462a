import type { NavItem } from '../navigation';
import { PageHeader } from './PageHeader';

/** Stands in for a page whose feature is not built yet. Shows no data, real or invented. */
export function PlaceholderPage({ item }: { item: NavItem }) {
  return (
    <>
      <PageHeader title={item.label} />
      <div className="placeholder" data-testid="page-placeholder">
        <p className="placeholder__title">This page is not built yet</p>
        <p className="placeholder__text">{item.summary}</p>
      </div>
    </>
  );
}
