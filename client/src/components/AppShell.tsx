import { useEffect, useState } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { useAccount } from '../features/auth/hooks/useAuth';
import { UserMenu } from '../features/auth/components/UserMenu';
import { SearchBox } from '../features/search/components/SearchBox';
import { dashboardSearch, findNavLocation, navGroupsForRole } from '../navigation';

/**
 * Left navigation + top bar around every page. Below 760 px the navigation becomes a drawer.
 * The navigation lists only the pages the signed-in role may use.
 */
export function AppShell() {
  const account = useAccount();
  const navGroups = navGroupsForRole(account.role);
  const { pathname, search } = useLocation();
  const location = findNavLocation(pathname);
  // Between dashboards the shared controls (range, timezone, refresh) travel with the link.
  const carried = location?.group.label === 'Dashboards' ? dashboardSearch(search) : '';
  const [navOpen, setNavOpen] = useState(false);

  useEffect(() => {
    setNavOpen(false);
  }, [pathname]);

  useEffect(() => {
    if (!navOpen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setNavOpen(false);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navOpen]);

  const pageTitle = location ? location.item.label : 'Page not found';

  return (
    <div className={navOpen ? 'shell shell--nav-open' : 'shell'}>
      <title>{`${pageTitle} · Pulse Console`}</title>
      <a className="skip-link" href="#main">
        Skip to content
      </a>

      <aside className="sidebar" id="sidebar">
        <div className="sidebar__inner">
          <div className="sidebar__brand">
            <span className="brand-mark" aria-hidden="true" />
            <span className="brand-name">Pulse Console</span>
          </div>
          <nav className="sidebar__nav" aria-label="Main" data-testid="nav">
            {navGroups.map((group) => (
              <div className="nav-group" key={group.label}>
                <h2 className="nav-group__label" id={`nav-${group.label.toLowerCase()}`}>
                  {group.label}
                </h2>
                <ul className="nav-group__list" aria-labelledby={`nav-${group.label.toLowerCase()}`}>
                  {group.items.map((item) => (
                    <li key={item.path}>
                      <NavLink
                        to={{ pathname: item.path, search: group.label === 'Dashboards' ? carried : '' }}
                        className={({ isActive }) => (isActive ? 'nav-link nav-link--active' : 'nav-link')}
                      >
                        {item.label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </nav>
        </div>
      </aside>
      <div className="sidebar-backdrop" aria-hidden="true" onClick={() => setNavOpen(false)} />

      <div className="shell__main">
        <header className="topbar">
          <button
            type="button"
            className="button button--ghost topbar__menu"
            aria-controls="sidebar"
            aria-expanded={navOpen}
            onClick={() => setNavOpen((open) => !open)}
          >
            Menu
          </button>
          <nav className="breadcrumbs" aria-label="Breadcrumb">
            <ol>
              {location && <li className="breadcrumbs__group">{location.group.label}</li>}
              <li aria-current="page" className="breadcrumbs__page">
                {pageTitle}
              </li>
            </ol>
          </nav>
          <SearchBox />
          <UserMenu />
        </header>
        <main className="content" id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
