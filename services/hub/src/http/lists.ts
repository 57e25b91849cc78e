import { addCalendarDays, endOfShanghaiDay, shanghaiDate } from '@hub/case-domain';
import type { HubContext } from '../context.js';
import type { DeadlineClock } from '../read-models/lists.js';

/** Now, and the end of the last Shanghai day still "due soon" under the hub's policy (today and the next dueSoonDays days). */
export function deadlineClock(ctx: Pick<HubContext, 'clock' | 'policy'>): DeadlineClock {
  const now = ctx.clock();
  return { now, soonUntil: endOfShanghaiDay(addCalendarDays(shanghaiDate(now), ctx.policy.dueSoonDays)) };
}
