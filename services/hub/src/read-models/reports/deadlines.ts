import type { CaseState } from '@hub/case-domain';
import { changedDeadlines } from '../cases/fold.js';
import { DIM, isReportedDeadline } from './labels.js';
import { shanghaiMonth } from './period.js';
import type { ReportStatements } from './tables.js';

const ms = (iso: string) => Date.parse(iso);

/**
 * Follows the case's reported deadlines across one event, happened at `at` (business time), and
 * moves the counters of the month each falls due in. A deadline is met on time when the act
 * meeting it happened no later than its due time, however late it was recorded (补录).
 *
 * - A new deadline counts as due in its month.
 * - A due time moved before it passed (a meeting's extension) moves the deadline to its new month.
 * - A due time changed after the deadline was missed leaves the missed one counted, unmet, where it
 *   fell due (rule 6: missed deadlines are not dropped); the new due time is a new deadline.
 *   So does a fresh one after a met deadline (the worker's feedback after a reopening).
 * - Once met, a deadline stays met: a failed follow-up reopens the item's work, not its deadline.
 */
export function trackDeadlines(s: ReportStatements, caseId: string, region: string, before: CaseState, after: CaseState, at: string): void {
  const count = (month: string, dimension: string, kind: string, delta: number) => s.count.run(month, region, dimension, kind, delta);
  // A deadline the event left as it was has been followed already: its row says what it says.
  for (const d of changedDeadlines(before, after)) {
    if (!isReportedDeadline(d.kind)) continue;
    let row = s.latestDeadline.get(caseId, d.kind, d.ref);
    if (!row) {
      s.addDeadline.run(caseId, d.kind, d.ref, 0, d.dueAt);
      count(shanghaiMonth(d.dueAt), DIM.deadlinesDue, d.kind, 1);
      row = { seq: 0, due_at: d.dueAt, met_at: null };
    } else if (ms(row.due_at) !== ms(d.dueAt) && !(row.met_at !== null && d.met)) {
      if (row.met_at === null && ms(at) <= ms(row.due_at)) {
        s.moveDeadline.run(d.dueAt, caseId, d.kind, d.ref, row.seq);
        count(shanghaiMonth(row.due_at), DIM.deadlinesDue, d.kind, -1);
        count(shanghaiMonth(d.dueAt), DIM.deadlinesDue, d.kind, 1);
        row = { ...row, due_at: d.dueAt };
      } else {
        const seq = row.seq + 1;
        s.addDeadline.run(caseId, d.kind, d.ref, seq, d.dueAt);
        count(shanghaiMonth(d.dueAt), DIM.deadlinesDue, d.kind, 1);
        row = { seq, due_at: d.dueAt, met_at: null };
      }
    }
    if (d.met && row.met_at === null) {
      s.meetDeadline.run(at, caseId, d.kind, d.ref, row.seq);
      const onTime = ms(at) <= ms(row.due_at);
      count(shanghaiMonth(row.due_at), onTime ? DIM.deadlinesMetOnTime : DIM.deadlinesMetLate, d.kind, 1);
    }
  }
}
