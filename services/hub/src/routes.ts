import type { HubRoutes } from './context.js';
import { adminRoutes } from './admin/routes.js';
import { timelineRoutes } from './http/timeline.js';
import { auditRoutes } from './http/audit.js';
import { lateActsRoutes } from './http/late-acts.js';
import { deadlinesRoutes } from './http/deadlines.js';
import { rectificationsRoutes } from './http/rectifications.js';
import { casesRoutes } from './http/cases.js';
import { regionsRoutes } from './http/regions.js';
import { meetingRoutes } from './http/meetings.js';
import { reportRoutes } from './http/reports.js';

/** Every part of the hub's HTTP API, in the order they are mounted and documented. */
export const hubRouteModules: readonly HubRoutes[] = [
  timelineRoutes,
  auditRoutes,
  lateActsRoutes,
  deadlinesRoutes,
  rectificationsRoutes,
  casesRoutes,
  regionsRoutes,
  meetingRoutes,
  reportRoutes,
  adminRoutes,
];
