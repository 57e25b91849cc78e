import { randomUUID } from 'node:crypto';
import type { CaseEvent } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { mediationOutcome, openDeadlines, type CaseCommand, type DecisionContext, type OpenedCase } from '../src/index.js';
import { cmd, ctx, days, EMPLOYERS, hours, workerRef } from './support/fixtures.js';
import { given, stateOf } from './support/given.js';

/**
 * The full 商调裁执督 chain on a wage-arrears complaint from the 12351 hotline: negotiation and
 * mediation fail, legal aid, an arbitration declined and one accepted, a delegated mediation that
 * fails, an award, a supported suit, judgment, enforcement, credit listing, closing, erasure.
 */
describe('a wage-arrears case along the whole chain', () => {
  it('goes 商 → 调 → 裁 → 诉 → 执 with 督 alongside, and closes as enforced', () => {
    const history: CaseEvent[] = [];
    const step = (command: CaseCommand, context: DecisionContext, ...expected: { type: CaseEvent['type']; data?: Record<string, unknown> }[]) =>
      history.push(
        ...given(history)
          .when(command, context)
          .thenAppends(...expected),
      );
    const [w1, w2, mediation1, mediation2, declinedArb] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const [arbitrationId, litigationId, enforcementId] = [randomUUID(), randomUUID(), randomUUID()];

    step(
      cmd('OpenCase', {
        caseId: randomUUID(),
        channel: 'hotline_12351',
        category: 'wage_arrears',
        summary: '装修项目拖欠两名工人工资',
        employers: [EMPLOYERS[0]!],
        workerCount: 2,
        workers: [workerRef(w1), workerRef(w2)],
        amountClaimedFen: 3_600_000,
        region: '330106',
      }),
      ctx('union'),
      { type: 'CaseOpened', data: { workerCount: 2 } },
    );
    step(cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已受理，将组织协商' }), ctx('union', hours(3)), { type: 'WorkerFeedbackGiven' });

    // 商 and 调 fail.
    step(
      cmd('HoldNegotiation', { negotiationId: randomUUID(), outcome: 'not_settled', amountAgreedFen: 0, summary: '单位不认可欠薪数额' }),
      ctx('union', days(2)),
      { type: 'NegotiationHeld' },
    );
    step(cmd('StartMediation', { mediationId: mediation1, mediationRoom: '街道工会调解室' }), ctx('union', days(3)), {
      type: 'MediationStarted',
      data: { mediator: 'union', delegated: false },
    });
    step(cmd('FailMediation', { mediationId: mediation1, reason: '单位拒不到场' }), ctx('union', days(4)), { type: 'MediationFailed' });
    step(cmd('AssignLegalAid', { legalAidId: randomUUID(), provider: '区法律援助中心', workerIds: [w1, w2] }), ctx('union', days(4)), {
      type: 'LegalAidAssigned',
    });

    // 裁: one application declined, a second accepted; a delegated mediation fails; an award.
    step(
      cmd('ApplyForArbitration', { arbitrationId: declinedArb, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 3_600_000 }),
      ctx('hr_bureau', days(5)),
      { type: 'ArbitrationApplied' },
    );
    step(cmd('DeclineArbitration', { arbitrationId: declinedArb, reason: '不属本委管辖，告知向用人单位所在地仲裁委申请' }), ctx('hr_bureau', days(6)), {
      type: 'ArbitrationDeclined',
    });
    step(
      cmd('ApplyForArbitration', { arbitrationId, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 3_600_000 }),
      ctx('hr_bureau', days(8)),
      { type: 'ArbitrationApplied' },
    );
    step(cmd('AcceptArbitration', { arbitrationId, caseNumber: '西劳人仲案字〔2026〕21号' }), ctx('hr_bureau', days(10)), { type: 'ArbitrationAccepted' });
    step(
      cmd('DelegateMediation', { mediationId: mediation2, arbitrationId, mediationRoom: '区总工会劳动争议调解室', workerConsent: true, employerConsent: true }),
      ctx('hr_bureau', days(11)),
      { type: 'MediationDelegated' },
    );
    step(cmd('StartMediation', { mediationId: mediation2 }), ctx('union', days(12)), { type: 'MediationStarted', data: { delegated: true } });
    step(cmd('FailMediation', { mediationId: mediation2, reason: '调解不成' }), ctx('union', days(20)), { type: 'MediationFailed' });
    expect(mediationOutcome(stateOf(history))).toBe('failed');
    step(
      cmd('IssueArbitrationAward', {
        arbitrationId,
        awardNo: '西劳人仲裁字〔2026〕21号',
        amountAwardedFen: 3_200_000,
        final: false,
        summary: '裁决支付工资 32,000 元',
      }),
      ctx('hr_bureau', days(40)),
      { type: 'ArbitrationAwardIssued', data: { final: false } },
    );

    // 诉: the procuratorate supports the workers' suit; judgment.
    step(
      cmd('SupportProsecution', { supportId: randomUUID(), documentNo: '某检民支〔2026〕5号', summary: '支持两名工人起诉追索劳动报酬', workerIds: [w1, w2] }),
      ctx('procuratorate', days(45)),
      { type: 'ProsecutionSupported' },
    );
    step(
      cmd('FileLitigation', { litigationId, plaintiff: 'worker', caseNumber: '(2026)浙0106民初321号', amountClaimedFen: 3_600_000, arbitrationId }),
      ctx('court', days(46)),
      { type: 'LitigationFiled' },
    );
    step(
      cmd('IssueJudgment', { litigationId, judgmentNo: '(2026)浙0106民初321号', amountAwardedFen: 3_600_000, summary: '判决支付全部欠薪' }),
      ctx('court', days(90)),
      { type: 'JudgmentIssued' },
    );

    // 执, with 督 alongside: the HR bureau lists the employer.
    step(cmd('ApplyForEnforcement', { enforcementId, basis: { kind: 'judgment', ref: litigationId }, amountFen: 3_600_000 }), ctx('court', days(110)), {
      type: 'EnforcementApplied',
    });
    step(
      cmd('ListEmployerForCredit', { uscc: EMPLOYERS[0]!.uscc, list: 'wage_arrears_blacklist', reason: '拒不支付劳动报酬经强制执行' }),
      ctx('hr_bureau', days(115)),
      { type: 'EmployerCreditListed' },
    );
    step(cmd('CompleteEnforcement', { enforcementId, outcome: 'full', amountRecoveredFen: 3_600_000 }), ctx('court', days(130)), {
      type: 'EnforcementCompleted',
    });

    step(cmd('CloseCase', { resolution: 'enforced', amountRecoveredFen: 3_600_000, summary: '执行到位，销号' }), ctx('union', days(131)), {
      type: 'CaseClosed',
      data: { amountRecoveredFen: 3_600_000 },
    });
    step(cmd('EraseWorkerData', { workerId: w2, reason: 'worker_request' }), ctx('union', days(200)), {
      type: 'WorkerDataErased',
      data: { workerId: w2, fields: ['name', 'phone'] },
    });

    const final = stateOf(history) as OpenedCase;
    expect(final).toMatchObject({ status: 'closed', closure: { resolution: 'enforced', amountRecoveredFen: 3_600_000 } });
    expect(final.workers[w2]?.erased).toBe(true);
    expect(openDeadlines(final, days(200))).toEqual([]);
  });
});
