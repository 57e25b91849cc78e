import { NotOwnAct } from '@hub/case-domain';
import { agencyNames, employerWarningRaised, employerWarningResolved, uuidSchema } from '@hub/contracts';
import { Conflict, NotFound, requireRole } from '@hub/service-kit';
import { Router, type Request, type RequestHandler } from 'express';
import { z } from 'zod';
import type { CommandEnv } from '../cases/execute.js';
import { traceOf } from '../cases/routes.js';
import { answerOf, createdIdFor, markReplayed, once } from '../idempotency.js';
import { appendRecord } from '../meetings/append.js';
import { loadWarning, warningStream } from './warning.js';

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
    const body = raiseWarningBody.parse(req.body);
    const mark = options.requests.mark(req, req.actor!, 'RaiseEmployerWarning');
    const warningId = createdIdFor(options.agency, mark, 'warning');
    const stream = warningStream(warningId);
    const outcome = await once(
      options.store,
      options.agency,
      stream,
      mark,
      () => appendRecord(options, req.actor!, stream, 'EmployerWarningRaised', { warningId, ...body }, 'no_stream', { ...traceOf(req), request: mark }),
      (run) => answerOf(options, stream, run),
    );
    const { revision, position } = outcome.result;
    markReplayed(res, outcome).status(201).location(`/api/warnings/${warningId}`).json({ warningId, revision, position });
  });

  router.post('/api/warnings/:warningId/resolve', liaison, async (req, res) => {
    requireWatcher(options);
    const warningId = warningIdOf(req);
    const body = resolveWarningBody.parse(req.body);
    const mark = options.requests.mark(req, req.actor!, `ResolveEmployerWarning ${warningId}`);
    const stream = warningStream(warningId);
    const outcome = await once(
      options.store,
      options.agency,
      stream,
      mark,
      async () => {
        const loaded = await loadWarning(options.store, warningId);
        if (loaded.revision === null || loaded.state.raised === null) throw noSuchWarning(warningId);
        if (loaded.state.resolved !== null) throw new Conflict('warning.resolved', '该预警已解除', 'This warning was already resolved');
        // Expecting the revision read: of two resolutions at once, one gets 409.
        return appendRecord(options, req.actor!, stream, 'EmployerWarningResolved', { warningId, ...body }, loaded.revision, {
          ...traceOf(req),
          request: mark,
        });
      },
      (run) => answerOf(options, stream, run),
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
