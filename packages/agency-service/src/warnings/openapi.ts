import { withOccurredAt } from '@hub/contracts';
import type { RouteDescription } from '@hub/service-kit';
import { z } from 'zod';
import { idempotencyHeaders, idempotentResponses } from '../idempotency-openapi.js';
import { raiseWarningBody, resolveWarningBody, warningParams } from './routes.js';

const security = ['session', 'apiKey'] as const;
const Appended = z.object({ warningId: z.uuid(), revision: z.string(), position: z.string() }).meta({ id: 'WarningAppended' });
const refused = {
  400: { description: 'Invalid body (zod issues in `errors`); nothing written' },
  401: { description: 'Not logged in' },
  403: { description: 'Not a liaison, or not the union or the HR bureau (`ruleId: R1`)' },
};

/** The employer-warning (分级预警) routes. */
export const warningRouteDocs: RouteDescription[] = [
  {
    method: 'post',
    path: '/api/warnings',
    operationId: 'RaiseEmployerWarning',
    summary: '发布用人单位预警 (Raise employer warning)',
    tags: ['warnings'],
    description: 'Union or HR bureau liaison. The service assigns the warningId; appends EmployerWarningRaised to `warning-<warningId>`.',
    request: withOccurredAt(raiseWarningBody),
    security,
    headers: idempotencyHeaders,
    responses: idempotentResponses({ 201: { description: 'Raised and signed', schema: Appended }, ...refused }),
  },
  {
    method: 'post',
    path: '/api/warnings/:warningId/resolve',
    params: warningParams,
    operationId: 'ResolveEmployerWarning',
    summary: '解除预警 (Resolve employer warning)',
    tags: ['warnings'],
    request: withOccurredAt(resolveWarningBody),
    security,
    headers: idempotencyHeaders,
    responses: idempotentResponses({
      200: { description: 'Resolved and signed', schema: Appended },
      ...refused,
      404: { description: 'No such warning' },
      409: { description: 'Already resolved (`ruleId: warning.resolved`)' },
    }),
  },
  {
    method: 'get',
    path: '/api/warnings/:warningId',
    params: warningParams,
    summary: '预警 (Employer warning)',
    tags: ['warnings'],
    security,
    responses: { 200: { description: 'The warning, raised or resolved' }, 404: { description: 'No such warning' } },
  },
];
