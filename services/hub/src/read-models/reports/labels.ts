import type { DeadlineKind } from '@hub/case-domain';
import type { Label } from '@hub/contracts';

/** The `dimension` column of monthly_counts: one name per figure, shared by writer and query. */
export const DIM = {
  openedByChannel: 'opened_channel',
  openedByCategory: 'opened_category',
  closedByResolution: 'closed_resolution',
  /** Keys `successful` and `failed`: mediations concluded in the month, by rule 5. */
  mediations: 'mediations',
  lettersByKind: 'letters',
  /** Key `fen`: the sum of amountRecoveredFen of the month's closings. */
  moneyRecovered: 'money_recovered',
  /**
   * Issue 13.6: money by kind (keys: the money kinds), in fen — claimed in the month's openings,
   * agreed in its mediation agreements, awarded by its awards and judgments, recovered by its closings.
   */
  moneyClaimedByKind: 'money_claimed_kind',
  moneyAgreedByKind: 'money_agreed_kind',
  moneyAwardedByKind: 'money_awarded_kind',
  moneyRecoveredByKind: 'money_recovered_kind',
  /** The next three are keyed by deadline kind and counted in the month the deadline falls due. */
  deadlinesDue: 'deadline_due',
  deadlinesMetOnTime: 'deadline_on_time',
  deadlinesMetLate: 'deadline_late',
} as const;

export const MONEY_KEY = 'fen';

export const mediationResultLabels = {
  successful: { zh: '调解成功', en: 'Successful' },
  failed: { zh: '调解不成', en: 'Failed' },
} as const satisfies Record<string, Label>;

export type MediationResult = keyof typeof mediationResultLabels;

/**
 * The deadlines the monthly report follows (DOMAIN.md, 两报告). Arbitration and agreement
 * fulfilment deadlines exist too but are not among the report's figures. Their labels would
 * belong in the contracts vocabulary, which has none for deadline kinds yet.
 */
export const reportedDeadlineLabels = {
  worker_feedback: { zh: '向职工反馈', en: 'Worker feedback' },
  lead_feedback: { zh: '线索反馈', en: 'Lead feedback' },
  letter_reply: { zh: '监督文书回复', en: 'Letter replies' },
  rectification_item: { zh: '整改事项', en: 'Rectification items' },
} as const satisfies { readonly [K in DeadlineKind]?: Label };

export type ReportedDeadlineKind = keyof typeof reportedDeadlineLabels;

export const reportedDeadlineKinds = Object.keys(reportedDeadlineLabels) as ReportedDeadlineKind[];

export const isReportedDeadline = (kind: DeadlineKind): kind is ReportedDeadlineKind => kind in reportedDeadlineLabels;

/** Labels of the report's figures themselves, so a UI can title each block. */
export const figureLabels = {
  casesOpened: { zh: '受理案件', en: 'Cases opened' },
  byChannel: { zh: '按来源渠道', en: 'By channel' },
  byCategory: { zh: '按案件类别', en: 'By category' },
  casesClosed: { zh: '销号案件', en: 'Cases closed' },
  settledShare: { zh: '协商调解化解率', en: 'Share settled at negotiation or mediation' },
  mediationSuccess: { zh: '调解成功率', en: 'Mediation success rate' },
  lettersIssued: { zh: '监督文书', en: 'Letters issued' },
  moneyRecovered: { zh: '追回金额（分）', en: 'Money recovered (fen)' },
  moneyByKind: { zh: '按款项种类金额（分）', en: 'Money by kind (fen)' },
  claimed: { zh: '请求金额', en: 'Claimed' },
  agreed: { zh: '调解协议金额', en: 'Agreed in mediation' },
  awarded: { zh: '裁决及判决金额', en: 'Awarded and adjudged' },
  recovered: { zh: '追回金额', en: 'Recovered' },
  deadlinesMet: { zh: '按期办结', en: 'Deadlines met' },
  warningsRaised: { zh: '新增预警', en: 'Warnings raised' },
  warningsResolved: { zh: '解除预警', en: 'Warnings resolved' },
  warningsOpen: { zh: '日终在册预警', en: 'Warnings open at end of day' },
  warnedEmployers: { zh: '预警企业', en: 'Employers with open warnings' },
  employersWithNewCases: { zh: '当日新增案件企业', en: 'Employers with new cases that day' },
} as const satisfies Record<string, Label>;
