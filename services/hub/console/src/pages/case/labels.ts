/**
 * Words for the fields of commands and events. The contracts label vocabularies, commands and
 * events but not their fields, so field names get their zh/en labels here; enum values use the
 * contracts' vocabularies wherever one exists.
 */
import {
  agencyNames,
  categories,
  channels,
  creditLists,
  documentKinds,
  feedbackChannels,
  letterKinds,
  moneyKinds,
  meetingDecisionLabels,
  negotiationOutcomes,
  resolutions,
  stages,
  warningLevels,
  type Label,
} from '@hub/contracts';

const L = (zh: string, en: string): Label => ({ zh, en });

/** Field name → label, for every command input and event data field. */
export const fieldLabels: Readonly<Record<string, Label>> = {
  channel: L('来源渠道', 'Channel'),
  category: L('案件类别', 'Category'),
  categories: L('案件类别（可多选，先勾选的为主类别）', 'Categories (several allowed; the first ticked is the primary one)'),
  claimedItems: L('请求金额分项', 'Amount claimed, by kind'),
  agreedItems: L('协议金额分项', 'Amount agreed, by kind'),
  awardedItems: L('裁判金额分项', 'Amount awarded, by kind'),
  recoveredItems: L('追回金额分项', 'Money recovered, by kind'),
  summary: L('摘要', 'Summary'),
  employers: L('用人单位', 'Employers'),
  name: L('名称', 'Name'),
  uscc: L('统一社会信用代码', 'Unified social credit code'),
  workerCount: L('职工人数', 'Number of workers'),
  workers: L('职工', 'Workers'),
  idNumber: L('身份证号', 'Resident ID number'),
  phone: L('手机号', 'Mobile number'),
  amountClaimedFen: L('请求金额（元）', 'Amount claimed (yuan)'),
  region: L('行政区划代码', 'Region code'),
  leadId: L('线索', 'Lead'),
  to: L('接收机构', 'Receiving agency'),
  from: L('移送机构', 'Sending agency'),
  feedbackDueAt: L('反馈期限', 'Feedback due'),
  workerFeedbackDueAt: L('职工反馈期限', 'Worker feedback due'),
  note: L('备注', 'Note'),
  reason: L('理由', 'Reason'),
  agencies: L('参加机构', 'Agencies taking part'),
  otherParticipants: L('其他参加单位（每行一个）', 'Other participants (one per line)'),
  conclusion: L('研判结论', 'Conclusion'),
  routeTo: L('流转至', 'Route to'),
  outcome: L('结果', 'Outcome'),
  amountAgreedFen: L('约定金额（元）', 'Amount agreed (yuan)'),
  mediationId: L('调解', 'Mediation'),
  mediationRoom: L('调解室', 'Mediation room'),
  arbitrationId: L('仲裁案件', 'Arbitration'),
  workerConsent: L('劳动者同意委托调解', 'The worker consents'),
  employerConsent: L('用人单位同意委托调解', 'The employer consents'),
  terms: L('协议内容', 'Terms'),
  fulfilmentDueAt: L('履行期限', 'Fulfilment due'),
  amountPaidFen: L('已支付金额（元）', 'Amount paid (yuan)'),
  applicant: L('申请人', 'Applicant'),
  claimCategories: L('请求类别', 'Claim categories'),
  caseNumber: L('案号', 'Case number'),
  // CaseNumberAssigned (docs/case-numbers.md): the register that issued the 案号 and its place in it.
  issuer: L('编号机构', 'Numbered by'),
  sequence: L('年度序号', 'Sequence in the year'),
  year: L('编号年度', 'Year'),
  documentNo: L('文书编号', 'Document number'),
  amountFen: L('金额（元）', 'Amount (yuan)'),
  awardNo: L('裁决书编号', 'Award number'),
  amountAwardedFen: L('裁判金额（元）', 'Amount awarded (yuan)'),
  final: L('终局裁决', 'Final award'),
  litigationId: L('诉讼案件', 'Litigation'),
  enforcementId: L('执行案件', 'Enforcement'),
  negotiationId: L('协商', 'Negotiation'),
  reviewId: L('研判', 'Joint review'),
  legalAidId: L('法律援助', 'Legal aid'),
  supportId: L('支持起诉', 'Prosecution support'),
  followUpId: L('回头看', 'Follow-up'),
  rectificationId: L('整改清单', 'Rectification list'),
  plaintiff: L('原告', 'Plaintiff'),
  judgmentNo: L('判决书编号', 'Judgment number'),
  basis: L('执行依据', 'Basis for enforcement'),
  kind: L('种类', 'Kind'),
  ref: L('依据文书', 'Document'),
  amountRecoveredFen: L('追回金额（元）', 'Amount recovered (yuan)'),
  provider: L('援助机构或律师', 'Legal-aid provider'),
  workerIds: L('受援职工', 'Workers'),
  letterId: L('监督文书', 'Supervision letter'),
  addressee: L('收文对象', 'Addressee'),
  agencyId: L('对应机构', 'Hub agency'),
  replyDueAt: L('回复期限', 'Reply due'),
  urgent: L('紧急', 'Urgent'),
  list: L('名单', 'List'),
  items: L('整改事项', 'Items'),
  description: L('整改内容', 'What to rectify'),
  deadline: L('整改期限', 'Deadline'),
  responsibleParty: L('责任单位', 'Responsible party'),
  itemId: L('整改事项', 'Item'),
  results: L('核查结果', 'Results'),
  verified: L('核查属实已整改', 'Verified as rectified'),
  findings: L('核查情况', 'Findings'),
  meetingId: L('联席会议', 'Joint meeting'),
  decision: L('决定', 'Decision'),
  newDeadline: L('新的整改期限', 'New deadline'),
  resolution: L('办结方式', 'Resolution'),
  workerId: L('职工', 'Worker'),
  openedBy: L('登记机构', 'Opened by'),
  acceptedBy: L('接收机构', 'Accepted by'),
  declinedBy: L('退回机构', 'Declined by'),
  givenBy: L('反馈机构', 'Given by'),
  mediator: L('调解机构', 'Mediator'),
  delegated: L('委托调解', 'Delegated'),
  consent: L('双方同意', 'Consent'),
  acceptanceDueAt: L('受理期限', 'Acceptance due'),
  conclusionDueAt: L('结案期限', 'Conclusion due'),
  issuedBy: L('发文机构', 'Issued by'),
  employer: L('用人单位', 'Employer'),
  orderedBy: L('下达机构', 'Ordered by'),
  closedBy: L('销号机构', 'Closed by'),
  reopenedBy: L('重新办理机构', 'Reopened by'),
  erasedBy: L('删除机构', 'Erased by'),
  fields: L('删除项', 'Erased fields'),
  attachedBy: L('上传机构', 'Attached by'),
  fileName: L('文件名', 'File name'),
  mediaType: L('文件类型', 'File type'),
  size: L('大小（字节）', 'Size (bytes)'),
  sha256: L('文件哈希（SHA-256）', 'File hash (SHA-256)'),
  personal: L('含职工个人信息', "Holds a worker's personal data"),
  // HandlerAssigned, AssignHandler (承办人, docs/handlers.md).
  userId: L('承办人', 'Handler'),
  handler: L('承办人', 'Handler'),
  previous: L('原承办人', 'Previous handler'),
  assignedBy: L('指定人', 'Assigned by'),
};

