import { describe, it } from 'vitest';
import {
  arbitrationAccepted,
  arbitrationApplied,
  closed,
  cmd,
  ctx,
  days,
  EMPLOYERS,
  feedbackGiven,
  id,
  opened,
  rectificationOrdered,
  workerRef,
} from './support/fixtures.js';
import { given } from './support/given.js';

const feedback = cmd('GiveWorkerFeedback', { channel: 'sms', summary: '已短信告知办理进度' });

describe('chain preconditions: nothing follows what never happened', () => {
  it('CHAIN.not-opened / CHAIN.already-opened', () => {
    given([]).when(feedback, ctx('union')).thenThrows('CHAIN.not-opened');
    given([])
      .when(cmd('ReopenCase', { reason: '再次投诉' }), ctx('union'))
      .thenThrows('CHAIN.not-opened');
    const open = cmd('OpenCase', {
      caseId: id(),
      channel: 'walk_in',
      category: 'wage_arrears',
      summary: '欠薪',
      employers: [EMPLOYERS[0]!],
      workerCount: 1,
      workers: [],
      amountClaimedFen: 0,
      region: '330106',
    });
    given([opened()]).when(open, ctx('union')).thenThrows('CHAIN.already-opened');
  });

  it('CHAIN.closed: a closed case takes nothing but a reopening or an erasure', () => {
    const workerId = id();
    const history = [opened('union', { workers: [workerRef(workerId)] }), feedbackGiven(), closed()];
    given(history).when(feedback, ctx('union')).thenThrows('CHAIN.closed');
    given(history)
      .when(cmd('TransferLead', { leadId: id(), to: 'court', summary: '线索', feedbackDueAt: days(3).toISOString() }), ctx('union'))
      .thenThrows('CHAIN.closed');
    given(history)
      .when(cmd('EraseWorkerData', { workerId, reason: 'worker_request' }), ctx('union'))
      .thenAppends({
        type: 'WorkerDataErased',
        data: { workerId, erasedBy: 'union', fields: ['name', 'phone'] },
      });
    given(history)
      .when(cmd('ReopenCase', { reason: '职工反映欠款未付清' }), ctx('procuratorate'))
      .thenAppends({
        type: 'CaseReopened',
        data: { reopenedBy: 'procuratorate', workerFeedbackDueAt: days(1).toISOString() },
      });
  });

  it('CHAIN.not-closed: only a closed case is reopened', () => {
    given([opened()])
      .when(cmd('ReopenCase', { reason: '误操作' }), ctx('union'))
      .thenThrows('CHAIN.not-closed');
  });

  it('a reopened case owes the worker fresh feedback before closing again (R7.feedback)', () => {
    const reopened = [
      opened(),
      feedbackGiven(),
      closed(),
      { type: 'CaseReopened' as const, data: { reopenedBy: 'union' as const, reason: '再次投诉', workerFeedbackDueAt: days(2).toISOString() } },
    ];
    given(reopened)
      .when(cmd('CloseCase', { resolution: 'withdrawn', amountRecoveredFen: 0, summary: '撤回' }), ctx('union'))
      .thenThrows('R7.feedback');
  });

  it('CHAIN.duplicate-id: an id names one thing', () => {
    const leadId = id();
    const history = [
      opened(),
      {
        type: 'LeadTransferred' as const,
        data: { leadId, from: 'union' as const, to: 'court' as const, summary: '线索', feedbackDueAt: days(3).toISOString() },
      },
    ];
    given(history)
      .when(cmd('TransferLead', { leadId, to: 'procuratorate', summary: '又一条', feedbackDueAt: days(3).toISOString() }), ctx('union'))
      .thenThrows('CHAIN.duplicate-id');
    const itemId = id();
    const twice = cmd('OrderRectification', {
      rectificationId: id(),
      items: [0, 1].map(() => ({
        itemId,
        description: '整改',
        deadline: days(9).toISOString(),
        responsibleParty: { kind: 'enterprise' as const, name: '某公司' },
      })),
    });
    given([opened()]).when(twice, ctx('union')).thenThrows('CHAIN.duplicate-id');
  });

  it('CHAIN.lead-to-self / CHAIN.letter-to-self', () => {
    given([opened()])
      .when(cmd('TransferLead', { leadId: id(), to: 'union', summary: '线索', feedbackDueAt: days(3).toISOString() }), ctx('union'))
      .thenThrows('CHAIN.lead-to-self');
    const letter = cmd('IssueSupervisionLetter', {
      letterId: id(),
      kind: 'opinion_letter',
      addressee: { kind: 'agency', name: '本会', agencyId: 'union' },
      summary: '意见',
      replyDueAt: days(9).toISOString(),
      urgent: false,
    });
    given([opened()]).when(letter, ctx('union')).thenThrows('CHAIN.letter-to-self');
  });

  it('CHAIN.worker-count / CHAIN.worker-erased / unknown workers', () => {
    const open = cmd('OpenCase', {
      caseId: id(),
      channel: 'walk_in',
      category: 'wage_arrears',
      summary: '欠薪',
      employers: [EMPLOYERS[0]!],
      workerCount: 1,
      workers: [workerRef(), workerRef()],
      amountClaimedFen: 0,
      region: '330106',
    });
    given([]).when(open, ctx('union')).thenThrows('CHAIN.worker-count');
    const workerId = id();
    const erased = [
      opened('union', { workers: [workerRef(workerId)] }),
      { type: 'WorkerDataErased' as const, data: { workerId, erasedBy: 'union' as const, reason: 'worker_request' as const, fields: ['name' as const] } },
    ];
    given(erased)
      .when(cmd('EraseWorkerData', { workerId, reason: 'worker_request' }), ctx('union'))
      .thenThrows('CHAIN.worker-erased');
    given([opened()])
      .when(cmd('AssignLegalAid', { legalAidId: id(), provider: '区法律援助中心', workerIds: [workerId] }), ctx('union'))
      .thenThrows('CHAIN.unknown-ref');
  });

  it('CHAIN.arbitration-state: accepted once, decided only after acceptance', () => {
    const arbitrationId = id();
    const accepted = [opened(), arbitrationApplied(arbitrationId), arbitrationAccepted(arbitrationId)];
    given(accepted)
      .when(cmd('AcceptArbitration', { arbitrationId, caseNumber: '2号' }), ctx('hr_bureau'))
      .thenThrows('CHAIN.arbitration-state');
    given(accepted)
      .when(cmd('DeclineArbitration', { arbitrationId, reason: '超过时效' }), ctx('hr_bureau'))
      .thenThrows('CHAIN.arbitration-state');
    const award = cmd('IssueArbitrationAward', { arbitrationId, awardNo: '裁字1号', amountAwardedFen: 100, final: true, summary: '终局裁决' });
    given([opened(), arbitrationApplied(arbitrationId)])
      .when(award, ctx('hr_bureau'))
      .thenThrows('CHAIN.arbitration-state');
    given(accepted)
      .when(award, ctx('hr_bureau'))
      .thenAppends({ type: 'ArbitrationAwardIssued', data: { final: true } });
  });

  it('CHAIN.arbitration-pending: a suit follows an arbitration only once it is over or overdue', () => {
    const arbitrationId = id();
    const pending = [opened(), arbitrationApplied(arbitrationId), arbitrationAccepted(arbitrationId)];
    const file = cmd('FileLitigation', { litigationId: id(), plaintiff: 'worker', caseNumber: '(2026)浙0106民初9号', amountClaimedFen: 100, arbitrationId });
    given(pending)
      .when(file, ctx('court', days(10)))
      .thenThrows('CHAIN.arbitration-pending');
    given(pending)
      .when(file, ctx('court', days(46)))
      .thenAppends({ type: 'LitigationFiled', data: { arbitrationId } });
    given([opened(), arbitrationApplied(arbitrationId), { type: 'ArbitrationDeclined' as const, data: { arbitrationId, reason: '不属受案范围' } }])
      .when(file, ctx('court', days(3)))
      .thenAppends({ type: 'LitigationFiled' });
  });

  it('CHAIN.litigation-state / CHAIN.enforcement-basis / CHAIN.enforcement-state', () => {
    const litigationId = id();
    const filed = [
      opened(),
      { type: 'LitigationFiled' as const, data: { litigationId, plaintiff: 'worker' as const, caseNumber: '9号', amountClaimedFen: 100 } },
    ];
    const judged = [
      ...filed,
      {
        type: 'JudgmentIssued' as const,
        data: { litigationId, judgmentNo: '9号', amountAwardedFen: 100, awardedItems: [{ kind: 'wages' as const, amountFen: 100 }], summary: '判决' },
      },
    ];
    given(judged)
      .when(cmd('IssueJudgment', { litigationId, judgmentNo: '10号', amountAwardedFen: 1, summary: '再判' }), ctx('court'))
      .thenThrows('CHAIN.litigation-state');
    const enforcementId = id();
    const apply = cmd('ApplyForEnforcement', { enforcementId, basis: { kind: 'judgment', ref: litigationId }, amountFen: 100 });
    given(filed).when(apply, ctx('court')).thenThrows('CHAIN.enforcement-basis');
    given(judged).when(apply, ctx('court')).thenAppends({ type: 'EnforcementApplied' });
    const done = [
      ...judged,
      { type: 'EnforcementApplied' as const, data: { enforcementId, basis: { kind: 'judgment' as const, ref: litigationId }, amountFen: 100 } },
      { type: 'EnforcementCompleted' as const, data: { enforcementId, outcome: 'full' as const, amountRecoveredFen: 100 } },
    ];
    given(done)
      .when(cmd('CompleteEnforcement', { enforcementId, outcome: 'full', amountRecoveredFen: 100 }), ctx('court'))
      .thenThrows('CHAIN.enforcement-state');
  });

  it('CHAIN.letter-replied / CHAIN.item-state', () => {
    const letterId = id();
    const replied = [
      opened(),
      {
        type: 'SupervisionLetterIssued' as const,
        data: {
          letterId,
          kind: 'reminder_letter' as const,
          issuedBy: 'union' as const,
          addressee: { kind: 'enterprise' as const, name: '某公司' },
          summary: '提示',
          replyDueAt: days(9).toISOString(),
          urgent: false,
        },
      },
      { type: 'SupervisionLetterReplied' as const, data: { letterId, summary: '已回复' } },
    ];
    given(replied)
      .when(cmd('ReplyToSupervisionLetter', { letterId, summary: '再回复' }), ctx('union'))
      .thenThrows('CHAIN.letter-replied');
    const itemId = id();
    const reported = [opened(), rectificationOrdered('union', [itemId]), { type: 'RectificationItemReported' as const, data: { itemId, summary: '已整改' } }];
    given(reported)
      .when(cmd('ReportRectificationItem', { itemId, summary: '再报' }), ctx('union'))
      .thenThrows('CHAIN.item-state');
    const verified = [...reported, { type: 'FollowUpDone' as const, data: { followUpId: id(), results: [{ itemId, verified: true, findings: '属实' }] } }];
    given(verified)
      .when(cmd('DoFollowUp', { followUpId: id(), results: [{ itemId, verified: true, findings: '又查' }] }), ctx('procuratorate'))
      .thenThrows('CHAIN.item-state');
    given(verified)
      .when(cmd('RecordMeetingDecision', { itemId, meetingId: id(), decision: 'escalate', note: '升级' }), ctx('union'))
      .thenThrows('CHAIN.item-state');
  });

  it('CHAIN.already-listed / unknown employer', () => {
    const list = cmd('ListEmployerForCredit', { uscc: EMPLOYERS[0]!.uscc, list: 'key_monitoring', reason: '拒不整改' });
    const events = given([opened()])
      .when(list, ctx('hr_bureau'))
      .thenAppends({ type: 'EmployerCreditListed', data: { employer: EMPLOYERS[0] } });
    given([opened(), ...events])
      .when(list, ctx('hr_bureau'))
      .thenThrows('CHAIN.already-listed');
    given([opened()])
      .when(cmd('ListEmployerForCredit', { uscc: EMPLOYERS[3]!.uscc, list: 'key_monitoring', reason: '拒不整改' }), ctx('hr_bureau'))
      .thenThrows('CHAIN.unknown-ref');
  });

  it('CHAIN.resolution: the resolution must be borne out by the record', () => {
    const ready = [opened(), feedbackGiven()];
    for (const resolution of ['settled_by_negotiation', 'arbitration_concluded', 'judgment', 'enforced', 'rectified'] as const) {
      given(ready)
        .when(cmd('CloseCase', { resolution, amountRecoveredFen: 0, summary: '结案' }), ctx('union'))
        .thenThrows('CHAIN.resolution');
    }
    const negotiated = [
      ...ready,
      { type: 'NegotiationHeld' as const, data: { negotiationId: id(), outcome: 'settled' as const, amountAgreedFen: 500, summary: '达成和解' } },
    ];
    given(negotiated)
      .when(cmd('CloseCase', { resolution: 'settled_by_negotiation', amountRecoveredFen: 500, summary: '协商解决' }), ctx('union'))
      .thenAppends({ type: 'CaseClosed' });
  });
});
