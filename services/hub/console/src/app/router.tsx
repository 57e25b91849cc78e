import { lazy } from 'react';
import { createBrowserRouter } from 'react-router';
import { RequireSession } from './Layout.tsx';

// Each page is its own chunk: the first paint loads the shell and the page asked for, nothing more.
const SignInPage = lazy(() => import('../pages/signin/SignInPage.tsx'));
const InboxPage = lazy(() => import('../pages/inbox/InboxPage.tsx'));
const CasesPage = lazy(() => import('../pages/inbox/CasesPage.tsx'));
const CasePage = lazy(() => import('../pages/case/CasePage.tsx'));
const AuditPage = lazy(() => import('../pages/audit/AuditPage.tsx'));
const MeetingsPage = lazy(() => import('../pages/meetings/MeetingsPage.tsx'));
const MeetingPage = lazy(() => import('../pages/meetings/MeetingPage.tsx'));
const ReportsPage = lazy(() => import('../pages/reports/ReportsPage.tsx'));
const SessionsPage = lazy(() => import('../pages/sessions/SessionsPage.tsx'));
const SecurityLogPage = lazy(() => import('../pages/security/SecurityLogPage.tsx'));
const NotFoundPage = lazy(() => import('../pages/NotFoundPage.tsx'));

export const router = createBrowserRouter([
  { path: '/signin', element: <SignInPage /> },
  {
    element: <RequireSession />,
    children: [
      { index: true, element: <InboxPage /> },
      { path: 'cases', element: <CasesPage /> },
      { path: 'cases/:caseId', element: <CasePage /> },
      { path: 'cases/:caseId/audit', element: <AuditPage /> },
      { path: 'meetings', element: <MeetingsPage /> },
      { path: 'meetings/:meetingId', element: <MeetingPage /> },
      { path: 'reports', element: <ReportsPage /> },
      { path: 'sessions', element: <SessionsPage /> },
      { path: 'security-log', element: <SecurityLogPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
