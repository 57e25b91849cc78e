import { randomUUID } from 'node:crypto';
import type { AgencyId, CaseEvent, CommandName, EncryptedField, Role, WorkerRef } from '@hub/contracts';
import { defaultPolicy, type CaseCommand, type CommandData, type DeadlinePolicy, type DecisionContext } from '../../src/index.js';

export const id = (): string => randomUUID();

/** Monday 2 March 2026, 10:00 in Shanghai. */
export const T0 = new Date('2026-03-02T02:00:00.000Z');

export const hours = (n: number, from: Date = T0): Date => new Date(from.getTime() + n * 3_600_000);
export const days = (n: number, from: Date = T0): Date => hours(24 * n, from);

export function ctx(agency: AgencyId, now: Date = T0, policy: DeadlinePolicy = defaultPolicy, roles: Role[] = ['liaison']): DecisionContext {
  return { now, actor: { agency, userId: `${agency}-liaison-1`, roles }, policy };
}

export function cmd<N extends CommandName>(type: N, data: CommandData<N>): CaseCommand {
  return { type, data } as CaseCommand;
}

export const sealed = (): EncryptedField => ({
  v: 1,
  alg: 'A256GCM',
  iv: Buffer.alloc(12, 7).toString('base64'),
  ct: Buffer.from('opaque').toString('base64'),
  tag: Buffer.alloc(16, 9).toString('base64'),
});

export const workerRef = (workerId: string = id()): WorkerRef => ({ workerId, name: sealed(), phone: sealed() });

export const EMPLOYERS = [
  { name: '某危化品物流有限公司甲', uscc: '91330106MA2KQ7T39F' },
  { name: '某危化品物流有限公司乙', uscc: '91330110MA28CK4L5X' },
  { name: '某危化品物流有限公司丙', uscc: '91440300MA5FXJ1D49' },
  { name: '某危化品物流有限公司丁', uscc: '9131011578A9K2LPXJ' },
];

type Opened = Extract<CaseEvent, { type: 'CaseOpened' }>;

/** A CaseOpened as the decider would have written it at T0 (feedback due 24 h later). */
export function opened(openedBy: AgencyId = 'union', overrides: Partial<Opened['data']> = {}): Opened {
  return {
    type: 'CaseOpened',
    data: {
      caseId: id(),
      openedBy,
      channel: 'hotline_12351',
      category: 'wage_arrears',
      categories: ['wage_arrears'],
      summary: '工地拖欠农民工工资',
      employers: [EMPLOYERS[0]!],
      workerCount: 3,
      workers: [],
      amountClaimedFen: 3_600_000,
      claimedItems: [{ kind: 'wages', amountFen: 3_600_000 }],
      region: '330106',
      workerFeedbackDueAt: hours(24).toISOString(),
      ...overrides,
    },
  };
}

export function leadTransferred(from: AgencyId, to: AgencyId, leadId: string = id(), feedbackDueAt = days(14).toISOString()): CaseEvent {
  return { type: 'LeadTransferred', data: { leadId, from, to, summary: '线索移送', feedbackDueAt } };
}

export function arbitrationApplied(arbitrationId: string, categories: Opened['data']['category'][] = ['wage_arrears']): CaseEvent {
  return {
    type: 'ArbitrationApplied',
    data: { arbitrationId, applicant: 'worker', claimCategories: categories, amountClaimedFen: 3_600_000, acceptanceDueAt: days(5).toISOString() },
  };
}

export function arbitrationAccepted(arbitrationId: string, conclusionDueAt = days(45).toISOString()): CaseEvent {
  return { type: 'ArbitrationAccepted', data: { arbitrationId, caseNumber: '西劳人仲案字〔2026〕12号', conclusionDueAt } };
}

export function mediationStarted(mediationId: string, mediator: AgencyId = 'union'): CaseEvent {
  return { type: 'MediationStarted', data: { mediationId, mediator, delegated: false } };
}

export function agreementSigned(mediationId: string): CaseEvent {
  return {
    type: 'MediationAgreementSigned',
    data: { mediationId, amountAgreedFen: 3_000_000, agreedItems: [{ kind: 'wages', amountFen: 3_000_000 }], terms: '分两期支付' },
  };
}

export function rectificationOrdered(orderedBy: AgencyId, itemIds: string[], deadline = days(30).toISOString()): CaseEvent {
  return {
    type: 'RectificationOrdered',
    data: {
      rectificationId: id(),
      orderedBy,
      items: itemIds.map((itemId) => ({
        itemId,
        description: '组织女职工妇科检查',
        deadline,
        responsibleParty: { kind: 'enterprise' as const, name: EMPLOYERS[0]!.name, uscc: EMPLOYERS[0]!.uscc },
      })),
    },
  };
}

export const feedbackGiven = (givenBy: AgencyId = 'union'): CaseEvent => ({
  type: 'WorkerFeedbackGiven',
  data: { givenBy, channel: 'phone', summary: '已电话告知职工受理情况' },
});

export const closed = (closedBy: AgencyId = 'union'): CaseEvent => ({
  type: 'CaseClosed',
  data: { closedBy, resolution: 'withdrawn', amountRecoveredFen: 0, recoveredItems: [], summary: '职工撤回投诉' },
});
