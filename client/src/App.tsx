import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router-dom';
import { AppShell } from './components/AppShell';
import { NotFoundPage } from './components/NotFoundPage';
import { PlaceholderPage } from './components/PlaceholderPage';
import { RouteErrorPage } from './components/RouteErrorPage';
import { AccountsPage } from './features/accounts/components/AccountsPage';
import { AccountPage } from './features/auth/components/AccountPage';
import { ApiKeysPage } from './features/api-keys/components/ApiKeysPage';
import { AuditLogPage } from './features/audit-log/components/AuditLogPage';
import { CampaignReportPage } from './features/campaigns/components/CampaignReportPage';
import { CampaignsPage } from './features/campaigns/components/CampaignsPage';
import { AuthRoot } from './features/auth/components/AuthProvider';
import { LoginPage } from './features/auth/components/LoginPage';
import { RequireAuth } from './features/auth/components/RequireAuth';
import { RoleGate } from './features/auth/components/RoleGate';
import { useAccount } from './features/auth/hooks/useAuth';
import { CasePage } from './features/moderation/components/CasePage';
import { QueuePage } from './features/moderation/components/QueuePage';
import { UserPage } from './features/moderation/components/UserPage';
import { StatusPage } from './features/status/components/StatusPage';
import { CreatorsPage } from './features/dashboards/components/CreatorsPage';
import { DataQualityPage } from './features/dashboards/components/DataQualityPage';
import { DefinitionsPage } from './features/dashboards/components/DefinitionsPage';
import { EngagementPage } from './features/dashboards/components/EngagementPage';
import { LatencyPage } from './features/dashboards/components/LatencyPage';
import { ModerationKpisPage } from './features/dashboards/components/ModerationKpisPage';
import { OverviewPage } from './features/dashboards/components/OverviewPage';
import { RevenuePage } from './features/dashboards/components/RevenuePage';
import { TrendingPage } from './features/dashboards/components/TrendingPage';
import { VideoPage } from './features/dashboards/components/VideoPage';
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
  '/overview': OverviewPage,
  '/trending': TrendingPage,
  '/engagement': EngagementPage,
  '/creators': CreatorsPage,
  '/revenue': RevenuePage,
  '/latency': LatencyPage,
  '/moderation-kpis': ModerationKpisPage,
  '/data-quality': DataQualityPage,
  '/definitions': DefinitionsPage,
  '/admin/accounts': AccountsPage,
  '/admin/api-keys': ApiKeysPage,
  '/admin/audit-log': AuditLogPage,
  '/moderation': QueuePage,
  '/campaigns': CampaignsPage,
  '/alerts': AlertsPage,
  '/alert-rules': RulesPage,
  '/silences': SilencesPage,
  '/notifications': NotificationsPage,
};

/** Pages below a navigation entry (a detail page), with the roles of that entry. */
const DETAIL_ROUTES: RouteObject[] = [
  {
    path: '/campaigns/:id',
    element: (
      <RoleGate roles={['admin', 'analyst', 'advertiser']} title="Campaign report">
        <CampaignReportPage />
      </RoleGate>
    ),
  },
];

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
              // A video's page opens from the trending table; it is not in the navigation.
              {
                path: '/videos/:id',
                element: (
                  <RoleGate roles={['admin', 'oncall', 'analyst']} title="Video">
                    <VideoPage />
                  </RoleGate>
                ),
              },
              {
                path: '/moderation/cases/:id',
                element: (
                  <RoleGate roles={['admin', 'moderator']} title="Moderation case">
                    <CasePage />
                  </RoleGate>
                ),
              },
              {
                path: '/users/:id',
                element: (
                  <RoleGate roles={['admin', 'moderator']} title="User">
                    <UserPage />
                  </RoleGate>
                ),
              },
              ...DETAIL_ROUTES,
              // Every role's own account page (password change), opened from the user menu.
              { path: '/account', element: <AccountPage /> },
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
