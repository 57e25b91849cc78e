/**
 * The words of what the audit hands to people (CSV, XLSX, the printout): Beijing time as people
 * write it (2026年12月7日 09:30), every event field by its Chinese name, enum values by their
 * vocabulary's words, agencies by name — never a field key, a code or a UUID.
 */
import { SHANGHAI } from '@hub/case-domain';
import {
  agencyIdSchema,
  agencyNames,
  categories,
  channels,
  creditLists,
  documentKinds,
  enforcementOutcomes,
  feedbackChannels,
  letterKinds,
  meetingDecisionLabels,
  moneyKinds,
  negotiationOutcomes,
  provinceOf,
  resolutions,
  stages,
  warningLevels,
} from '@hub/contracts';

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHANGHAI,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** An instant as people in Beijing write it: 2026年12月7日 09:30 (Asia/Shanghai). Not an instant: as it is. */
export function beijingTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = wallClock.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}年${Number(part('month'))}月${Number(part('day'))}日 ${part('hour')}:${part('minute')}`;
}

/** An agency by its name (人民检察院); what is not an agency id stays as it is. */
export function agencyWords(value: unknown): string {
  const agency = agencyIdSchema.safeParse(value);
  return agency.success ? agencyNames[agency.data].zh : String(value ?? '');
}

/** The audit's checks by name, as the console's audit page names them. */
export const CHECK_WORDS: Readonly<Record<string, string>> = { chain: '哈希链', signatures: '签名', witnesses: '见证', keys: '密钥', identity: '案件标识' };

/** Every field of the catalog's events, by its Chinese name (a spec checks none is missing). */
export const FIELD_WORDS: Readonly<Record<string, string>> = {
  acceptanceDueAt: '受理期限',
  acceptedBy: '接收机构',
  actEventId: '所属行为',
  addressee: '收文对象',
  agencies: '参加机构',
  agency: '机构',
  agenda: '议程',
  agreedItems: '协议金额',
  algorithm: '签名算法',
  amountAgreedFen: '协议金额',
  amountAwardedFen: '裁判金额',
  amountClaimedFen: '请求金额',
  amountFen: '金额',
  amountPaidFen: '已履行金额',
  amountRecoveredFen: '追回金额',
  applicant: '申请人',
  arbitrationId: '仲裁',
  assignedBy: '指定人',
  attachedBy: '上传机构',
  attendees: '出席单位',
  awardNo: '裁决书编号',
  awardedItems: '裁判金额',
  basis: '执行依据',
  caseId: '案件',
  caseIds: '议程案件',
  caseNumber: '案号',
  casesReviewed: '审议案件',
  categories: '案件类别',
  category: '主类别',
  channel: '来源渠道',
  chair: '主持人',
  claimCategories: '请求类别',
  claimedItems: '请求金额',
  closedBy: '结案机构',
  conclusion: '会商结论',
  conclusionDueAt: '结案期限',
  consent: '当事人同意',
  decisions: '会议决定',
  declinedBy: '退回机构',
  delegated: '委托调解',
  document: '文书文件',
  documentId: '材料',
  documentNo: '文号',
  employer: '用人单位',
  employers: '用人单位',
  enforcementId: '执行',
  erasedBy: '删除机构',
  expiresAt: '失效时间',
  feedbackDueAt: '反馈期限',
  fields: '删除的信息',
  fileName: '文件名',
  final: '终局裁决',
  followUpId: '回访',
  from: '移送机构',
  fulfilmentDueAt: '履行期限',
  givenBy: '反馈机构',
  handler: '承办人',
  hostAgency: '主办机构',
  issuedBy: '发文机构',
  issuer: '编号机构',
  itemId: '整改事项',
  items: '整改事项',
  judgmentNo: '判决书编号',
  keyId: '密钥编号',
  kind: '种类',
  leadId: '线索',
  legalAidId: '法律援助',
  letterId: '文书',
  level: '预警级别',
  list: '名单',
  litigationId: '诉讼',
  location: '会议地点',
  mediaType: '文件类型',
  mediationId: '调解',
  mediationRoom: '调解室',
  mediator: '调解员',
  meetingId: '会议',
  minutes: '会议纪要',
  negotiationId: '协商',
  note: '说明',
  openedBy: '立案机构',
  orderedBy: '责令机构',
  otherParticipants: '其他参加单位',
  outcome: '结果',
  persons: '出席人员',
  personal: '含个人信息',
  plaintiff: '原告',
  previous: '原承办人',
  provider: '援助机构',
  publicKey: '公钥',
  purpose: '用途',
  reason: '理由',
  reasons: '预警理由',
  record: '编号记录',
  recorder: '记录人',
  recoveredItems: '追回金额',
  rectificationId: '整改',
  region: '行政区划',
  reopenedBy: '重新启动机构',
  replyDueAt: '回复期限',
  resolution: '处理结果',
  resolutions: '议定事项',
  results: '核查结果',
  reviewId: '会商',
  revokedAt: '注销时间',
  routeTo: '移交',
  scheduledFor: '会议时间',
  sequence: '序号',
  sessionId: '会话',
  sha256: '文件哈希',
  size: '大小',
  subject: '编号对象',
  summary: '摘要',
  supportId: '支持起诉',
  terms: '协议内容',
  title: '标题',
  to: '接收机构',
  urgent: '紧急',
  warningId: '预警',
  workerCount: '涉及人数',
  workerFeedbackDueAt: '回访期限',
  workerId: '劳动者',
  workerIds: '劳动者',
  workers: '劳动者',
  year: '年度',
};

const vocabularies: readonly { readonly labels: Readonly<Record<string, { zh: string }>> }[] = [
  { labels: agencyNames },
  channels,
  categories,
  stages,
  letterKinds,
  moneyKinds,
  negotiationOutcomes,
  resolutions,
  enforcementOutcomes,
  feedbackChannels,
  creditLists,
  warningLevels,
  documentKinds,
  { labels: meetingDecisionLabels },
];

/** Codes of the catalog that are no vocabulary's: the discriminators of its unions. */
const OTHER_CODES: Readonly<Record<string, string>> = {
  worker: '劳动者',
  employer: '用人单位',
  enterprise: '企业',
  agency: '机关或其他单位',
  procuratorate: '人民检察院',
  worker_request: '职工本人申请',
  retention_expired: '保存期限届满',
  judgment: '判决书',
  arbitration_award: '仲裁裁决书',
  arbitration_mediation_document: '仲裁调解书',
  events: '事件签名',
};

/** A code (wage_arrears, union, extend…) in words, or undefined when it is no known code. */
export function codeWords(value: string): string | undefined {
  for (const v of vocabularies) if (Object.hasOwn(v.labels, value)) return v.labels[value]!.zh;
  return OTHER_CODES[value];
}

export const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Money in fen as people read it: ¥1,072.46. */
export const yuan = (fen: number): string => new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(fen / 100);

/** One field's value in words, or null when it says nothing to a person (an id, an empty list). */
export function valueWords(key: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return key.endsWith('Fen') ? yuan(value) : String(value);
  if (typeof value === 'string') {
    // A GB/T 2260 code with its province's name: 浙江省（330106）.
    if (key === 'region' && /^\d{6}$/.test(value)) return provinceOf(value) ? `${provinceOf(value)}（${value}）` : value;
    if (UUID.test(value) && value.length <= 40) return null;
    if (INSTANT.test(value)) return beijingTime(value);
    if (/^[a-z0-9_]+$/.test(value)) return codeWords(value) ?? value;
    return value;
  }
  if (Array.isArray(value)) {
    const words = value.map((v) => valueWords(key, v)).filter((v): v is string => v !== null && v !== '');
    return words.length > 0 ? words.join('、') : value.length > 0 ? `${value.length} 项` : null;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('ct' in o && 'iv' in o) return null; // an encrypted personal field, masked already
    if (typeof o['displayName'] === 'string') return o['displayName'];
    if (typeof o['name'] === 'string') return o['name'];
    const parts = Object.entries(o)
      .map(([k, v]) => [k, valueWords(k, v)] as const)
      .filter(([, v]) => v !== null && v !== '')
      .map(([k, v]) => `${FIELD_WORDS[k] ?? '其他'}：${v}`);
    return parts.length > 0 ? parts.join('，') : null;
  }
  return null;
}
