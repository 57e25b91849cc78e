import { describe, expect, it } from 'vitest';
import { cmd, EMPLOYERS, id, openCase } from '../support/cases.js';
import { sealed, T0 } from '../support/fixture.js';
import { act, answer, as, later, readModelSpec, refused, type Viewer } from './spec.js';

const HOUR = 3_600_000;
const [E0, E1, E2] = [EMPLOYERS[0]!, EMPLOYERS[1]!, EMPLOYERS[2]!];
const firm = { kind: 'enterprise' as const, name: E0.name, uscc: E0.uscc };

type Search = { total: number; cases: any[]; upToDate: boolean };
/** GET /api/cases as the viewer (a union liaison unless said) answers, and `check` holds of it. */
const search = (query: string, check: (body: Search) => void, viewer: Viewer = as('union')) => answer(`/api/cases${query}`, viewer, check);
/** The case's entry, as the union reads it, and `check` holds of it. */
const entry = (caseId: string, check: (entry: any) => void) => answer(`/api/cases/${caseId}`, as('union'), (body) => check(body.case));
/** The entry's stage, supervision, open leads and items, and status match `shape`. */
const shape = (caseId: string, expected: object) =>
  entry(caseId, (e) =>
    expect({ stage: e.stage, supervision: e.supervisionUnderWay, leads: e.openLeads, items: e.openRectificationItems, status: e.status }).toMatchObject(
      expected,
    ),
  );

