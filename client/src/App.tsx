import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, RouterProvider, type RouteObject } from 'react-router-dom';
import { AppShell } from './components/AppShell';
import { NotFoundPage } from './components/NotFoundPage';
import { PageLoading } from './components/PageLoading';
import { RouteErrorPage } from './components/RouteErrorPage';
import { AuthRoot } from './features/auth/components/AuthProvider';
import { LoginPage } from './features/auth/components/LoginPage';
import { RequireAuth } from './features/auth/components/RequireAuth';
import { RoleGate } from './features/auth/components/RoleGate';
import { useAccount } from './features/auth/hooks/useAuth';
import { createQueryClient } from './lib/query';
import { defaultPathForRole } from './navigation';
import { PAGE_ROUTES } from './routes';

/**
 * One route per entry of the route table (routes.ts): the role check first (a role that may not
 * open the page downloads nothing of it), then the page's own chunk, with a skeleton while it loads.
 */
const pageRoutes: RouteObject[] = PAGE_ROUTES.map((route) => {
  const Page = lazy(route.load);
  return {
    path: route.path,
    element: (
      <RoleGate roles={route.roles} title={route.title}>
        <Suspense fallback={<PageLoading title={route.title} />}>
          <Page />
        </Suspense>
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
            children: [{ index: true, element: <StartPage /> }, ...pageRoutes, { path: '*', element: <NotFoundPage /> }],
          },
        ],
      },
    ],
  },
]);

const queryClient = createQueryClient();

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
