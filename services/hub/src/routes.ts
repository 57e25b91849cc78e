import type { HubRoutes } from './context.js';
import { adminRoutes } from './admin/routes.js';
import { timelineRoutes } from './http/timeline.js';

/** Every part of the hub's HTTP API, in the order they are mounted and documented. */
export const hubRouteModules: readonly HubRoutes[] = [
  timelineRoutes,
  adminRoutes,
];
