import { NotOwnAct } from '@hub/case-domain';
import { agencyNames, employerWarningRaised, employerWarningResolved, takeOccurredAt, uuidSchema } from '@hub/contracts';
import { NotFound, requireRole } from '@hub/service-kit';
import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import { traceOf } from '../cases/routes.js';
import { checkedByCatalog, handleCommand, type CommandEnv } from '../commands/handle.js';
import { createdIdFor, markReplayed } from '../idempotency.js';
import { decideWarning, loadWarning, warningStream } from './warning.js';

export interface WarningRoutesOptions extends CommandEnv {
  readonly authenticate: RequestHandler;
}

export const raiseWarningBody = employerWarningRaised.data.omit({ warningId: true }).meta({ id: 'RaiseEmployerWarning' });
export const resolveWarningBody = employerWarningResolved.data.omit({ warningId: true }).meta({ id: 'ResolveEmployerWarning' });
export const warningParams = z.object({ warningId: z.uuid() });

const noSuchWarning = (warningId: string) => new NotFound('没有这条预警', `No employer warning ${warningId}`);

function warningIdOf(req: Request): string {
  const warningId = String(req.params['warningId']);
  if (!uuidSchema.safeParse(warningId).success) throw noSuchWarning(warningId);
  return warningId;
}

/**
 * Rule 1: 分级预警 comes from the monitoring platforms the union and the HR bureau run; the
 * catalog's `recordedBy` says which. Asked before anything is read, like the case commands.
 */
function requireWatcher(env: CommandEnv): void {
  const watchers = employerWarningRaised.recordedBy;
  if (watchers.includes(env.agency)) return;
  throw new NotOwnAct({
    zh: `用人单位预警只能由${watchers.map((a) => agencyNames[a].zh).join('、')}发布或解除`,
    en: `employer warnings are raised and resolved by the ${watchers.map((a) => agencyNames[a].en).join(', ')}`,
  });
}

export function warningRoutes(options: WarningRoutesOptions): Router {
  const router = Router();
  router.use('/api/warnings', options.authenticate);
  const liaison = requireRole('liaison');

  router.post('/api/warnings', liaison, async (req, res) => {
    requireWatcher(options);
    // When it was raised, if recorded later (issue 13.4): off the body before the schema checks the rest.
    const { occurredAt, rest } = takeOccurredAt(req.body);
    const body = raiseWarningBody.parse(rest);
    const mark = options.requests.mark(req, req.actor!, 'RaiseEmployerWarning');
    const warningId = createdIdFor(options.agency, mark, 'warning');
    const outcome = await handleCommand(
      options,
      req.actor!,
      { ...traceOf(req), request: mark, ...(occurredAt !== undefined ? { occurredAt } : {}) },
      {
        stream: warningStream(warningId),
        // A fresh id: nothing to read.
        read: async () => ({ state: { warningId, raised: null, resolved: null }, revision: null, headHash: null }),
        decide: ({ state }) => checkedByCatalog(decideWarning({ type: 'RaiseEmployerWarning', data: { warningId, ...body } }, state)),
      },
    );
    const { revision, position } = outcome.result;
    markReplayed(res, outcome).status(201).location(`/api/warnings/${warningId}`).json({ warningId, revision, position });
  });

  router.post('/api/warnings/:warningId/resolve', liaison, async (req, res) => {
    requireWatcher(options);
    const warningId = warningIdOf(req);
    const { occurredAt, rest } = takeOccurredAt(req.body);
    const body = resolveWarningBody.parse(rest);
    const mark = options.requests.mark(req, req.actor!, `ResolveEmployerWarning ${warningId}`);
    // Expecting the revision read: of two resolutions at once, one gets 409.
    const outcome = await handleCommand(
      options,
      req.actor!,
      { ...traceOf(req), request: mark, ...(occurredAt !== undefined ? { occurredAt } : {}) },
      {
        stream: warningStream(warningId),
        read: () => loadWarning(options.store, warningId),
        check: (loaded) => {
          if (loaded.revision === null || loaded.state.raised === null) throw noSuchWarning(warningId);
        },
        decide: ({ state }) => checkedByCatalog(decideWarning({ type: 'ResolveEmployerWarning', data: { warningId, ...body } }, state)),
      },
    );
    const { revision, position } = outcome.result;
    markReplayed(res, outcome).json({ warningId, revision, position });
  });

  router.get('/api/warnings/:warningId', async (req, res) => {
    const warningId = warningIdOf(req);
    const loaded = await loadWarning(options.store, warningId);
    if (loaded.revision === null || loaded.state.raised === null) throw noSuchWarning(warningId);
    res.json({ ...loaded.state, status: loaded.state.resolved === null ? 'raised' : 'resolved', revision: loaded.revision.toString() });
  });
  return router;
}
