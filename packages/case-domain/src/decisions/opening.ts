import type { CommandData, DecisionContext } from '../commands.js';
import { deadlineFrom } from '../policy.js';
import { violation } from '../rules.js';
import type { CaseState } from '../state.js';
import { event, iso, label, requireFen, requireNew, requireUnopened, type Decision } from './guards.js';

/** Opening a case starts rule 6's clock: the worker is owed feedback within the policy's time. */
export function openCase(data: CommandData<'OpenCase'>, state: CaseState, ctx: DecisionContext): Decision {
  requireUnopened(state);
  requireFen(data.amountClaimedFen, 'amountClaimedFen');
  if (data.workers.length > data.workerCount) {
    throw violation('CHAIN.worker-count', label(`${data.workers.length} > ${data.workerCount}`, `${data.workers.length} > ${data.workerCount}`));
  }
  const seen = new Set<string>();
  for (const worker of data.workers) {
    requireNew(seen.has(worker.workerId), worker.workerId);
    seen.add(worker.workerId);
  }
  return [
    event('CaseOpened', {
      caseId: data.caseId,
      openedBy: ctx.actor.agency,
      channel: data.channel,
      category: data.category,
      summary: data.summary,
      employers: data.employers,
      workerCount: data.workerCount,
      workers: [...data.workers],
      amountClaimedFen: data.amountClaimedFen,
      region: data.region,
      workerFeedbackDueAt: iso(deadlineFrom(ctx.now, ctx.policy.workerFeedback, ctx.policy)),
    }),
  ];
}
