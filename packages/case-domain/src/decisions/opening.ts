import type { CommandData, DecisionContext } from '../commands.js';
import { deadlineFrom } from '../policy.js';
import { violation } from '../rules.js';
import type { CaseState } from '../state.js';
import { sumItems, kindImpliedBy } from '@hub/contracts';
import { event, iso, label, requireCategories, requireItems, requireNew, requireUnopened, type Decision } from './guards.js';

/** Opening a case starts rule 6's clock: the worker is owed feedback within the policy's time. */
export function openCase(data: CommandData<'OpenCase'>, state: CaseState, ctx: DecisionContext): Decision {
  requireUnopened(state);
  const categories = requireCategories(data.categories, data.category);
  // An older client's single amount is read as an old event's is: of the kind the primary category implies.
  const claimedItems = requireItems(data.claimedItems, data.amountClaimedFen, 'amountClaimedFen', kindImpliedBy(categories[0]));
  if (data.workers.length > data.workerCount) {
    throw violation(
      'CHAIN.worker-count',
      label(`列明 ${data.workers.length} 名，职工人数为 ${data.workerCount} 人`, `${data.workers.length} listed, ${data.workerCount} in all`),
    );
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
      category: categories[0],
      categories,
      summary: data.summary,
      employers: data.employers,
      workerCount: data.workerCount,
      workers: [...data.workers],
      amountClaimedFen: sumItems(claimedItems),
      claimedItems,
      region: data.region,
      workerFeedbackDueAt: iso(deadlineFrom(ctx.now, ctx.policy.workerFeedback, ctx.policy)),
    }),
  ];
}