/** Labels a field differently in one command, where the generic word would mislead. */
const commandFieldLabels: Readonly<Record<string, Readonly<Record<string, Label>>>> = {
  TransferLead: { summary: L('线索摘要', 'Lead summary') },
  GiveLeadFeedback: { summary: L('反馈内容摘要', 'Feedback summary') },
  GiveWorkerFeedback: { channel: L('反馈方式', 'Feedback channel'), summary: L('反馈内容摘要', 'Feedback summary') },
  HoldNegotiation: { summary: L('协商情况摘要', 'Negotiation summary'), outcome: L('协商结果', 'Outcome') },
  IssueArbitrationAward: { summary: L('裁决摘要', 'Award summary') },
  IssueJudgment: { summary: L('判决摘要', 'Judgment summary') },
  SupportProsecution: { summary: L('支持起诉意见摘要', 'Summary'), workerIds: L('支持起诉的职工', 'Workers supported') },
  RecordMeetingDecision: { note: L('决定说明', 'Note on the decision') },
  IssueSupervisionLetter: { kind: L('文书种类', 'Letter kind'), summary: L('文书内容摘要', 'Letter summary') },
  ReplyToSupervisionLetter: { summary: L('回复内容摘要', 'Reply summary') },
  ReportRectificationItem: { summary: L('整改情况摘要', 'What was done') },
  CloseCase: { summary: L('办结情况摘要', 'Closing summary') },
  OpenCase: { summary: L('案情摘要', 'Case summary') },
  ApplyForEnforcement: { amountFen: L('申请执行金额（元）', 'Amount to enforce (yuan)') },
  IssueArbitrationMediationDocument: { amountFen: L('调解书金额（元）', 'Amount (yuan)') },
  CompleteEnforcement: { outcome: L('执行结果', 'Outcome') },
  ReopenCase: { reason: L('重新办理理由', 'Reason for reopening') },
  DeclineLead: { reason: L('退回理由', 'Reason for declining') },
  EraseWorkerData: { reason: L('删除原因', 'Reason for erasure') },
  AssignHandler: { note: L('指定说明', 'Note on the assignment') },
};