describe('cases read model and GET /api/cases', () => {
  it('given a case along 商→调→裁→诉→执 with supervision beside it, its entry follows stage, status, supervision and counts', async () => {
    const spec = await readModelSpec();
    const caseId = id();
    const workerId = id();
    const summary = '工地拖欠𠮷'.repeat(50); // 250 characters, one of them outside the BMP
    await spec.given(act('union', caseId, openCase(caseId, { summary, workers: [{ workerId, name: sealed() }] }))).then(
      entry(caseId, (e) =>
        expect(e).toEqual({
          caseId,
          caseNumber: null,
          handlers: {},
          openedAt: T0.toISOString(),
          openedBy: 'union',
          channel: 'hotline_12351',
          category: 'wage_arrears',
          categories: ['wage_arrears'],
          summary: Array.from(summary).slice(0, 200).join(''),
          employers: [E0],
          region: '330106',
          workerCount: 3,
          amountClaimedFen: 3_600_000,
          claimedItems: [{ kind: 'wages', amountFen: 3_600_000 }],
          amountRecoveredFen: null,
          recoveredItems: null,
          status: 'open',
          stage: null,
          supervisionUnderWay: false,
          agencies: ['union'],
          lastActivityAt: T0.toISOString(),
          openLeads: 0,
          openRectificationItems: 0,
          labels: {
            channel: { zh: '12351 热线', en: '12351 hotline' },
            category: { zh: '欠薪', en: 'Wage arrears' },
            categories: [{ zh: '欠薪', en: 'Wage arrears' }],
            stage: null,
          },
        }),
      ),
    );

    await spec
      .when(act('union', caseId, cmd('HoldNegotiation', { negotiationId: id(), outcome: 'not_settled', amountAgreedFen: 0, summary: '企业拒绝' })))
      .then(shape(caseId, { stage: 'negotiation', supervision: false }));
    const mediationId = id();
    await spec
      .when(act('union', caseId, cmd('StartMediation', { mediationId })))
      .then(entry(caseId, (e) => expect(e.labels.stage).toEqual({ zh: '调解', en: 'Mediation' })));
    await spec.when(act('union', caseId, cmd('FailMediation', { mediationId, reason: '调解不成' }))).then(shape(caseId, { stage: 'mediation' }));

    // 督: a lead the procuratorate holds, a letter awaiting its reply, an item not yet verified.
    const leadId = id();
    await spec
      .when(act('union', caseId, cmd('TransferLead', { leadId, to: 'procuratorate', summary: '欠薪线索', feedbackDueAt: '2026-03-30T02:00:00.000Z' })))
      .then(
        shape(caseId, { supervision: true, leads: 1 }),
        entry(caseId, (e) => expect(e.agencies).toEqual(['procuratorate', 'union'])),
      );
    await spec
      .when(act('procuratorate', caseId, cmd('AcceptLead', { leadId })), act('procuratorate', caseId, cmd('GiveLeadFeedback', { leadId, summary: '已核实' })))
      .then(shape(caseId, { supervision: false, leads: 0 }));
    const letterId = id();
    await spec
      .when(
        act(
          'union',
          caseId,
          cmd('IssueSupervisionLetter', {
            letterId,
            kind: 'reminder_letter',
            addressee: firm,
            summary: '提示函',
            replyDueAt: '2026-03-20T15:59:59.999Z',
            urgent: false,
          }),
        ),
      )
      .then(shape(caseId, { supervision: true }));
    await spec.when(act('union', caseId, cmd('ReplyToSupervisionLetter', { letterId, summary: '企业回复' }))).then(shape(caseId, { supervision: false }));
    const itemId = id();
    await spec
      .when(
        act(
          'union',
          caseId,
          cmd('OrderRectification', {
            rectificationId: id(),
            items: [{ itemId, description: '补发工资', deadline: '2026-03-31T15:59:59.999Z', responsibleParty: firm }],
          }),
        ),
        act('union', caseId, cmd('ReportRectificationItem', { itemId, summary: '已补发' })),
      )
      .then(shape(caseId, { supervision: true, items: 1 }));
    await spec
      .when(act('union', caseId, cmd('DoFollowUp', { followUpId: id(), results: [{ itemId, verified: true, findings: '属实' }] })))
      .then(shape(caseId, { supervision: false, items: 0 }));

    const arbitrationId = id();
    await spec
      .when(
        act(
          'hr_bureau',
          caseId,
          cmd('ApplyForArbitration', { arbitrationId, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 3_600_000 }),
        ),
      )
      .then(shape(caseId, { stage: 'arbitration' }));
    await spec
      .when(
        act('hr_bureau', caseId, cmd('AcceptArbitration', { arbitrationId, caseNumber: '仲案1号' })),
        act(
          'hr_bureau',
          caseId,
          cmd('IssueArbitrationAward', { arbitrationId, awardNo: '裁字1号', amountAwardedFen: 3_000_000, final: false, summary: '支持' }),
        ),
        act('procuratorate', caseId, cmd('SupportProsecution', { supportId: id(), summary: '支持起诉', workerIds: [workerId] })),
      )
      .then(shape(caseId, { stage: 'arbitration', supervision: true }));
    const litigationId = id();
    await spec
      .when(
        act('court', caseId, cmd('FileLitigation', { litigationId, plaintiff: 'worker', caseNumber: '民初1号', amountClaimedFen: 3_600_000, arbitrationId })),
      )
      .then(shape(caseId, { stage: 'litigation' }));
    await spec
      .when(act('court', caseId, cmd('IssueJudgment', { litigationId, judgmentNo: '判字1号', amountAwardedFen: 3_000_000, summary: '判决支付' })))
      .then(shape(caseId, { supervision: false }));
    const enforcementId = id();
    await spec
      .when(act('court', caseId, cmd('ApplyForEnforcement', { enforcementId, basis: { kind: 'judgment', ref: litigationId }, amountFen: 3_000_000 })))
      .then(shape(caseId, { stage: 'enforcement' }));

    await spec
      .when(
        act('court', caseId, cmd('CompleteEnforcement', { enforcementId, outcome: 'full', amountRecoveredFen: 3_000_000 })),
        act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '执行到位' })),
        act('union', caseId, cmd('CloseCase', { resolution: 'enforced', amountRecoveredFen: 3_000_000, summary: '执行完毕' })),
      )
      .then(
        entry(caseId, (e) =>
          expect(e).toMatchObject({
            status: 'closed',
            amountRecoveredFen: 3_000_000,
            stage: 'enforcement',
            agencies: ['court', 'hr_bureau', 'procuratorate', 'union'],
          }),
        ),
      );

    await spec.when(later(HOUR), act('union', caseId, cmd('ReopenCase', { reason: '职工反映仍有差额' }))).then(
      entry(caseId, (e) =>
        expect(e).toMatchObject({
          status: 'open',
          amountRecoveredFen: 3_000_000,
          lastActivityAt: new Date(T0.getTime() + HOUR).toISOString(),
          openedAt: T0.toISOString(),
        }),
      ),
    );
  });

  it('searches by employer, USCC, category, status, agency, region prefix, Shanghai dates and text, newest activity first', async () => {
    const spec = await readModelSpec();
    const [a, b, c] = [id(), id(), id()];
    const auditor = as('union', ['auditor']);
    const ids = (query: string, expected: string[]) =>
      search(
        query,
        (body) =>
          expect(
            body.cases.map((x) => x.caseId),
            query,
          ).toEqual(expected),
        auditor,
      );
    await spec
      .given(
        act('union', a, openCase(a, { employers: [E0], summary: '工地拖欠农民工工资' })),
        later(15 * HOUR), // 17:00 UTC on 2 March is 01:00 on 3 March in Shanghai
        act('union', b, openCase(b, { employers: [E1], category: 'social_insurance', region: '330110', summary: '未缴纳社会保险' })),
        later(24 * HOUR),
        act('hr_bureau', c, openCase(c, { employers: [E2], region: '440300', summary: '押金未退' })),
        act('hr_bureau', c, cmd('GiveWorkerFeedback', { channel: 'sms', summary: '已受理' })),
        act('hr_bureau', c, cmd('CloseCase', { resolution: 'withdrawn', amountRecoveredFen: 0, summary: '撤回' })),
        later(HOUR),
        act('union', a, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已受理' })),
      )
      .then(
        ids('', [a, c, b]),
        ids(`?employer=${encodeURIComponent('乙')}`, [b]),
        ids(`?uscc=${E2.uscc}`, [c]),
        ids('?category=wage_arrears', [a, c]),
        ids('?status=closed', [c]),
        ids('?status=open', [a, b]),
        ids('?agency=hr_bureau', [c]),
        ids('?region=3301', [a, b]),
        ids('?region=330106', [a]),
        ids('?region=44', [c]),
        ids('?openedFrom=2026-03-03', [c, b]),
        ids('?openedTo=2026-03-02', [a]),
        ids('?openedFrom=2026-03-03&openedTo=2026-03-03', [b]),
        ids(`?q=${encodeURIComponent('社会')}`, [b]),
        ids(`?q=${E0.uscc}`, [a]),
        ids(`?q=${c.slice(0, 13)}`, [c]),
        ids('?category=wage_arrears&status=open&region=33', [a]),
        search('?limit=1&offset=1', (page) => expect([page.total, page.cases.map((x) => x.caseId)]).toEqual([3, [c]]), auditor),
        // A liaison searches the cases its agency takes part in.
        search('', (union) => expect([union.total, union.cases.map((x) => x.caseId)]).toEqual([2, [a, b]])),
        search('?agency=hr_bureau', (body) => expect(body.total).toBe(0)),
      );
  });

  it('a court liaison does not see a union-only case, an auditor does; the same 404 for absent and hidden; bad parameters give 400', async () => {
    const spec = await readModelSpec();
    const caseId = id();
    const court = as('court');
    const bad = [
      'uscc=123',
      'region=abc',
      'region=3',
      'openedFrom=2026-02-30',
      'openedTo=2026/03/01',
      'status=pending',
      'category=theft',
      'limit=0',
      'offset=x',
      'agency=police',
      'q=',
    ];
    let absent: { detail?: string } = {};
    await spec.given(act('union', caseId, openCase(caseId))).then(
      search('', (body) => expect(body.total).toBe(0), court),
      refused(`/api/cases/${id()}`, court, 404, (body) => {
        absent = body;
      }),
      refused(`/api/cases/${caseId}`, court, 404, (hidden) => expect(hidden.detail).toBe(absent.detail)),
      answer(`/api/cases/${caseId}`, as('court', ['auditor']), (body) => expect(body.case.caseId).toBe(caseId)),
      search('', (body) => expect(body.total).toBe(1), as('court', ['auditor'])),
      refused('/api/cases', null, 401),
      ...bad.map((query) => refused(`/api/cases?${query}`, court, 400)),
      refused('/api/cases?openedFrom=2026-03-05&openedTo=2026-03-01', court, 400, (reversed) =>
        expect([reversed.detail, reversed.detailEn]).toEqual(['开始日期不能晚于结束日期', 'openedFrom must not be after openedTo']),
      ),
      refused('/api/cases/not-a-uuid', court, 400),
    );
  });
});
