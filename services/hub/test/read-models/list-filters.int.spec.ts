/**
 * Lists that hold a real year (issue 14.4): GET /api/cases and GET /api/rectifications sort by
 * any of their whitelisted columns either way and filter by stage, channel, 承办人, deadline state,
 * region and dates; rectification items are split into open and finished.
 */
import type { AgencyId, Party } from '@hub/contracts';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cmd, EMPLOYERS, id, openCase } from '../support/cases.js';
import { T0 } from '../support/fixture.js';
import { act, answer, as, later, readModelSpec, refused } from './spec.js';

const DAY = 86_400_000;
const auditor = as('court', ['auditor']);
const firm = (e: { name: string; uscc: string }): Party => ({ kind: 'enterprise', name: e.name, uscc: e.uscc });
const handlerFacts = (agency: AgencyId, userId: string, displayName: string) => ({
  handler: {
    participants: new Set<AgencyId>([agency]),
    assignee: { userId, displayName, agency, roles: ['liaison' as const], disabled: false },
    assignedByName: '李科长',
  },
});
const ids = (body: { cases: { caseId: string }[] }) => body.cases.map((c) => c.caseId);

describe('list filters and sorting (issue 14.4)', () => {
  it('given three cases of different channels, stages, handlers and deadlines, each filter finds its own and every sort orders them', async () => {
    const spec = await readModelSpec();
    const [a, b, c] = [id(), id(), id()];
    const zhang = randomUUID();
    await spec
      .given(
        // a: hotline, Hangzhou 西湖区, 3 workers, negotiated, handled by 张承办; its 24-hour feedback will be overdue.
        act('union', a, openCase(a, { amountClaimedFen: 1_000_000 })),
        act('union', a, cmd('HoldNegotiation', { negotiationId: id(), outcome: 'settled', amountAgreedFen: 1_000_000, summary: '协商达成一致' })),
        act('union', a, cmd('AssignHandler', { userId: zhang }), handlerFacts('union', zhang, '张承办')),
        // b: walk-in, Ningbo, feedback given: no deadline owed.
        act('union', b, openCase(b, { channel: 'walk_in', region: '330203', amountClaimedFen: 3_000_000, employers: [EMPLOYERS[1]!] })),
        act('union', b, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已受理' })),
        later(2 * DAY),
      )
      // c: opened two days later, its feedback due tomorrow: due soon.
      .when(act('union', c, openCase(c, { channel: 'inspection', category: 'social_insurance', amountClaimedFen: 2_000_000, employers: [EMPLOYERS[2]!] })))
      .then(
        answer('/api/cases?channel=walk_in', auditor, (body) => expect(ids(body)).toEqual([b])),
        answer('/api/cases?stage=negotiation', auditor, (body) => expect(ids(body)).toEqual([a])),
        answer('/api/cases?stage=none&sort=openedAt&dir=asc', auditor, (body) => expect(ids(body)).toEqual([b, c])),
        answer(`/api/cases?handler=${encodeURIComponent('张')}`, auditor, (body) => expect(ids(body)).toEqual([a])),
        answer('/api/cases?deadline=overdue', auditor, (body) => expect(ids(body)).toEqual([a])),
        answer('/api/cases?deadline=due_soon', auditor, (body) => expect(ids(body)).toEqual([c])),
        answer('/api/cases?deadline=none', auditor, (body) => expect(ids(body)).toEqual([b])),
        answer('/api/cases?region=3302', auditor, (body) => expect(ids(body)).toEqual([b])),
        answer('/api/cases?sort=amountClaimed&dir=asc', auditor, (body) => expect(ids(body)).toEqual([a, c, b])),
        answer('/api/cases?sort=amountClaimed&dir=desc', auditor, (body) => expect(ids(body)).toEqual([b, c, a])),
        answer('/api/cases?sort=channel&dir=asc', auditor, (body) =>
          expect(body.cases.map((e: { channel: string }) => e.channel)).toEqual(['hotline_12351', 'inspection', 'walk_in']),
        ),
        // A case without a handler sorts last whichever way.
        answer('/api/cases?sort=handler&dir=desc', as('union'), (body) => expect(ids(body)[0]).toBe(a)),
        answer('/api/cases?sort=handler&dir=asc', as('union'), (body) => expect(ids(body)[0]).toBe(a)),
        answer('/api/cases?sort=stage&dir=desc&limit=1', auditor, (body) => {
          expect(ids(body)).toEqual([a]);
          expect(body.total).toBe(3);
        }),
        answer('/api/cases?sort=nextDue&dir=asc', auditor, (body) => expect(ids(body)).toEqual([a, c, b])),
        answer(`/api/cases?ids=${c},${a}&sort=openedAt&dir=asc`, auditor, (body) => expect(ids(body)).toEqual([a, c])),
        refused('/api/cases?ids=not-a-case', auditor, 400),
        refused('/api/cases?sort=summary; DROP TABLE cases', auditor, 400),
        refused('/api/cases?deadline=late', auditor, 400),
      );
  });

  it('given items open, reported, verified and overdue, the list shows the open ones apart from the finished, filters by deadline state and region, and sorts', async () => {
    const spec = await readModelSpec();
    const [hz, nb] = [id(), id()];
    const [a, b, c, d] = [id(), id(), id(), id()];
    const due = (days: number) => new Date(T0.getTime() + days * DAY).toISOString();
    await spec
      .given(
        act('union', hz, openCase(hz)),
        act('union', nb, openCase(nb, { region: '330203', employers: [EMPLOYERS[1]!] })),
        act(
          'union',
          hz,
          cmd('OrderRectification', {
            rectificationId: id(),
            items: [
              { itemId: a, description: '补发工资', deadline: due(1), responsibleParty: firm(EMPLOYERS[0]!) },
              { itemId: b, description: '补签合同', deadline: due(20), responsibleParty: firm(EMPLOYERS[0]!) },
            ],
          }),
        ),
        act(
          'union',
          nb,
          cmd('OrderRectification', {
            rectificationId: id(),
            items: [
              { itemId: c, description: '补缴社保', deadline: due(10), responsibleParty: firm(EMPLOYERS[1]!) },
              { itemId: d, description: '退还押金', deadline: due(30), responsibleParty: firm(EMPLOYERS[1]!) },
            ],
          }),
        ),
      )
      .when(
        act('union', nb, cmd('DoFollowUp', { followUpId: id(), results: [{ itemId: c, verified: true, findings: '核查属实' }] })),
        act('union', hz, cmd('ReportRectificationItem', { itemId: b, summary: '已补签' })),
        later(2 * DAY),
      )
      .then(
        answer('/api/rectifications?phase=finished', auditor, (body) => {
          expect(body.items.map((i: { itemId: string }) => i.itemId)).toEqual([c]);
          expect(body.totals.verified).toBe(1);
        }),
        answer('/api/rectifications?phase=open&sort=deadline&dir=desc', auditor, (body) =>
          expect(body.items.map((i: { itemId: string }) => i.itemId)).toEqual([d, b, a]),
        ),
        answer('/api/rectifications?deadline=overdue', auditor, (body) => expect(body.items.map((i: { itemId: string }) => i.itemId)).toEqual([a])),
        // A reported item owes no work until its follow-up: no deadline state.
        answer('/api/rectifications?deadline=none&phase=open', auditor, (body) => expect(body.items.map((i: { itemId: string }) => i.itemId)).toEqual([b])),
        answer('/api/rectifications?region=3302&sort=description&dir=asc', auditor, (body) => {
          // 补 (U+8865) before 退 (U+9000).
          expect(body.items.map((i: { itemId: string }) => i.itemId)).toEqual([c, d]);
          expect(body.items.every((i: { region: string }) => i.region === '330203')).toBe(true);
        }),
        answer(`/api/rectifications?orderedFrom=2099-01-01`, auditor, (body) => expect(body.total).toBe(0)),
        refused('/api/rectifications?sort=party_agency', auditor, 400),
      );
  });

  it('given items of two cases of other channels, categories and 承办人, the rectification list filters by each, and follows a 承办人 named after the order', async () => {
    const spec = await readModelSpec();
    const [hz, nb] = [id(), id()];
    const [a, c] = [id(), id()];
    const wang = randomUUID();
    const due = (days: number) => new Date(T0.getTime() + days * DAY).toISOString();
    const order = (itemId: string, employer: (typeof EMPLOYERS)[number]) =>
      cmd('OrderRectification', { rectificationId: id(), items: [{ itemId, description: '补发工资', deadline: due(10), responsibleParty: firm(employer) }] });
    await spec
      .given(
        act('union', hz, openCase(hz)),
        act('union', nb, openCase(nb, { channel: 'walk_in', category: 'social_insurance', region: '330203', employers: [EMPLOYERS[1]!] })),
        act('union', hz, order(a, EMPLOYERS[0]!)),
        act('union', nb, order(c, EMPLOYERS[1]!)),
      )
      // The handler is named after the items were ordered: the items follow.
      .when(act('union', nb, cmd('AssignHandler', { userId: wang }), handlerFacts('union', wang, '王承办')))
      .then(
        answer('/api/rectifications?channel=walk_in', auditor, (body) => expect(body.items.map((i: { itemId: string }) => i.itemId)).toEqual([c])),
        answer('/api/rectifications?category=social_insurance', auditor, (body) => expect(body.items.map((i: { itemId: string }) => i.itemId)).toEqual([c])),
        answer(`/api/rectifications?handler=${encodeURIComponent('王')}`, auditor, (body) =>
          expect(body.items.map((i: { itemId: string }) => i.itemId)).toEqual([c]),
        ),
        answer(`/api/rectifications?handler=${encodeURIComponent('张')}`, auditor, (body) => expect(body.total).toBe(0)),
        refused('/api/rectifications?channel=fax', auditor, 400),
      );
  });
});
