import type { RouteDescription } from '@hub/service-kit';
import { z } from 'zod';

const AssignableUsers = z
  .object({
    agency: z.string(),
    users: z.array(z.object({ userId: z.uuid(), displayName: z.string() })).describe('the agency’s active liaisons, by name'),
  })
  .meta({ id: 'AssignableUsers' });

const Workload = z
  .object({
    agency: z.string(),
    asOf: z.string(),
    upToDate: z.boolean().describe('the read model had reached the store’s head when it answered'),
    people: z.array(
      z.object({
        userId: z.string(),
        displayName: z.string(),
        openCases: z.int().describe('open cases this person handles for the agency'),
        overdueDeadlines: z.int().describe('the agency’s unmet deadlines on those cases (open or closed) that are overdue'),
        dueSoonDeadlines: z.int().describe('… that are due today or soon'),
      }),
    ),
  })
  .meta({ id: 'HandlerWorkload' });

/** 承办人 (issue 13.5): the act itself is the catalog's assign-handler; these are its reads. */
export const handlerRouteDocs: RouteDescription[] = [
  {
    method: 'get',
    path: '/api/handlers/assignable',
    summary: '可指定的承办人 (The agency’s users a case can be assigned to)',
    description: 'Active users of this agency with the liaison role, by display name: the chooser of 指定承办人 (POST /api/cases/{caseId}/assign-handler).',
    tags: ['handlers'],
    security: ['session', 'apiKey'],
    responses: { 200: { description: 'The assignable users', schema: AssignableUsers }, 401: { description: 'Not logged in' } },
  },
  {
    method: 'get',
    path: '/api/handlers/workload',
    summary: '承办人工作量 (Open cases and overdue deadlines per person)',
    description:
      'For the agency’s administrators, who oversee its cases: each person handling cases, most overdue first; active liaisons with none are listed too.',
    tags: ['handlers'],
    security: ['session', 'apiKey'],
    responses: {
      200: { description: 'The workload per person', schema: Workload },
      401: { description: 'Not logged in' },
      403: { description: 'Administrators only' },
    },
  },
];
