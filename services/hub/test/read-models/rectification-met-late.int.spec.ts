import type { Party } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { cmd, EMPLOYERS, id, openCase } from '../support/cases.js';
import { act, answer, as, later, readModelSpec } from './spec.js';

const DAY = 24 * 3_600_000;
const firm: Party = { kind: 'enterprise', name: EMPLOYERS[0]!.name, uscc: EMPLOYERS[0]!.uscc };
type Item = { itemId: string; deadlineStatus: string | null; met: { at: string; late: boolean } | null };

describe('a rectification item met late (逾期完成)', () => {
  it('given one item reported in time, one reported after its deadline and one still open, the list tells met on time from met late', async () => {
    const spec = await readModelSpec();
    const caseId = id();
    const [inTime, late, open] = [id(), id(), id()];
    const items = (deadline: string) => [inTime, late, open].map((itemId) => ({ itemId, description: '补发工资', deadline, responsibleParty: firm }));
    const byId = (check: (items: Map<string, Item>) => void) =>
      answer(`/api/rectifications?caseId=${caseId}`, as('union'), (body: { items: Item[] }) => check(new Map(body.items.map((i) => [i.itemId, i]))));

    await spec
      .given(
        act('union', caseId, openCase(caseId, { employers: [EMPLOYERS[0]!] })),
        act('union', caseId, cmd('OrderRectification', { rectificationId: id(), items: items('2026-03-04T15:59:59.999Z') })),
        act('union', caseId, cmd('ReportRectificationItem', { itemId: inTime, summary: '已按期补发' })),
        later(3 * DAY),
        act('union', caseId, cmd('ReportRectificationItem', { itemId: late, summary: '逾期后补发' })),
      )
      .then(
        byId((all) => {
          expect(all.get(inTime)).toMatchObject({ deadlineStatus: null, met: { late: false } });
          expect(all.get(late)).toMatchObject({ deadlineStatus: null, met: { late: true } });
          expect(Date.parse(all.get(late)!.met!.at)).toBeGreaterThan(Date.parse('2026-03-04T15:59:59.999Z'));
          expect(all.get(open)).toMatchObject({ deadlineStatus: 'overdue', met: null });
        }),
      );
  });
});
