import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router-dom';
import { AppShell } from './components/AppShell';
import { NotFoundPage } from './components/NotFoundPage';
import { PlaceholderPage } from './components/PlaceholderPage';
import { RouteErrorPage } from './components/RouteErrorPage';
import { AccountsPage } from './features/accounts/components/AccountsPage';
import { ApiKeysPage } from './features/api-keys/components/ApiKeysPage';
import { AuditLogPage } from './features/audit-log/components/AuditLogPage';
import { AuthRoot } from './features/auth/components/AuthProvider';
import { LoginPage } from './features/auth/components/LoginPage';
import { RequireAuth } from './features/auth/components/RequireAuth';
import { RoleGate } from './features/auth/components/RoleGate';
import { useAccount } from './features/auth/hooks/useAuth';
import { StatusPage } from './features/status/components/StatusPage';
import { AlertDetailPage } from './features/alerting/components/AlertDetailPage';
import { AlertsPage } from './features/alerting/components/AlertsPage';
import { NotificationsPage } from './features/alerting/components/NotificationsPage';
import { RulesPage } from './features/alerting/components/RulesPage';
import { SilencesPage } from './features/alerting/components/SilencesPage';
import { defaultPathForRole, NAV_GROUPS } from './navigation';

/**
 * Pages that exist, by path; every other navigation entry renders its placeholder.
 * When a page lands here, flip its `built` flag in navigation.ts too (that drops its "soon" mark).
 */
const BUILT_PAGES: Record<string, ComponentType> = {
  '/status': StatusPage,
  '/admin/accounts': AccountsPage,
  '/admin/api-keys': ApiKeysPage,
  '/admin/audit-log': AuditLogPage,
  '/alerts': AlertsPage,
  '/alert-rules': RulesPage,
  '/silences': SilencesPage,
  '/notifications': NotificationsPage,
};

const pageRoutes: RouteObject[] = NAV_GROUPS.flatMap((group) => group.items).map((item) => {
  const Page = BUILT_PAGES[item.path];
  return {
    path: item.path,
    element: (
      <RoleGate roles={item.roles} title={item.label}>
        {Page ? <Page /> : <PlaceholderPage item={item} />}
      </RoleGate>
    ),
  };
});

/** "/" opens the signed-in role's start page. */
function StartPage() {
  const account = useAccount();
  return <Navigate to={defaultPathForRole(account.role)} replace />;
}

const router = createBrowserRouter([
  {
    element: <AuthRoot />,
    children: [
      { path: '/login', element: <LoginPage />, errorElement: <RouteErrorPage /> },
      {
        element: (
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        ),
        children: [
          {
            errorElement: <RouteErrorPage />,
            children: [
              { index: true, element: <StartPage /> },
              ...pageRoutes,
              {
                path: '/alerts/:id',
                element: (
                  <RoleGate roles={['admin', 'oncall', 'analyst']} title="Alert">
                    <AlertDetailPage />
                  </RoleGate>
                ),
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
