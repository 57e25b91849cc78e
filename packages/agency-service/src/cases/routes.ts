import { randomUUID } from 'node:crypto';
import { availableCommands, openDeadlines, type CaseCommand, type OpenedCase } from '@hub/case-domain';
import { commandByPath, commandCatalog, offeredCommand, takeOccurredAt } from '@hub/contracts';
import { Forbidden, HttpError, hubUuid, NotFound, requireRole, type AccessLog, type SecurityLog, type Vault } from '@hub/service-kit';
import { Router, type Request, type RequestHandler } from 'express';
import { handleCommand, type Trace } from '../commands/handle.js';
import { openNumberedCase, type NumberingEnv } from '../case-numbers/opening.js';
import { createdIdFor, markReplayed } from '../idempotency.js';
import type { CaseView, CommandList, RevealedWorker } from '../wire.js';
import { caseIdParam, mayRead, noSuchCase } from './access.js';
import { authorize, caseCommandHandling } from './execute.js';
import { loadCase, type LoadedCase } from './load.js';
import { encryptWorker, isErased, workerViews } from './workers.js';

/** 410: the worker's personal data was erased on request (the vault key destroyed); nothing can be shown again. */
export class WorkerErased extends HttpError {
  readonly status = 410;
  readonly slug = 'worker-erased';
  constructor() {
    super('该职工的个人信息已按要求删除，无法再显示', "This worker's personal data was erased on request and can no longer be shown");
  }
}

export interface CaseRoutesOptions extends NumberingEnv {
  readonly vault: Vault;
  /** Every view of decrypted personal data is recorded here (kept at least six months). */
  readonly accessLog: AccessLog;
  /** Reveals are security events too (docs/security-log.md). */
  readonly securityLog?: SecurityLog;
  readonly authenticate: RequestHandler;
}

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function traceOf(req: Request): Trace {
  const given = req.get('x-correlation-id');
  return {
    correlationId: given !== undefined && ACCEPTABLE_ID.test(given) ? given : randomUUID(),
    causationId: req.requestId ?? randomUUID(),
  };
}

