import type { DeadlinePolicy } from '@hub/case-domain';
import type { AgencyId } from '@hub/contracts';
import type { EventStore } from '@hub/event-store';
import type { ProjectionRunner } from '@hub/projections';
import { requireRole } from '@hub/service-kit';
import { Router, type RequestHandler } from 'express';
import { caughtUp } from '../inbox.js';
import { CASE_DEADLINES } from '../read-models/case-deadlines/index.js';
import { workloadOf } from '../read-models/case-deadlines/handlers.js';
import type { AssignableUsers, WorkloadAnswer } from '../wire.js';
import { assignableUsers, type StaffDirectory } from './staff.js';

export interface HandlerRoutesOptions {
  readonly agency: AgencyId;
  readonly store: EventStore;
  readonly projections: ProjectionRunner;
  readonly staff: StaffDirectory;
  readonly clock: () => Date;
  readonly policy: DeadlinePolicy;
  readonly authenticate: RequestHandler;
  /** How long the workload waits for its read model to reach the store's head. */
  readonly freshnessTimeoutMs?: number;
}

/**
 * 承办人 (issue 13.5) beside the act itself (POST /api/cases/:caseId/assign-handler): who may be
 * chosen, and each person's load for the agency's administrators, who oversee its cases.
 */
export function handlerRoutes(options: HandlerRoutesOptions): Router {
  const { agency, projections } = options;
  const router = Router();

  // The chooser: the agency's active liaisons by name. Its own people only: 404 for another agency's session never arises (sessions are local).
  router.get('/api/handlers/assignable', options.authenticate, async (_req, res) => {
    res.json({ agency, users: await assignableUsers(options.staff, agency) } satisfies AssignableUsers);
  });

  router.get('/api/handlers/workload', options.authenticate, requireRole('admin'), async (_req, res) => {
    const upToDate = await caughtUp(options.store, projections, options.freshnessTimeoutMs);
    const now = options.clock();
    const loads = workloadOf(projections.readModel(CASE_DEADLINES).db, agency, now, options.policy.dueSoonDays);
    // Everyone who may handle cases is listed, also with nothing on their desk.
    const listed = new Set(loads.map((l) => l.userId));
    const idle = (await assignableUsers(options.staff, agency))
      .filter((u) => !listed.has(u.userId))
      .map((u) => ({ ...u, openCases: 0, overdueDeadlines: 0, dueSoonDeadlines: 0 }));
    res.json({ agency, asOf: now.toISOString(), upToDate, people: [...loads, ...idle] } satisfies WorkloadAnswer);
  });
  return router;
}
