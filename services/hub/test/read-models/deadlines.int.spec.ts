import { describe, expect, it } from 'vitest';
import { cmd, EMPLOYERS, id, openCase } from '../support/cases.js';
import { T0 } from '../support/fixture.js';
import { act, answer, as, later, meetingDecided, readModelSpec, refused, type Seen, type Viewer } from './spec.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const E0 = EMPLOYERS[0]!;
const enterprise = { kind: 'enterprise' as const, name: E0.name, uscc: E0.uscc };
const hrBureau = { kind: 'agency' as const, name: '区人力资源和社会保障局', agencyId: 'hr_bureau' as const };

type Deadlines = { counts: Record<string, number>; total: number; deadlines: any[]; upToDate: boolean };
/** GET /api/deadlines as the viewer answers, and `check` holds of it. */
const deadlines = (query: string, viewer: Viewer, check: (body: Deadlines, seen: Seen) => void) => answer(`/api/deadlines${query}`, viewer, check);
/** The case's deadlines by `kind:ref`, as the union sees them. */
const deadlineOf = (caseId: string, key: string, shape: object) =>
  deadlines(`?caseId=${caseId}`, as('union'), (body) =>
    expect(
      body.deadlines.find((d) => `${d.kind}:${d.ref}` === key),
      key,
    ).toMatchObject(shape),
  );