/** The same, for the fields of events on the timeline. */
const eventFieldLabels: Readonly<Record<string, Readonly<Record<string, Label>>>> = {
  CaseOpened: { categories: L('案件类别', 'Categories'), category: L('主类别', 'Primary category') },
  WorkerFeedbackGiven: { channel: L('反馈方式', 'Feedback channel') },
  SupervisionLetterIssued: { kind: L('文书种类', 'Letter kind') },
  NegotiationHeld: { outcome: L('协商结果', 'Outcome') },
  EnforcementCompleted: { outcome: L('执行结果', 'Outcome') },
  ApplyForEnforcement: { amountFen: L('申请执行金额', 'Amount to enforce') },
};

/** The label of an event's field on the timeline, without the form's unit (the value carries ¥). */
export function eventFieldLabel(type: string, name: string): Label {
  const label = eventFieldLabels[type]?.[name] ?? fieldLabel(name);
  return { zh: label.zh.replace('（元）', ''), en: label.en.replace(' (yuan)', '') };
}

/** A nested field's own word, when its parent makes the generic one wrong. */
const nestedLabels: Readonly<Record<string, Label>> = {
  'employers.name': L('单位名称', 'Employer name'),
  'employers.uscc': L('统一社会信用代码（不明可不填）', 'Unified social credit code (leave empty when unknown)'),
  'claimedItems.kind': L('款项种类', 'Kind of money'),
  'claimedItems.amountFen': L('金额（元）', 'Amount (yuan)'),
  'agreedItems.kind': L('款项种类', 'Kind of money'),
  'agreedItems.amountFen': L('金额（元）', 'Amount (yuan)'),
  'awardedItems.kind': L('款项种类', 'Kind of money'),
  'awardedItems.amountFen': L('金额（元）', 'Amount (yuan)'),
  'recoveredItems.kind': L('款项种类', 'Kind of money'),
  'recoveredItems.amountFen': L('金额（元）', 'Amount (yuan)'),
  'workers.name': L('姓名', 'Name'),
  'addressee.kind': L('收文对象类型', 'Addressee type'),
  'addressee.name': L('收文对象名称', 'Addressee name'),
  'responsibleParty.kind': L('责任单位类型', 'Party type'),
  'responsibleParty.name': L('责任单位名称', 'Party name'),
  'basis.kind': L('依据种类', 'Kind of basis'),
  'results.itemId': L('核查事项', 'Item checked'),
};

/** The label of a field of a command: per command, then per parent, then generic, else the name. */
export function fieldLabel(name: string, options: { command?: string; parent?: string } = {}): Label {
  // A command's own words are for its top-level fields; a nested field is named by its parent.
  if (options.parent) return nestedLabels[`${options.parent}.${name}`] ?? fieldLabels[name] ?? { zh: name, en: name };
  const byCommand = options.command ? commandFieldLabels[options.command]?.[name] : undefined;
  return byCommand ?? fieldLabels[name] ?? { zh: name, en: name };
}

/** Enums of the catalog that are not vocabularies, and the discriminators of its unions. */
const extraEnumLabels: Readonly<Record<string, Label>> = {
  worker: L('劳动者', 'Worker'),
  employer: L('用人单位', 'Employer'),
  procuratorate: L('人民检察院', "People's procuratorate"),
  full: L('全部执行到位', 'Fully enforced'),
  partial: L('部分执行', 'Partly enforced'),
  terminated: L('终结执行', 'Terminated'),
  worker_request: L('职工本人申请', "At the worker's request"),
  retention_expired: L('保存期限届满', 'Retention period ended'),
  judgment: L('判决书', 'Judgment'),
  arbitration_award: L('仲裁裁决书', 'Arbitration award'),
  arbitration_mediation_document: L('仲裁调解书', 'Arbitration mediation document'),
  enterprise: L('企业', 'Enterprise'),
  agency: L('机关或其他单位', 'Agency or other body'),
  ...meetingDecisionLabels,
};

const vocabularies: readonly { readonly values: readonly string[]; readonly labels: Readonly<Record<string, Label>> }[] = [
  { values: Object.keys(agencyNames), labels: agencyNames },
  channels,
  categories,
  stages,
  letterKinds,
  moneyKinds,
  negotiationOutcomes,
  resolutions,
  feedbackChannels,
  creditLists,
  warningLevels,
  documentKinds,
];

/**
 * The labels of an enum's values: the contracts' vocabulary with exactly these values when there
 * is one (so 'agency' fields read 人民检察院, not a code), else the words above, else the code.
 */
export function enumLabels(values: readonly string[]): Record<string, Label> {
  const same = vocabularies.find((v) => v.values.length === values.length && values.every((x) => v.values.includes(x)));
  const out: Record<string, Label> = {};
  for (const value of values) out[value] = same?.labels[value] ?? extraEnumLabels[value] ?? findInVocabularies(value) ?? { zh: value, en: value };
  return out;
}

function findInVocabularies(value: string): Label | undefined {
  for (const v of vocabularies) if (Object.hasOwn(v.labels, value)) return v.labels[value];
  return undefined;
}

/** One enum value, wherever it comes from (timeline summaries). */
export function valueLabel(value: string): Label | undefined {
  return findInVocabularies(value) ?? extraEnumLabels[value];
}
