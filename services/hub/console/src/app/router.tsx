import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireSession } from './Layout.tsx';

/**
 * Each page is its own chunk: the first paint loads the shell and the page asked for, nothing more.
 * The router loads a page's chunk before it renders the page (route `lazy`), rather than React
 * suspending on it: React holds back the content of a Suspense boundary that showed its fallback
 * for up to 300 ms (it throttles reveals), and on the first load that was most of the time before
 * a list asked the hub for its rows (measured with `pnpm bench:console`, README).
 */
const page = (load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> => ({
  lazy: async () => ({ Component: (await load()).default }),
});

export const router = createBrowserRouter([
  { path: '/signin', ...page(() => import('../pages/signin/SignInPage.tsx')), HydrateFallback: () => null },
  {
    element: <RequireSession />,
    // While the first page's chunk loads: nothing (the chunk is cached, a few milliseconds).
    HydrateFallback: () => null,
    children: [
      { index: true, ...page(() => import('../pages/inbox/InboxPage.tsx')) },
      { path: 'cases', ...page(() => import('../pages/inbox/CasesPage.tsx')) },
      { path: 'cases/:caseId', ...page(() => import('../pages/case/CasePage.tsx')) },
      { path: 'cases/:caseId/audit', ...page(() => import('../pages/audit/AuditPage.tsx')) },
      { path: 'meetings', ...page(() => import('../pages/meetings/MeetingsPage.tsx')) },
      { path: 'meetings/:meetingId', ...page(() => import('../pages/meetings/MeetingPage.tsx')) },
      { path: 'reports', ...page(() => import('../pages/reports/ReportsPage.tsx')) },
      { path: 'sessions', ...page(() => import('../pages/sessions/SessionsPage.tsx')) },
      { path: 'security-log', ...page(() => import('../pages/security/SecurityLogPage.tsx')) },
      { path: '*', ...page(() => import('../pages/NotFoundPage.tsx')) },
    ],
  },
]);