describe('deadlines read model and GET /api/deadlines', () => {
  it('given a case with a lead, letters, items and an arbitration, each deadline names who answers and who watches', async () => {
    const spec = await readModelSpec();
    const caseId = id();
    const [leadId, letterToFirm, letterToHr, itemOfFirm, itemOfHr, arbitrationId] = [id(), id(), id(), id(), id(), id()];
    await spec
      .given(
        act('union', caseId, openCase(caseId)),
        act('union', caseId, cmd('TransferLead', { leadId, to: 'procuratorate', summary: '疑似欠薪', feedbackDueAt: '2026-03-20T02:00:00.000Z' })),
        act(
          'union',
          caseId,
          cmd('IssueSupervisionLetter', {
            letterId: letterToFirm,
            kind: 'reminder_letter',
            addressee: enterprise,
            summary: '提示依法支付工资',
            replyDueAt: '2026-03-16T15:59:59.999Z',
            urgent: false,
          }),
        ),
        act(
          'union',
          caseId,
          cmd('IssueSupervisionLetter', {
            letterId: letterToHr,
            kind: 'opinion_letter',
            addressee: hrBureau,
            summary: '建议开展专项检查',
            replyDueAt: '2026-03-18T15:59:59.999Z',
            urgent: false,
          }),
        ),
        act(
          'union',
          caseId,
          cmd('OrderRectification', {
            rectificationId: id(),
            items: [
              { itemId: itemOfFirm, description: '补发拖欠工资', deadline: '2026-03-31T15:59:59.999Z', responsibleParty: enterprise },
              { itemId: itemOfHr, description: '开展欠薪专项检查', deadline: '2026-04-15T15:59:59.999Z', responsibleParty: hrBureau },
            ],
          }),
        ),
      )
      .when(
        act(
          'hr_bureau',
          caseId,
          cmd('ApplyForArbitration', { arbitrationId, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 3_600_000 }),
        ),
      )
      .then(
        deadlines(`?caseId=${caseId}`, as('union'), (all, { appended }) => {
          const acceptanceDueAt = (appended.at(-1)!.data as { acceptanceDueAt: string }).acceptanceDueAt;
          expect(all.upToDate).toBe(true);
          expect(all.deadlines.map((d) => [d.kind, d.ref, d.responsibleAgency, d.party, d.watching, d.dueAt])).toEqual([
            ['worker_feedback', caseId, 'union', null, [], '2026-03-03T02:00:00.000Z'],
            ['arbitration_acceptance', arbitrationId, 'hr_bureau', null, [], acceptanceDueAt],
            ['letter_reply', letterToFirm, null, E0.name, ['union'], '2026-03-16T15:59:59.999Z'],
            ['letter_reply', letterToHr, 'hr_bureau', null, ['union'], '2026-03-18T15:59:59.999Z'],
            ['lead_feedback', leadId, 'procuratorate', null, ['union'], '2026-03-20T02:00:00.000Z'],
            ['rectification_item', itemOfFirm, null, E0.name, ['union'], '2026-03-31T15:59:59.999Z'],
            ['rectification_item', itemOfHr, 'hr_bureau', null, ['union'], '2026-04-15T15:59:59.999Z'],
          ]);
          expect(all.deadlines.every((d) => d.met === false && d.metAt === null && d.late === false)).toBe(true);
          // At T0 (Monday 10:00 in Shanghai) only the worker feedback, due tomorrow, is near.
          expect(all.counts).toEqual({ overdue: 0, due_today: 0, due_soon: 1, pending: 6, met: 0 });
        }),
        // Per agency: what it answers for, and what it waits on.
        deadlines('', as('hr_bureau'), (hr) => expect(hr.deadlines.map((d) => d.ref)).toEqual([arbitrationId, letterToHr, itemOfHr])),
        deadlines('', as('procuratorate'), (procuratorate) => expect(procuratorate.deadlines.map((d) => d.ref)).toEqual([leadId])),
        deadlines('', as('union'), (mine) =>
          expect(mine.deadlines.map((d) => d.ref)).toEqual([caseId, letterToFirm, letterToHr, leadId, itemOfFirm, itemOfHr]),
        ),
        deadlines('?agency=hr_bureau', as('union'), (body) => expect(body.total).toBe(3)),
      );
  });

  it('when deadlines are met they record when and whether late; a failed follow-up reopens an item; extensions move due dates', async () => {
    const spec = await readModelSpec();
    const caseId = id();
    const [leadId, itemId, arbitrationId] = [id(), id(), id()];
    const feedbackAt = new Date(T0.getTime() + 2 * HOUR).toISOString();
    await spec
      .given(
        act('union', caseId, openCase(caseId)),
        act('union', caseId, cmd('TransferLead', { leadId, to: 'procuratorate', summary: '疑似欠薪', feedbackDueAt: '2026-03-04T02:00:00.000Z' })),
        act(
          'union',
          caseId,
          cmd('OrderRectification', {
            rectificationId: id(),
            items: [{ itemId, description: '补发拖欠工资', deadline: '2026-03-10T15:59:59.999Z', responsibleParty: enterprise }],
          }),
        ),
        act('hr_bureau', caseId, cmd('ApplyForArbitration', { arbitrationId, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 100 })),
      )
      .when(later(2 * HOUR), act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已电话告知受理' })))
      .then(deadlineOf(caseId, `worker_feedback:${caseId}`, { met: true, metAt: feedbackAt, late: false, status: null }));

    await spec
      .when(
        act('procuratorate', caseId, cmd('AcceptLead', { leadId })),
        later(3 * DAY),
        act('procuratorate', caseId, cmd('GiveLeadFeedback', { leadId, summary: '已立案审查' })),
      )
      .then(deadlineOf(caseId, `lead_feedback:${leadId}`, { met: true, late: true, metAt: new Date(T0.getTime() + 2 * HOUR + 3 * DAY).toISOString() }));

    // Reported: met. Follow-up finds it not done: owed again, and the earlier meeting no longer counts.
    await spec
      .when(act('union', caseId, cmd('ReportRectificationItem', { itemId, summary: '企业称已补发' })))
      .then(deadlineOf(caseId, `rectification_item:${itemId}`, { met: true, late: false }));
    await spec
      .when(act('union', caseId, cmd('DoFollowUp', { followUpId: id(), results: [{ itemId, verified: false, findings: '仍有 2 人未发' }] })))
      .then(deadlineOf(caseId, `rectification_item:${itemId}`, { met: false, metAt: null, status: 'pending' }));
    await spec
      .when(meetingDecided(caseId, { itemId, decision: 'extend', newDeadline: '2026-03-20T15:59:59.999Z', note: '延期十日' }))
      .then(deadlineOf(caseId, `rectification_item:${itemId}`, { met: false, dueAt: '2026-03-20T15:59:59.999Z' }));

    // Arbitration: acceptance met, the 45 days start; one extension moves them by 15.
    let conclusionDueAt = '';
    await spec.when(act('hr_bureau', caseId, cmd('AcceptArbitration', { arbitrationId, caseNumber: '杭劳人仲案〔2026〕1号' }))).then(
      deadlineOf(caseId, `arbitration_acceptance:${arbitrationId}`, { met: true, late: false }),
      deadlineOf(caseId, `arbitration_conclusion:${arbitrationId}`, { met: false, responsibleAgency: 'hr_bureau' }),
      deadlines(`?caseId=${caseId}`, as('union'), (body) => {
        conclusionDueAt = body.deadlines.find((d) => d.kind === 'arbitration_conclusion').dueAt;
      }),
    );
    await spec.when(act('hr_bureau', caseId, cmd('ExtendArbitration', { arbitrationId, reason: '案情复杂' }))).then(
      deadlines(`?caseId=${caseId}`, as('union'), (body) => {
        const extended = body.deadlines.find((d) => d.kind === 'arbitration_conclusion');
        expect(new Date(extended.dueAt).getTime() - new Date(conclusionDueAt).getTime()).toBeGreaterThanOrEqual(15 * DAY);
      }),
      // Later events leave alone when a deadline was first met.
      deadlineOf(caseId, `worker_feedback:${caseId}`, { metAt: feedbackAt }),
    );
  });

  it('a reopened case owes the worker fresh feedback; the first round stays on record as met', async () => {
    const spec = await readModelSpec();
    const caseId = id();
    await spec
      .given(
        act('union', caseId, openCase(caseId)),
        act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已告知' })),
        act('union', caseId, cmd('CloseCase', { resolution: 'withdrawn', amountRecoveredFen: 0, summary: '职工撤回' })),
        later(5 * DAY),
      )
      .when(act('procuratorate', caseId, cmd('ReopenCase', { reason: '职工再次反映' })))
      .then(
        deadlines(`?caseId=${caseId}`, as('union'), (body, { fx }) => {
          expect(body.deadlines.map((d) => [d.kind, d.responsibleAgency, d.met, d.dueAt])).toEqual([
            ['worker_feedback', 'procuratorate', false, new Date(fx.now().getTime() + DAY).toISOString()],
            ['worker_feedback', 'union', true, '2026-03-03T02:00:00.000Z'],
          ]);
          expect(body.counts).toMatchObject({ met: 1, due_soon: 1 });
        }),
      );
  });

  it('status follows the hub clock in Shanghai days, overdue first, filterable and paged', async () => {
    const spec = await readModelSpec();
    const caseId = id();
    const [early, late] = [id(), id()];
    const statuses = (expected: [string, string][]) =>
      deadlines('', as('union'), (body) => expect(body.deadlines.map((d) => [d.ref, d.status])).toEqual(expected));
    await spec
      .given(
        act('union', caseId, openCase(caseId)), // worker feedback due Tue 3 March 10:00 Shanghai
        // Transferred out of due order: the list sorts by due date, not by arrival.
        act('union', caseId, cmd('TransferLead', { leadId: late, to: 'court', summary: '移送法院', feedbackDueAt: '2026-03-10T15:59:59.999Z' })),
        act('union', caseId, cmd('TransferLead', { leadId: early, to: 'procuratorate', summary: '移送检察院', feedbackDueAt: '2026-03-06T15:59:59.999Z' })),
      )
      .then(
        statuses([
          [caseId, 'due_soon'],
          [early, 'pending'],
          [late, 'pending'],
        ]),
      );

    // Exactly the worker-feedback instant: not yet past it.
    await spec.when(later(DAY)).then(
      statuses([
        [caseId, 'due_today'],
        [early, 'due_soon'],
        [late, 'pending'],
      ]),
    );
    await spec.when(later(1)).then(
      statuses([
        [caseId, 'overdue'],
        [early, 'due_soon'],
        [late, 'pending'],
      ]),
    );
    // Friday 6 March, 10:00 in Shanghai.
    await spec.when(later(3 * DAY)).then(
      statuses([
        [caseId, 'overdue'],
        [early, 'due_today'],
        [late, 'pending'],
      ]),
    );
    await spec.when(later(DAY)).then(
      statuses([
        [caseId, 'overdue'],
        [early, 'overdue'],
        [late, 'due_soon'],
      ]),
      deadlines('', as('union'), (saturday) => expect(saturday.counts).toEqual({ overdue: 2, due_today: 0, due_soon: 1, pending: 0, met: 0 })),
      deadlines('?status=overdue', as('union'), (overdue) => {
        expect([overdue.total, overdue.deadlines.map((d) => d.ref)]).toEqual([2, [caseId, early]]);
        expect(overdue.counts['due_soon']).toBe(1);
      }),
      deadlines('?limit=1&offset=1', as('union'), (second) => expect([second.total, second.deadlines.map((d) => d.ref)]).toEqual([3, [early]])),
    );
  });

  it('a court liaison does not see a union-only case; a court auditor does; bad parameters give 400', async () => {
    const spec = await readModelSpec();
    const caseId = id();
    const courtAuditor = as('court', ['auditor']);
    await spec.given(act('union', caseId, openCase(caseId))).then(
      deadlines('', as('court'), (body) => expect(body.total).toBe(0)),
      deadlines('?agency=union', as('court'), (body) => expect(body.total).toBe(0)),
      refused(`/api/deadlines?caseId=${caseId}`, as('court'), 404),
      refused(`/api/deadlines?caseId=${id()}`, as('court'), 404),
      deadlines(`?caseId=${caseId}`, courtAuditor, (body) => expect(body.deadlines.map((d) => d.kind)).toEqual(['worker_feedback'])),
      deadlines('', courtAuditor, (body) => expect(body.total).toBe(1)),
      deadlines('?agency=court', courtAuditor, (body) => expect(body.total).toBe(0)),
      ...['status=late', 'limit=0', 'offset=-1', 'caseId=nope', 'agency=police'].map((bad) => refused(`/api/deadlines?${bad}`, as('court'), 400)),
      refused('/api/deadlines', null, 401),
    );
  });
  it("an agency's open deadlines filter by who acts, kind, status and due dates and sort by due date, kind or who acts, in SQL; unknown parameters give 400", async () => {
    const spec = await readModelSpec();
    const caseId = id();
    const [leadId, letterToFirm, letterToHr, itemOfFirm, itemOfHr] = [id(), id(), id(), id(), id()];
    const given = spec.given(
      act('union', caseId, openCase(caseId)), // worker feedback, the union's, due Tue 3 March 10:00 Shanghai
      act('union', caseId, cmd('TransferLead', { leadId, to: 'procuratorate', summary: '疑似欠薪', feedbackDueAt: '2026-03-20T02:00:00.000Z' })),
      act(
        'union',
        caseId,
        cmd('IssueSupervisionLetter', {
          letterId: letterToFirm,
          kind: 'reminder_letter',
          addressee: enterprise,
          summary: '提示依法支付工资',
          replyDueAt: '2026-03-16T15:59:59.999Z',
          urgent: false,
        }),
      ),
      act(
        'union',
        caseId,
        cmd('IssueSupervisionLetter', {
          letterId: letterToHr,
          kind: 'opinion_letter',
          addressee: hrBureau,
          summary: '建议开展专项检查',
          replyDueAt: '2026-03-18T15:59:59.999Z',
          urgent: false,
        }),
      ),
      act(
        'union',
        caseId,
        cmd('OrderRectification', {
          rectificationId: id(),
          items: [
            { itemId: itemOfFirm, description: '补发拖欠工资', deadline: '2026-03-31T15:59:59.999Z', responsibleParty: enterprise },
            { itemId: itemOfHr, description: '开展欠薪专项检查', deadline: '2026-04-15T15:59:59.999Z', responsibleParty: hrBureau },
          ],
        }),
      ),
    );
    const refs = (query: string, expected: string[], total = expected.length) =>
      deadlines(query, as('union'), (body) => expect([body.total, body.deadlines.map((d) => d.ref)]).toEqual([total, expected]));
    await given.then(
      refs('', [caseId, letterToFirm, letterToHr, leadId, itemOfFirm, itemOfHr]),
      refs('?sort=dueAt&dir=desc', [itemOfHr, itemOfFirm, leadId, letterToHr, letterToFirm, caseId]),
      // Kinds in the order a case meets them, ties by due date.
      refs('?sort=kind', [caseId, leadId, letterToFirm, letterToHr, itemOfFirm, itemOfHr]),
      refs('?sort=kind&dir=desc', [itemOfHr, itemOfFirm, letterToHr, letterToFirm, leadId, caseId]),
      // Who acts: the agencies, then outside parties.
      refs('?sort=responsible', [letterToHr, itemOfHr, leadId, caseId, letterToFirm, itemOfFirm]),
      refs('?responsible=hr_bureau', [letterToHr, itemOfHr]),
      refs('?responsible=party', [letterToFirm, itemOfFirm]),
      refs('?kind=letter_reply&dir=desc', [letterToHr, letterToFirm]),
      // Shanghai days, both inclusive: the letter due 16 March 23:59:59 Shanghai is in from the 16th, out from the 17th.
      refs('?dueFrom=2026-03-16&dueTo=2026-03-20', [letterToFirm, letterToHr, leadId]),
      refs('?dueFrom=2026-03-17&dueTo=2026-03-20', [letterToHr, leadId]),
      // Paged after sorting; the total is the filter's.
      refs('?sort=responsible&limit=2&offset=2', [leadId, caseId], 6),
      // At T0 only the worker feedback is near; the counts per status ignore `status` but follow the other filters.
      deadlines('?status=pending&responsible=hr_bureau', as('union'), (body) => {
        expect([body.total, body.deadlines.map((d) => d.ref)]).toEqual([2, [letterToHr, itemOfHr]]);
        expect(body.counts).toEqual({ overdue: 0, due_today: 0, due_soon: 0, pending: 2, met: 0 });
      }),
      deadlines('?status=due_soon', as('union'), (body) => {
        expect([body.total, body.deadlines.map((d) => d.ref)]).toEqual([1, [caseId]]);
        expect(body.counts).toMatchObject({ due_soon: 1, pending: 5 });
      }),
      ...[
        'bogus=1',
        'sort=caseId',
        'sort=dueAt;drop',
        'dir=up',
        'responsible=police',
        'kind=lunch',
        'dueFrom=20260301',
        'dueFrom=2026-02-30',
        'dueFrom=2026-03-20&dueTo=2026-03-10',
      ].map((bad) => refused(`/api/deadlines?${bad}`, as('union'), 400)),
    );
  });
});