export function caseRoutes(options: CaseRoutesOptions): Router {
  const { store, vault, agency } = options;
  const router = Router();
  router.use('/api/cases', options.authenticate);

  router.post('/api/cases', async (req, res) => {
    const definition = commandCatalog.OpenCase;
    authorize(options, req.actor!, definition);
    // Every act may say when it happened (issue 13.4): off the body before the act's own schema checks the rest.
    const { occurredAt, rest: body } = takeOccurredAt(req.body);
    const { workers, ...rest } = definition.input.parse(body);
    const mark = options.requests.mark(req, req.actor!, definition.name);
    // The open-case schema has no caseId: the service mints it, from the Idempotency-Key when there
    // is one, so every copy of the request names the same case (and the same workers' vault keys).
    const caseId = createdIdFor(agency, mark, 'case');
    const workerId = (i: number) => (mark.key === null ? randomUUID() : hubUuid(`worker:${caseId}:${i}`));
    const command = async (): Promise<CaseCommand> => ({
      type: 'OpenCase',
      data: { ...rest, caseId, workers: await Promise.all(workers.map((w, i) => encryptWorker(vault, w, workerId(i)))) },
    });
    const trace = { ...traceOf(req), request: mark, ...(occurredAt !== undefined ? { occurredAt } : {}) };
    // Decided, numbered from the agency's register, then appended with its 案号 (case-numbers/opening.ts).
    const outcome = await openNumberedCase(options, req.actor!, trace, caseId, command);
    const { caseNumber, ...appended } = outcome.result;
    markReplayed(res, outcome)
      .status(201)
      .location(`/api/cases/${caseId}`)
      .json({ caseId, caseNumber, ...appended });
  });

  router.post('/api/cases/:caseId/:command', async (req, res) => {
    const definition = commandByPath.get(String(req.params['command']));
    if (!definition || definition.name === 'OpenCase') {
      throw new NotFound('没有这个操作', `No command ${String(req.params['command'])}${definition ? '; open a case with POST /api/cases' : ''}`);
    }
    const caseId = caseIdParam(req);
    authorize(options, req.actor!, definition);
    const { occurredAt, rest: body } = takeOccurredAt(req.body);
    const data: unknown = definition.input.parse(body);
    const mark = options.requests.mark(req, req.actor!, `${definition.name} ${caseId}`);
    const command = { type: definition.name, data } as CaseCommand;
    const trace = { ...traceOf(req), request: mark, ...(occurredAt !== undefined ? { occurredAt } : {}) };
    const outcome = await handleCommand(options, req.actor!, trace, caseCommandHandling(options, req.actor!, caseId, command));
    // After the event is in the store (also on a retry: the first attempt may have died before
    // this line): a failed append must not destroy the key of data still recorded.
    if (definition.name === 'EraseWorkerData') await vault.erase((data as { workerId: string }).workerId);
    markReplayed(res, outcome).json({ caseId, ...outcome.result });
  });

  /**
   * The case as its stream holds it, for an actor who may read it. No such case and a case of
   * others get the same 404: which cases exist is itself not for everyone (the hub answers alike).
   */
  async function readableCase(req: Request): Promise<{ caseId: string; loaded: LoadedCase & { revision: bigint; state: OpenedCase } }> {
    const caseId = caseIdParam(req);
    const loaded = await loadCase(store, caseId);
    if (loaded.revision === null || loaded.state.status === 'none') throw noSuchCase(caseId);
    if (!mayRead(req.actor!, loaded.participants)) throw noSuchCase(caseId);
    return { caseId, loaded: { ...loaded, revision: loaded.revision, state: loaded.state } };
  }

  router.get('/api/cases/:caseId', async (req, res) => {
    const actor = req.actor!;
    const { caseId, loaded } = await readableCase(req);
    const { state } = loaded;
    // ID numbers and phones come masked: in the clear only on request (the reveal route below).
    const workers = await workerViews(vault, state, loaded.workers, actor.agency === agency);
    const shown = workers.filter((w) => !w.masked).map((w) => w.workerId);
    if (shown.length > 0) {
      await options.accessLog.record({
        agency: actor.agency,
        userId: actor.userId,
        userName: actor.name ?? null,
        action: 'view_personal_data',
        subject: `case-${caseId}`,
        detail: { workers: shown, fields: ['name'] },
      });
    }
    res.json({
      ...state,
      workers,
      revision: loaded.revision.toString(),
      participants: [...loaded.participants].sort(),
      deadlines: openDeadlines(state, options.clock(), { dueSoonDays: options.policy.dueSoonDays }),
    } satisfies CaseView);
  });

  /**
   * One worker's ID number and phone in the clear, for a person who asked (the case page's 显示).
   * POST, not GET: each call is an act with a side effect, an access-log entry naming who, when,
   * which worker and which fields, and it must never be prefetched, cached or replayed by a link.
   * Whoever may read the case but holds no key (another agency) gets 403; an erased worker 410.
   */
  router.post('/api/cases/:caseId/workers/:workerId/reveal', async (req, res) => {
    const actor = req.actor!;
    const { caseId, loaded } = await readableCase(req);
    const workerId = String(req.params['workerId']);
    const ref = loaded.workers.find((w) => w.workerId === workerId);
    if (!ref) throw new NotFound('该案件没有这个职工', `Case ${caseId} has no worker ${workerId}`);
    if (await isErased(vault, loaded.state, workerId)) throw new WorkerErased();
    const [view] = actor.agency === agency ? await workerViews(vault, loaded.state, [ref], true, new Set([workerId])) : [];
    if (!view || view.masked || !view.revealed) {
      throw new Forbidden(
        '职工个人信息仅由办理该职工事项的机构保管和显示，本机构无法查看',
        "A worker's personal data is kept and shown only by the agency handling them; yours cannot see it",
      );
    }
    const fields = (['name', 'idNumber', 'phone'] as const).filter((f) => view[f] !== undefined);
    await options.accessLog.record({
      agency: actor.agency,
      userId: actor.userId,
      userName: actor.name ?? null,
      action: 'reveal_personal_data',
      subject: `case-${caseId}`,
      detail: { workers: [workerId], fields },
    });
    await options.securityLog?.recordFor(req, { kind: 'reveal_personal_data', subject: `case-${caseId}`, detail: { workers: [workerId], fields } });
    res.set('cache-control', 'no-store').json({ caseId, worker: { ...view, revealed: true }, fields } satisfies RevealedWorker);
  });

  // The acts the actor may give on the case now, for the console's act forms; the same read permission as the case.
  router.get('/api/cases/:caseId/commands', async (req, res) => {
    const actor = req.actor!;
    const { caseId, loaded } = await readableCase(req);
    // This service records only its own agency's acts (see authorize).
    const available =
      actor.agency !== agency
        ? []
        : availableCommands(loaded.state, actor, {
            participants: loaded.participants,
            now: options.clock(),
            policy: options.policy,
            ...(options.staff ? { staff: await options.staff.list() } : {}),
          });
    // The domain says what may be chosen; the catalog's words are added here (path, labels).
    const commands = available.map(offeredCommand);
    res.json({ caseId, revision: loaded.revision.toString(), commands } satisfies CommandList);
  });

  // Who saw whose personal data: for the agency's admins and auditors.
  router.get('/api/access-log', options.authenticate, requireRole('admin', 'auditor'), async (req, res) => {
    const limit = Math.min(Math.max(Number(req.query['limit'] ?? 100) || 100, 1), 1000);
    const before = req.query['before'] === undefined ? undefined : Number(req.query['before']);
    res.json({ entries: await options.accessLog.list({ limit, ...(Number.isInteger(before) ? { before: before! } : {}) }) });
  });
  return router;
}
