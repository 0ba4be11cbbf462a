import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router-dom';
import { AppShell } from './components/AppShell';
import { NotFoundPage } from './components/NotFoundPage';
import { PlaceholderPage } from './components/PlaceholderPage';
import { RouteErrorPage } from './components/RouteErrorPage';
import { StatusPage } from './features/status/components/StatusPage';
import { NAV_GROUPS } from './navigation';

/**
 * Pages that exist, by path; every other navigation entry renders its placeholder.
 * When a page lands here, flip its `built` flag in navigation.ts too (that drops its "soon" mark).
 */
const BUILT_PAGES: Record<string, ComponentType> = {
  '/status': StatusPage,
};

const pageRoutes: RouteObject[] = NAV_GROUPS.flatMap((group) => group.items).map((item) => {
  const Page = BUILT_PAGES[item.path];
  return { path: item.path, element: Page ? <Page /> : <PlaceholderPage item={item} /> };
});

const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to="/status" replace /> },
          ...pageRoutes,
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
