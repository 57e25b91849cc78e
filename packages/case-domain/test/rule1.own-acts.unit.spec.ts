import type { AgencyId } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { cmd, ctx, days, EMPLOYERS, id, mediationStarted, opened, rectificationOrdered, workerRef } from './support/fixtures.js';
import { given } from './support/given.js';

const others = (allowed: AgencyId) => (['union', 'procuratorate', 'hr_bureau', 'court'] as const).filter((a) => a !== allowed);

describe('R1: an agency records only its own acts', () => {
  it('only the court issues judgments', () => {
    const litigationId = id();
    const history = [
      opened(),
      { type: 'LitigationFiled' as const, data: { litigationId, plaintiff: 'worker' as const, caseNumber: '(2026)浙0106民初88号', amountClaimedFen: 100 } },
    ];
    const judgment = cmd('IssueJudgment', { litigationId, judgmentNo: '(2026)浙0106民初88号', amountAwardedFen: 100, summary: '判决支付' });
    given(history).when(judgment, ctx('court')).thenAppends({ type: 'JudgmentIssued', data: { litigationId } });
    for (const agency of others('court')) given(history).when(judgment, ctx(agency)).thenThrows('R1');
  });

  it('only the HR bureau’s commission accepts arbitration', () => {
    const arbitrationId = id();
    const history = [
      opened(),
      {
        type: 'ArbitrationApplied' as const,
        data: {
          arbitrationId,
          applicant: 'worker' as const,
          claimCategories: ['wage_arrears' as const],
          amountClaimedFen: 1,
          acceptanceDueAt: days(5).toISOString(),
        },
      },
    ];
    const accept = cmd('AcceptArbitration', { arbitrationId, caseNumber: '西劳人仲案字〔2026〕1号' });
    given(history).when(accept, ctx('hr_bureau')).thenAppends({ type: 'ArbitrationAccepted' });
    for (const agency of others('hr_bureau')) given(history).when(accept, ctx(agency)).thenThrows('R1');
  });

  const letter = (kind: 'reminder_letter' | 'opinion_letter' | 'recommendation_letter' | 'procuratorial_recommendation' | 'rectification_order') =>
    cmd('IssueSupervisionLetter', {
      letterId: id(),
      kind,
      addressee: { kind: 'enterprise', name: EMPLOYERS[0]!.name },
      summary: '依法落实女职工特殊保护',
      urgent: false,
      ...(kind === 'procuratorial_recommendation' ? {} : { replyDueAt: days(21).toISOString() }),
    });

  it('only the union issues the 一函两书', () => {
    for (const kind of ['reminder_letter', 'opinion_letter', 'recommendation_letter'] as const) {
      given([opened()])
        .when(letter(kind), ctx('union'))
        .thenAppends({ type: 'SupervisionLetterIssued', data: { kind, issuedBy: 'union' } });
      for (const agency of others('union')) given([opened()]).when(letter(kind), ctx(agency)).thenThrows('R1');
    }
  });

  it('only the procuratorate issues 检察建议, only the HR bureau 责令改正决定书', () => {
    given([opened()]).when(letter('procuratorial_recommendation'), ctx('procuratorate')).thenAppends({ type: 'SupervisionLetterIssued' });
    for (const agency of others('procuratorate')) given([opened()]).when(letter('procuratorial_recommendation'), ctx(agency)).thenThrows('R1');
    given([opened()]).when(letter('rectification_order'), ctx('hr_bureau')).thenAppends({ type: 'SupervisionLetterIssued' });
    for (const agency of others('hr_bureau')) given([opened()]).when(letter('rectification_order'), ctx(agency)).thenThrows('R1');
  });

  it('says in the message which agency issues the letter', () => {
    const refused = given([opened()]).when(letter('procuratorial_recommendation'), ctx('union')).thenThrows('R1');
    expect(refused.message).toContain('检察建议只能由人民检察院发出');
    expect(refused.messageEn).toContain("People's procuratorate");
  });

  it('R1.mediator: only the mediating agency records its mediation’s acts', () => {
    const mediationId = id();
    const history = [opened(), mediationStarted(mediationId, 'union')];
    const sign = cmd('SignMediationAgreement', { mediationId, amountAgreedFen: 100, terms: '一次性支付' });
    given(history).when(sign, ctx('union')).thenAppends({ type: 'MediationAgreementSigned' });
    given(history).when(sign, ctx('court')).thenThrows('R1.mediator');
    given(history)
      .when(cmd('FailMediation', { mediationId, reason: '单位拒不到场' }), ctx('hr_bureau'))
      .thenThrows('R1.mediator');
  });

  it('R1.reply: the addressed agency records its own reply; for an enterprise, the issuer does', () => {
    const toAgency = id();
    const toEnterprise = id();
    const issued = (letterId: string, addressee: { kind: 'agency'; name: string; agencyId: AgencyId } | { kind: 'enterprise'; name: string }) => ({
      type: 'SupervisionLetterIssued' as const,
      data: {
        letterId,
        kind: 'procuratorial_recommendation' as const,
        issuedBy: 'procuratorate' as const,
        addressee,
        summary: '检察建议',
        replyDueAt: days(60).toISOString(),
        urgent: false,
      },
    });
    const history = [
      opened(),
      issued(toAgency, { kind: 'agency', name: '某区人社局', agencyId: 'hr_bureau' }),
      issued(toEnterprise, { kind: 'enterprise', name: EMPLOYERS[0]!.name }),
    ];
    const reply = (letterId: string) => cmd('ReplyToSupervisionLetter', { letterId, summary: '已整改并书面回复' });
    given(history).when(reply(toAgency), ctx('hr_bureau')).thenAppends({ type: 'SupervisionLetterReplied' });
    given(history).when(reply(toAgency), ctx('procuratorate')).thenThrows('R1.reply');
    given(history).when(reply(toEnterprise), ctx('procuratorate')).thenAppends({ type: 'SupervisionLetterReplied' });
    given(history).when(reply(toEnterprise), ctx('union')).thenThrows('R1.reply');
  });

  it('R1.rectification: an enterprise’s report is recorded by the agency that ordered the item', () => {
    const itemId = id();
    const history = [opened(), rectificationOrdered('procuratorate', [itemId])];
    const report = cmd('ReportRectificationItem', { itemId, summary: '已组织体检' });
    given(history).when(report, ctx('procuratorate')).thenAppends({ type: 'RectificationItemReported', data: { itemId } });
    given(history).when(report, ctx('union')).thenThrows('R1.rectification');
  });

  it('R1.case-owner: only the agency that opened the case closes it', () => {
    const history = [
      opened('union'),
      { type: 'WorkerFeedbackGiven' as const, data: { givenBy: 'union' as const, channel: 'phone' as const, summary: '已反馈' } },
    ];
    const close = cmd('CloseCase', { resolution: 'withdrawn', amountRecoveredFen: 0, summary: '职工撤回' });
    given(history)
      .when(close, ctx('union'))
      .thenAppends({ type: 'CaseClosed', data: { closedBy: 'union' } });
    given(history).when(close, ctx('procuratorate')).thenThrows('R1.case-owner');
  });

  it("R1.vault-holder: only the agency that opened the case (whose vault holds the keys) erases a worker's data", () => {
    const workerId = id();
    const history = [opened('union', { workers: [workerRef(workerId)] })];
    const erase = cmd('EraseWorkerData', { workerId, reason: 'worker_request' });
    given(history)
      .when(erase, ctx('union'))
      .thenAppends({ type: 'WorkerDataErased', data: { workerId, erasedBy: 'union' } });
    given(history).when(erase, ctx('court')).thenThrows('R1.vault-holder');
  });
});
