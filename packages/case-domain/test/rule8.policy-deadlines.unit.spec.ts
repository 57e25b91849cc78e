import { describe, it } from 'vitest';
import { defaultPolicy, loadDeadlinePolicy, prcHolidays2026, type MeetingRecord } from '../src/index.js';
import { arbitrationAccepted, arbitrationApplied, cmd, ctx, days, EMPLOYERS, id, opened, rectificationOrdered } from './support/fixtures.js';
import { given } from './support/given.js';

const withCalendar = { ...defaultPolicy, calendar: prcHolidays2026 };
const MONDAY_9_MARCH = new Date('2026-03-09T02:00:00Z');

const recommendation = (urgent: boolean, replyDueAt?: string) =>
  cmd('IssueSupervisionLetter', {
    letterId: id(),
    kind: 'procuratorial_recommendation',
    addressee: { kind: 'agency', name: '某区交通运输局' },
    summary: '督促落实女职工劳动保护',
    urgent,
    ...(replyDueAt === undefined ? {} : { replyDueAt }),
  });

describe('R8: deadlines are data, from the deployment’s policy', () => {
  it('a 检察建议 is answered within two months of receipt', () => {
    given([opened()])
      .when(recommendation(false), ctx('procuratorate', MONDAY_9_MARCH, withCalendar))
      .thenAppends({
        type: 'SupervisionLetterIssued',
        data: { replyDueAt: '2026-05-09T15:59:59.999Z', urgent: false }, // 9 May 2026 is a Saturday worked (调休)
      });
  });

  it('within 15 days when marked urgent', () => {
    given([opened()])
      .when(recommendation(true), ctx('procuratorate', MONDAY_9_MARCH, withCalendar))
      .thenAppends({
        type: 'SupervisionLetterIssued',
        data: { replyDueAt: '2026-03-24T15:59:59.999Z', urgent: true },
      });
  });

  it('R8.statutory-deadline: the procuratorate does not write its own', () => {
    given([opened()])
      .when(recommendation(false, days(10).toISOString()), ctx('procuratorate'))
      .thenThrows('R8.statutory-deadline');
  });

  it('R8.letter-deadline: a union letter carries the deadline written on it, in the future', () => {
    const letter = (replyDueAt?: string) =>
      cmd('IssueSupervisionLetter', {
        letterId: id(),
        kind: 'reminder_letter',
        addressee: { kind: 'enterprise', name: EMPLOYERS[0]!.name, uscc: EMPLOYERS[0]!.uscc },
        summary: '提示依法组织女职工妇科检查',
        urgent: false,
        ...(replyDueAt === undefined ? {} : { replyDueAt }),
      });
    given([opened()])
      .when(letter(days(21).toISOString()), ctx('union'))
      .thenAppends({ type: 'SupervisionLetterIssued', data: { replyDueAt: days(21).toISOString() } });
    given([opened()]).when(letter(), ctx('union')).thenThrows('R8.letter-deadline');
    given([opened()])
      .when(letter(days(-1).toISOString()), ctx('union'))
      .thenThrows('R8.letter-deadline');
  });

  it('R8.item-deadline: rectification items and their extensions carry deadlines in the future', () => {
    const order = (deadline: string) =>
      cmd('OrderRectification', {
        rectificationId: id(),
        items: [{ itemId: id(), description: '补签女职工特殊保护专项集体合同', deadline, responsibleParty: { kind: 'enterprise', name: EMPLOYERS[1]!.name } }],
      });
    given([opened()])
      .when(order(days(60).toISOString()), ctx('hr_bureau'))
      .thenAppends({ type: 'RectificationOrdered', data: { orderedBy: 'hr_bureau' } });
    given([opened()])
      .when(order(days(-60).toISOString()), ctx('hr_bureau'))
      .thenThrows('R8.item-deadline');
  });

  it('R8.item-deadline: a joint meeting extends an item only to a future deadline', () => {
    const itemId = id();
    const meetingId = id();
    const caseOpened = opened();
    const history = [caseOpened, rectificationOrdered('hr_bureau', [itemId])];
    const caseId = caseOpened.data.caseId;
    // The meeting took each of these decisions: only the deadline rule is under test here.
    const meeting: MeetingRecord = {
      meetingId,
      decisions: [
        { caseId, itemId, decision: 'extend', newDeadline: days(90).toISOString(), note: '延期' },
        { caseId, itemId, decision: 'extend', newDeadline: days(-1).toISOString(), note: '延期' },
        { caseId, itemId, decision: 'escalate', note: '升级督办' },
      ],
    };
    const extend = (newDeadline: string) => cmd('RecordMeetingDecision', { itemId, meetingId, decision: 'extend', newDeadline, note: '延期至年底' });
    given(history)
      .when(extend(days(90).toISOString()), { ...ctx('union'), meeting })
      .thenAppends({ type: 'RectificationItemDecided', data: { decision: 'extend', newDeadline: days(90).toISOString() } });
    given(history)
      .when(extend(days(-1).toISOString()), { ...ctx('union'), meeting })
      .thenThrows('R8.item-deadline');
    given(history)
      .when(cmd('RecordMeetingDecision', { itemId, meetingId, decision: 'escalate', note: '升级督办' }), { ...ctx('procuratorate'), meeting })
      .thenAppends({
        type: 'RectificationItemDecided',
        data: { decision: 'escalate' },
      });
  });

  it('arbitration: acceptance decided within 5 days, award within 45 days of acceptance', () => {
    const arbitrationId = id();
    const apply = cmd('ApplyForArbitration', { arbitrationId, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 1_200_000 });
    given([opened()])
      .when(apply, ctx('hr_bureau', MONDAY_9_MARCH, withCalendar))
      .thenAppends({
        type: 'ArbitrationApplied',
        data: { acceptanceDueAt: '2026-03-16T15:59:59.999Z' }, // 14 March is a Saturday: rolls to Monday
      });
    const accept = cmd('AcceptArbitration', { arbitrationId, caseNumber: '西劳人仲案字〔2026〕7号' });
    given([opened(), arbitrationApplied(arbitrationId)])
      .when(accept, ctx('hr_bureau', MONDAY_9_MARCH, withCalendar))
      .thenAppends({
        type: 'ArbitrationAccepted',
        data: { conclusionDueAt: '2026-04-23T15:59:59.999Z' },
      });
  });

  it('extendable once by 15 days, before the period ends', () => {
    const arbitrationId = id();
    const history = [opened(), arbitrationApplied(arbitrationId), arbitrationAccepted(arbitrationId, '2026-04-23T15:59:59.999Z')];
    const extend = cmd('ExtendArbitration', { arbitrationId, reason: '案情复杂，经主任批准延期' });
    given(history)
      .when(extend, ctx('hr_bureau', new Date('2026-04-20T02:00:00Z'), withCalendar))
      .thenAppends({
        type: 'ArbitrationExtended',
        data: { conclusionDueAt: '2026-05-08T15:59:59.999Z' },
      });
    const extended = [
      ...history,
      { type: 'ArbitrationExtended' as const, data: { arbitrationId, reason: '延期', conclusionDueAt: '2026-05-08T15:59:59.999Z' } },
    ];
    given(extended)
      .when(extend, ctx('hr_bureau', new Date('2026-04-30T02:00:00Z')))
      .thenThrows('R8.extend-once');
    given(history)
      .when(extend, ctx('hr_bureau', new Date('2026-04-24T02:00:00Z')))
      .thenThrows('R8.extend-before-due');
  });

  it('a deployment’s own policy changes the deadlines the decider writes', () => {
    const policy = loadDeadlinePolicy({ workerFeedback: { amount: 1, unit: 'working_days' } }, prcHolidays2026);
    const open = cmd('OpenCase', {
      caseId: id(),
      channel: 'walk_in',
      category: 'wage_arrears',
      summary: '国庆前来访',
      employers: [EMPLOYERS[0]!],
      workerCount: 1,
      workers: [],
      amountClaimedFen: 0,
      region: '330106',
    });
    given([])
      .when(open, ctx('union', new Date('2026-09-30T08:00:00Z'), policy))
      .thenAppends({
        type: 'CaseOpened',
        data: { workerFeedbackDueAt: '2026-10-08T15:59:59.999Z' },
      });
  });
});
