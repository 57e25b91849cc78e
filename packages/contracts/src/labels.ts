import type { Label } from './values/common.js';

const L = (zh: string, en: string): Label => ({ zh, en });

/**
 * How each thing a case holds stands, worded once for every screen: the act forms' choices
 * (choiceLabel in choices.ts), the audit page, reports. The codes are the case state's
 * (`LeadState['status']`… in @hub/case-domain, whose types come from here). The stages along
 * 商调裁执督 are worded in vocabulary.ts (`stages.labels`).
 */
export const statusLabels = {
  lead: {
    transferred: L('已移送，待接收', 'Transferred, awaiting acceptance'),
    accepted: L('已接收', 'Accepted'),
    declined: L('已退回', 'Declined'),
  },
  mediation: {
    delegated: L('已委托，待开始', 'Delegated, not started'),
    started: L('调解中', 'Under way'),
    agreement_signed: L('已签调解协议', 'Agreement signed'),
    fulfilled: L('协议已履行', 'Agreement fulfilled'),
    confirmed_by_document: L('已出具仲裁调解书', 'Confirmed by a mediation document'),
    failed: L('调解不成', 'Failed'),
  },
  arbitration: {
    applied: L('已申请，待受理', 'Applied, awaiting acceptance'),
    accepted: L('已受理', 'Accepted'),
    declined: L('不予受理', 'Declined'),
    mediation_document_issued: L('已出具仲裁调解书', 'Mediation document issued'),
    award_issued: L('已作出裁决', 'Award issued'),
  },
  litigation: { filed: L('已立案', 'Filed'), judged: L('已判决', 'Judged') },
  enforcement: { applied: L('已申请执行', 'Applied'), completed: L('执行完毕', 'Completed') },
  item: {
    open: L('整改中', 'In progress'),
    reported: L('已报告待核查', 'Reported, awaiting check'),
    verified: L('回头看已核实', 'Verified'),
    closed: L('会议销项', 'Closed by meeting'),
  },
} as const satisfies Record<string, Record<string, Label>>;

export type LeadStatus = keyof typeof statusLabels.lead;
export type MediationStatus = keyof typeof statusLabels.mediation;
export type ArbitrationStatus = keyof typeof statusLabels.arbitration;
export type LitigationStatus = keyof typeof statusLabels.litigation;
export type EnforcementStatus = keyof typeof statusLabels.enforcement;
export type ItemStatus = keyof typeof statusLabels.item;

/** What an enforcement rests on (`basis.kind`), as a document's name. */
export const enforcementBasisLabels = {
  judgment: L('判决书', 'Judgment'),
  arbitration_award: L('仲裁裁决书', 'Arbitration award'),
  arbitration_mediation_document: L('仲裁调解书', 'Arbitration mediation document'),
} as const satisfies Record<string, Label>;
