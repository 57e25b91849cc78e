import { randomUUID } from 'node:crypto';
import { parseEventData, type CaseEvent } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  defaultPolicy,
  endOfShanghaiDay,
  mediationOutcome,
  openDeadlines,
  prcHolidays2026,
  type CaseCommand,
  type DecisionContext,
  type OpenedCase,
} from '../src/index.js';
import { cmd, ctx as baseCtx, EMPLOYERS } from './support/fixtures.js';
import { given, stateOf } from './support/given.js';

/**
 * DOMAIN.md, "A worked example": a union finds that 4 hazardous-goods logistics firms never gave
 * female workers gynecological check-ups and 3 had no female-worker protection clause; the lead
 * goes to the procuratorate, they review it jointly, the union issues a 提示函 and the
 * procuratorate a 检察建议, the employers are ordered to rectify, a follow-up checks, and a joint
 * meeting with the industry association and the health commission closes the last item.
 */
describe('the worked example, from CaseOpened to CaseClosed', () => {
  const policy = { ...defaultPolicy, calendar: prcHolidays2026 };
  const at = (iso: string) => new Date(iso);
  const ctx = (agency: Parameters<typeof baseCtx>[0], when: string) => baseCtx(agency, at(when), policy);

  const caseId = randomUUID();
  const leadId = randomUUID();
  const reminderId = randomUUID();
  const recommendationId = randomUUID();
  const rectificationId = randomUUID();
  const meetingId = randomUUID();
  const checkUps = EMPLOYERS.map(() => randomUUID());
  const clauses = EMPLOYERS.slice(0, 3).map(() => randomUUID());
  const enterprise = (i: number) => ({ kind: 'enterprise' as const, name: EMPLOYERS[i]!.name, uscc: EMPLOYERS[i]!.uscc });

  it('runs the whole loop: 发现 → 移交 → 处置 → 反馈 → 销号', () => {
    const history: CaseEvent[] = [];
    const step = (command: CaseCommand, context: DecisionContext, ...expected: { type: CaseEvent['type']; data?: Record<string, unknown> }[]) =>
      history.push(
        ...given(history)
          .when(command, context)
          .thenAppends(...expected),
      );

    // 发现: the union finds it through its own inspection (Monday 2 March 2026, 10:00 Shanghai).
    step(
      cmd('OpenCase', {
        caseId,
        channel: 'inspection',
        category: 'female_worker_protection',
        summary: '4 家危化品物流企业未组织女职工妇科检查，其中 3 家未订立女职工特殊保护条款',
        employers: EMPLOYERS,
        workerCount: 126,
        workers: [],
        amountClaimedFen: 0,
        region: '330106',
      }),
      ctx('union', '2026-03-02T02:00:00Z'),
      { type: 'CaseOpened', data: { caseId, openedBy: 'union', workerFeedbackDueAt: '2026-03-03T02:00:00.000Z' } },
    );

    // 移交: the lead goes to the district procuratorate, feedback due in 10 working days.
    const leadDue = endOfShanghaiDay(addWorkingDays('2026-03-02', 10, prcHolidays2026)).toISOString();
    step(
      cmd('TransferLead', { leadId, to: 'procuratorate', summary: '女职工特殊保护问题线索', feedbackDueAt: leadDue }),
      ctx('union', '2026-03-02T03:00:00Z'),
      { type: 'LeadTransferred', data: { from: 'union', to: 'procuratorate', feedbackDueAt: '2026-03-16T15:59:59.999Z' } },
    );
    step(cmd('GiveWorkerFeedback', { channel: 'in_person', summary: '已向企业工会及女职工代表告知线索已移送' }), ctx('union', '2026-03-02T09:00:00Z'), {
      type: 'WorkerFeedbackGiven',
    });
    step(cmd('AcceptLead', { leadId, note: '立案审查' }), ctx('procuratorate', '2026-03-03T02:00:00Z'), { type: 'LeadAccepted' });

    // 处置: joint review, then a 提示函 from the union and a 检察建议 from the procuratorate.
    step(
      cmd('HoldJointReview', {
        reviewId: randomUUID(),
        agencies: ['procuratorate', 'union'],
        otherParticipants: [],
        conclusion: '工会发提示函，检察院制发检察建议',
        routeTo: 'supervision',
      }),
      ctx('procuratorate', '2026-03-05T06:00:00Z'),
      { type: 'JointReviewHeld' },
    );
    const reminderDue = endOfShanghaiDay(addWorkingDays('2026-03-06', 15, prcHolidays2026)).toISOString();
    step(
      cmd('IssueSupervisionLetter', {
        letterId: reminderId,
        kind: 'reminder_letter',
        addressee: enterprise(0),
        summary: '提示依法组织女职工妇科检查',
        replyDueAt: reminderDue,
        urgent: false,
      }),
      ctx('union', '2026-03-06T02:00:00Z'),
      { type: 'SupervisionLetterIssued', data: { kind: 'reminder_letter', replyDueAt: '2026-03-27T15:59:59.999Z' } },
    );
    step(
      cmd('IssueSupervisionLetter', {
        letterId: recommendationId,
        kind: 'procuratorial_recommendation',
        addressee: { kind: 'agency', name: '某区交通运输局' },
        documentNo: '某检行建〔2026〕3号',
        summary: '督促对辖区危化品物流企业落实女职工劳动保护',
        urgent: false,
      }),
      ctx('procuratorate', '2026-03-09T02:00:00Z'),
      { type: 'SupervisionLetterIssued', data: { kind: 'procuratorial_recommendation', replyDueAt: '2026-05-09T15:59:59.999Z' } },
    );

    // The employers are ordered to rectify: 4 check-ups, 3 clauses, each with its own deadline.
    const items = [
      ...checkUps.map((itemId, i) => ({ itemId, description: '组织女职工妇科检查', deadline: '2026-04-30T15:59:59.999Z', responsibleParty: enterprise(i) })),
      ...clauses.map((itemId, i) => ({
        itemId,
        description: '在劳动合同中订立女职工特殊保护条款',
        deadline: '2026-04-15T15:59:59.999Z',
        responsibleParty: enterprise(i),
      })),
    ];
    step(cmd('OrderRectification', { rectificationId, letterId: recommendationId, items }), ctx('procuratorate', '2026-03-10T02:00:00Z'), {
      type: 'RectificationOrdered',
    });
    expect(openDeadlines(stateOf(history), at('2026-04-14T02:00:00Z')).filter((d) => d.status === 'due_soon')).toHaveLength(3);

    // Replies and reports; the fourth firm never reports its check-ups.
    step(cmd('ReplyToSupervisionLetter', { letterId: reminderId, summary: '企业书面回复：已安排体检' }), ctx('union', '2026-03-20T02:00:00Z'), {
      type: 'SupervisionLetterReplied',
    });
    step(
      cmd('ReplyToSupervisionLetter', { letterId: recommendationId, summary: '交通运输局书面回复：已开展专项检查' }),
      ctx('procuratorate', '2026-04-20T02:00:00Z'),
      { type: 'SupervisionLetterReplied' },
    );
    for (const itemId of [...checkUps.slice(0, 3), ...clauses]) {
      step(cmd('ReportRectificationItem', { itemId, summary: '企业报告已整改' }), ctx('procuratorate', '2026-04-10T02:00:00Z'), {
        type: 'RectificationItemReported',
        data: { itemId },
      });
    }

    // 回头看: six verified, the fourth firm's check-ups not done.
    step(
      cmd('DoFollowUp', {
        followUpId: randomUUID(),
        results: [...checkUps.slice(0, 3), ...clauses]
          .map((itemId) => ({ itemId, verified: true, findings: '现场核查属实' }))
          .concat([{ itemId: checkUps[3]!, verified: false, findings: '尚未组织体检：企业称费用过高' }]),
      }),
      ctx('procuratorate', '2026-05-06T02:00:00Z'),
      { type: 'FollowUpDone' },
    );

    // Not yet: the lead is unanswered and one item is open.
    given(history)
      .when(cmd('CloseCase', { resolution: 'rectified', amountRecoveredFen: 0, summary: '整改完毕' }), ctx('union', '2026-05-06T06:00:00Z'))
      .thenThrows('R7.leads');
    expect(openDeadlines(stateOf(history), at('2026-05-06T06:00:00Z'))).toMatchObject([
      { kind: 'lead_feedback', ref: leadId, agency: 'procuratorate', status: 'overdue' },
      { kind: 'rectification_item', ref: checkUps[3], agency: 'procuratorate', status: 'overdue' },
    ]);

    // The joint meeting (with the industry association and the health commission) sets up discounted check-ups for 34 firms.
    const meeting = parseEventData('JointMeetingHeld', {
      meetingId,
      attendees: { agencies: ['union', 'procuratorate'], otherBodies: ['区危化品物流行业协会', '区卫生健康委员会'] },
      casesReviewed: [caseId],
      decisions: [{ caseId, itemId: checkUps[3], decision: 'close', note: '纳入 34 家企业优惠体检安排' }],
      minutes: '行业协会牵头、卫健委支持，为 34 家企业女职工提供优惠妇科检查',
    });
    step(
      cmd('RecordMeetingDecision', { itemId: checkUps[3]!, meetingId: meeting.meetingId, decision: 'close', note: '纳入 34 家企业优惠体检安排' }),
      { ...baseCtx('union', at('2026-05-08T02:00:00Z'), policy, ['secretary']), meeting: { meetingId, decisions: meeting.decisions } },
      { type: 'RectificationItemDecided', data: { decision: 'close', meetingId } },
    );

    // 反馈 → 销号.
    step(cmd('GiveLeadFeedback', { leadId, summary: '检察建议已获回复，整改经回头看核实，联席会议已作安排' }), ctx('procuratorate', '2026-05-08T06:00:00Z'), {
      type: 'LeadFeedbackGiven',
    });
    step(
      cmd('CloseCase', { resolution: 'rectified', amountRecoveredFen: 0, summary: '7 项整改全部完成或经联席会议销项' }),
      ctx('union', '2026-05-11T02:00:00Z'),
      { type: 'CaseClosed', data: { closedBy: 'union', resolution: 'rectified' } },
    );

    const final = stateOf(history) as OpenedCase;
    expect(final.status).toBe('closed');
    expect(
      Object.values(final.items)
        .map((i) => i.status)
        .sort(),
    ).toEqual(['closed', ...Array<string>(6).fill('verified')]);
    expect(openDeadlines(final, at('2026-05-11T02:00:00Z'))).toEqual([]);
    expect(mediationOutcome(final)).toBe('none');
    expect(history).toHaveLength(20);
  });
});
