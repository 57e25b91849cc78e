import { requireAgency, requireRole, type AgencyId, type RouteDescription } from '@hub/service-kit';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { SignatureRepairWorker } from './worker.js';

export const RepairSignaturesRequest = z
  .strictObject({
    from: z
      .enum(['start', 'checkpoint'])
      .default('start')
      .describe('start: the whole store (default; lists every refused event again); checkpoint: only what came since the last scan'),
  })
  .meta({ id: 'RepairSignaturesRequest' });

const run = z.object({ stream: z.string(), fromRevision: z.string(), toRevision: z.string(), events: z.number(), signaturePosition: z.string() });
const at = { stream: z.string(), revision: z.string(), position: z.string() };
export const RepairReportView = z
  .object({
    agency: z.string(),
    trigger: z.enum(['start-up', 'admin']),
    scannedFrom: z.string().nullable(),
    scannedTo: z.string().nullable().describe('the store head when the scan began'),
    events: z.number().describe('events read'),
    unsigned: z.number().describe('events of this agency that no signature covered'),
    repaired: z.array(run).describe('signed now, each run as one EventsSigned record carrying `repair`'),
    refused: z
      .array(z.object({ ...at, reason: z.enum(['chain-broken', 'signed-other-hash']), detail: z.string(), detailEn: z.string() }))
      .describe('unsigned and NOT signed: the chain does not verify up to the event, or another hash was signed for it'),
    deferred: z.array(z.object({ ...at, recordedAt: z.string() })).describe('younger than the grace period: their signature may still be in flight'),
    resumeFrom: z.string().describe('where the next start-up scan begins'),
    resumeExclusive: z.boolean().describe('true: the next scan starts strictly after resumeFrom; false: at it'),
  })
  .meta({ id: 'RepairReport' });

/**
 * POST /api/admin/repair-signatures: an admin of this agency runs the repair now and gets what it
 * found and did. Same worker as the start-up run, so the two never overlap.
 */
export function repairRoutes(options: { agency: AgencyId; worker: SignatureRepairWorker; authenticate: RequestHandler }): Router {
  const router = Router();
  router.post('/api/admin/repair-signatures', options.authenticate, requireAgency(options.agency), requireRole('admin'), async (req, res) => {
    const body = RepairSignaturesRequest.parse(req.body ?? {});
    const report = await options.worker.run('admin', body.from);
    req.log?.info({ userId: req.actor!.userId, repaired: report.repaired.length, refused: report.refused.length }, 'signature repair run by an admin');
    res.json(report);
  });
  return router;
}

export const repairRouteDocs: RouteDescription[] = [
  {
    method: 'post',
    path: '/api/admin/repair-signatures',
    summary: '补签崩溃后未签名的事件 (Sign events a crash left unsigned)',
    tags: ['admin'],
    security: ['session'],
    request: RepairSignaturesRequest,
    description:
      'Finds this agency’s events that no EventsSigned record covers and signs those whose stream’s hash chain verifies up to ' +
      'and including them, recording each signature as a repair (`repair: {reason, at, trigger}`); events that fail the check are listed in ' +
      '`refused` and never signed. Events younger than the grace period (REPAIR_GRACE_MS) are deferred. Running it again writes nothing.',
    responses: {
      200: { description: 'What the scan found and did', schema: RepairReportView },
      400: { description: 'Invalid body' },
      401: { description: 'Not logged in' },
      403: { description: 'Not an admin of this agency' },
    },
  },
];
