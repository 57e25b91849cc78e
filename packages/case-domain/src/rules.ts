import type { Label } from '@hub/contracts';

/**
 * Every rule the decider enforces, by stable id. R1–R9 are DOMAIN.md's "Rules"; CHAIN.* are
 * the preconditions of the chain itself (nothing can follow what never happened).
 */
export const ruleBook = {
  R1: { zh: '机构只能记录本机构的行为', en: 'An agency records only its own acts' },
  'R1.mediator': { zh: '调解中的行为只能由主持调解的机构记录', en: "Only the mediating agency records its mediation's acts" },
  'R1.reply': {
    zh: '文书回复由受文机构记录；受文方不在本平台时由发文机构记录',
    en: 'A reply is recorded by the addressed agency, or by the issuer when the addressee is not on the hub',
  },
  'R1.rectification': {
    zh: '整改情况由责任机构报告；责任方不在本平台时由下达机构记录',
    en: 'An item is reported by the responsible agency, or by the ordering agency when the party is not on the hub',
  },
  'R1.case-owner': { zh: '只有登记案件的机构可以销号', en: 'Only the agency that opened the case closes it' },
  'R1.vault-holder': {
    zh: '职工个人信息由登记案件的机构加密保管，只有该机构可以删除',
    en: "Workers' personal data is encrypted and held by the agency that opened the case; only it can erase them",
  },
  'R2.receiver': { zh: '只有线索接收机构可以接收、退回或反馈该线索', en: 'Only the agency a lead was sent to accepts, declines or answers it' },
  'R2.once': { zh: '线索只能接收或退回一次', en: 'A lead is accepted or declined once' },
  R3: { zh: '共同研判至少需要两个机构', en: 'A joint review needs at least two agencies' },
  'R3.participant': { zh: '记录共同研判的机构须为参与机构', en: 'The recording agency must take part in the joint review' },
  'R4.consent': { zh: '委托调解须经双方当事人同意', en: 'Delegated mediation needs both sides’ consent' },
  'R4.labor-relationship': { zh: '因确认劳动关系发生的争议不可委托调解', en: 'A labor-relationship confirmation dispute cannot be delegated to mediation' },
  'R4.union-room': { zh: '委托调解由工会调解组织启动', en: 'A delegated mediation is started by the union mediation room' },
  'R5.signed-first': {
    zh: '调解协议须先签订，才能履行或出具仲裁调解书',
    en: 'A mediation agreement must be signed before it is fulfilled or confirmed by an arbitration mediation document',
  },
  'R5.resolution': {
    zh: '只有调解成功（协议签订并履行，或签订并出具仲裁调解书）才能以调解解决销号',
    en: 'A case closes as settled by mediation only after a successful mediation',
  },
  'R6.lead-deadline': { zh: '移送线索须写明未到期的反馈期限', en: 'A transferred lead carries a feedback deadline in the future' },
  'R7.feedback': { zh: '销号前须向职工反馈', en: 'The worker gets feedback before the case closes' },
  'R7.leads': { zh: '销号前每条线索须已退回或已反馈', en: 'Every lead is declined or answered before the case closes' },
  'R7.rectification': {
    zh: '销号前每项整改须经回头看核实或经联席会议销项',
    en: 'Every rectification item is verified by a follow-up or closed by a joint meeting before the case closes',
  },
  'R7.meeting-decision': {
    zh: '只能记录联席会议实际作出的决定（会议已召开，且就该案件、该事项作出同样的决定）',
    en: 'Only a decision the joint meeting actually took is recorded: the meeting was held and took this decision on this case and item',
  },
  'R8.statutory-deadline': {
    zh: '检察建议的回复期限由规定确定，不可自行填写',
    en: 'The reply deadline of a procuratorial recommendation is set by the rules, not by the sender',
  },
  'R8.letter-deadline': {
    zh: '一函两书及责令改正决定书须写明未到期的回复期限',
    en: 'Union letters and rectification orders carry their own reply deadline, in the future',
  },
  'R8.item-deadline': { zh: '整改事项须写明未到期的整改期限', en: 'A rectification item carries a deadline in the future' },
  'R8.extend-once': { zh: '仲裁期限只能延长一次', en: 'The arbitration period is extended once at most' },
  'R8.extend-before-due': { zh: '仲裁期限届满后不能再延长', en: 'The arbitration period cannot be extended after it ends' },
  'R9.fen': { zh: '金额须为非负整数（单位：分）', en: 'Money is a non-negative integer number of fen' },
  'R9.utc': { zh: '日期时间须为有效的时间', en: 'Time is an ISO-8601 UTC instant ending in Z' },
  // Cases as they are (issue 13.6, docs/case-shape.md).
  'R9.items': {
    zh: '金额按款项种类分列：每种至多一项，每项为正整数（分）；分项与单一金额只填其一',
    en: 'Money is itemized by kind: each kind at most once, each item a positive number of fen; items or the single amount, not both',
  },
  'CHAIN.categories': {
    zh: '案件类别至少一个且不能重复；类别列表与单一类别只填其一',
    en: 'A case has at least one category, none twice; the list or the single category, not both',
  },
  // Business time (issue 13.4, businessTime.ts): when an act says it happened.
  'T1.future': { zh: '发生时间不能晚于当前时间', en: 'An act cannot have happened in the future' },
  'T1.before-opened': { zh: '发生时间不能早于案件登记时间', en: 'An act cannot have happened before the case was opened' },
  'T1.before-answered': { zh: '发生时间不能早于它所回应的行为', en: 'An act cannot have happened before the act it answers' },
  // 承办人 (issue 13.5, decisions/handlers.ts): each agency names its own handler of a case.
  'H1.participant': { zh: '只有参与案件的机构可以指定本机构的承办人', en: 'Only an agency taking part in the case assigns its handler' },
  'H1.user': { zh: '承办人须为本机构的用户', en: "The handler must be one of the agency's users" },
  'H1.active': { zh: '承办人须为本机构启用中的联络员', en: 'The handler must be an active liaison of the agency' },
  'H1.same': { zh: '该用户已是本机构的承办人，无需重新指定', en: 'This user already handles the case for the agency' },
  'CHAIN.not-opened': { zh: '案件尚未登记', en: 'The case has not been opened' },
  'CHAIN.already-opened': { zh: '案件已登记', en: 'The case is already open' },
  'CHAIN.closed': { zh: '案件已销号，只能重新办理', en: 'The case is closed; it can only be reopened' },
  'CHAIN.not-closed': { zh: '案件未销号，无需重新办理', en: 'The case is not closed' },
  'CHAIN.duplicate-id': { zh: '编号已被使用', en: 'The id is already in use' },
  'CHAIN.unknown-ref': { zh: '引用的对象不存在', en: 'The referenced thing does not exist in this case' },
  'CHAIN.lead-to-self': { zh: '不能向本机构移送线索', en: 'A lead cannot be transferred to its sender' },
  'CHAIN.lead-not-accepted': { zh: '线索尚未接收，不能反馈办理情况', en: 'A lead is answered only after it was accepted' },
  'CHAIN.worker-count': { zh: '列明的职工多于职工人数', en: 'More workers listed than the worker count' },
  'CHAIN.worker-erased': { zh: '该职工的个人信息已删除', en: "The worker's personal data is already erased" },
  'CHAIN.mediation-state': { zh: '调解当前状态不允许此操作', en: 'The mediation is not in a state that allows this' },
  'CHAIN.arbitration-state': { zh: '仲裁当前状态不允许此操作', en: 'The arbitration is not in a state that allows this' },
  'CHAIN.arbitration-pending': {
    zh: '仲裁尚未终结且未逾期，不能就此起诉',
    en: 'The arbitration is neither concluded, declined nor overdue; no suit can follow it yet',
  },
  'CHAIN.litigation-state': { zh: '诉讼当前状态不允许此操作', en: 'The litigation is not in a state that allows this' },
  'CHAIN.enforcement-basis': { zh: '执行依据尚未生效', en: 'The basis for enforcement does not exist yet' },
  'CHAIN.enforcement-state': { zh: '执行当前状态不允许此操作', en: 'The enforcement is not in a state that allows this' },
  'CHAIN.letter-to-self': { zh: '不能向本机构发出监督文书', en: 'A letter cannot be addressed to its issuer' },
  'CHAIN.letter-replied': { zh: '该文书已回复', en: 'The letter was already replied to' },
  'CHAIN.item-state': { zh: '整改事项已核实或已销项', en: 'The rectification item is already verified or closed' },
  'CHAIN.already-listed': { zh: '该用人单位已列入此名单', en: 'The employer is already on this list' },
  'CHAIN.document-act': { zh: '材料所属的行为须为本案件已记录的行为', en: 'A document belongs to an act recorded on this case' },
  'CHAIN.document-worker': {
    zh: '含个人信息的材料须属于本案件中个人信息未删除的职工',
    en: 'A personal document belongs to a worker of this case whose data is not erased',
  },
  'CHAIN.resolution': { zh: '办结方式与案件记录不符', en: 'The resolution is not borne out by the case record' },
  // Joint meetings (meetingLogic.ts): their own stream, their own decider.
  'meeting.host': { zh: '联席会议由主办机构的秘书记录', en: "A joint meeting is recorded by its host agency's secretary" },
  'meeting.agenda': { zh: '审议的案件须在会议安排的议程之内', en: 'The cases reviewed must be among the cases the meeting was scheduled with' },
  // Rule 3's counterpart for meetings: a "joint" meeting of one agency is no joint meeting.
  'meeting.joint': { zh: '联席会议至少需要两个机构出席', en: 'A joint meeting needs at least two agencies attending' },
  'meeting.case-participant': {
    zh: '会议作出决定的每个案件，须至少有一个出席机构参与该案件',
    en: 'Each case the meeting decides on needs an attending agency that takes part in it',
  },
  'meeting.held': { zh: '该联席会议已召开并记录', en: 'This joint meeting was already held and recorded' },
  'meeting.not-held': { zh: '该联席会议尚未召开，没有可执行的决定', en: 'This joint meeting was not held yet: it took no decisions' },
} as const satisfies Record<string, Label>;

export type RuleId = keyof typeof ruleBook;
export const ruleIds = Object.keys(ruleBook) as RuleId[];

export type RefusalStatus = 400 | 403 | 409;

/**
 * The HTTP status a command gets when it breaks each rule; every rule not named here is 409, as
 * the state (of the case, of the meeting) stands in the way. 403 when the rule is about who asks
 * (rule 1, the meeting's host), 400 when the request's own body breaks it. One table, so neither
 * the decider's throw sites nor the service's edge pick a status of their own.
 */
const refusalStatuses = {
  R1: 403,
  'H1.participant': 403,
  'H1.user': 400,
  'meeting.host': 403,
  'meeting.agenda': 400,
  'meeting.joint': 400,
  'T1.future': 400,
  'T1.before-opened': 400,
  'T1.before-answered': 400,
} as const satisfies Partial<Record<RuleId, RefusalStatus>>;

export function refusalStatus(ruleId: RuleId): RefusalStatus {
  return Object.hasOwn(refusalStatuses, ruleId) ? refusalStatuses[ruleId as keyof typeof refusalStatuses] : 409;
}

/**
 * A command refused by a rule. Its HTTP status says what kind of refusal it is, as the rule book
 * gives it (refusalStatus): 409 when the state stands in the way, 403 for who is asking
 * (NotOwnAct), 400 when the request's own body breaks the rule (`field` names the part). Only a
 * rule found broken in a record already stored is told otherwise (409: requireValidRecord).
 * service-kit's problem middleware turns it into a problem document with the rule's id, as it is.
 */
export class RuleViolation extends Error {
  override readonly name: string = 'RuleViolation';
  readonly status: RefusalStatus;
  /** The part of the request body that breaks the rule, for a 400 (`attendees.agencies`). */
  readonly field: string | undefined;

  constructor(
    readonly ruleId: RuleId,
    message: string,
    readonly messageEn: string,
    options: { readonly status?: RefusalStatus; readonly field?: string } = {},
  ) {
    super(message);
    this.status = options.status ?? refusalStatus(ruleId);
    this.field = options.field;
  }
}

/**
 * What the person acting can do about each refusal, in plain words: the refusal's message is the
 * rule, what exactly was wrong (in words and Chinese dates, never a field key, an id or an ISO
 * timestamp) and this. The rule id stays beside the message (RuleViolation.ruleId), for support.
 */
export const refusalAdvice = {
  R1: { zh: '请由负责该事项的机构办理', en: 'Leave this to the agency in charge of it.' },
  'R1.mediator': { zh: '请由主持调解的机构记录', en: 'Leave this to the mediating agency.' },
  'R1.reply': { zh: '请由收到文书的机构回复', en: 'Leave the reply to the addressed agency.' },
  'R1.rectification': { zh: '请由负责整改的机构报告', en: 'Leave the report to the responsible agency.' },
  'R1.case-owner': { zh: '请联系登记案件的机构销号', en: 'Ask the agency that opened the case to close it.' },
  'R1.vault-holder': { zh: '请联系登记案件的机构办理', en: 'Ask the agency that opened the case.' },
  'R2.receiver': { zh: '请由接收线索的机构办理', en: 'Leave this to the agency the lead was sent to.' },
  'R2.once': { zh: '该线索已处理，无需再次办理', en: 'The lead was already dealt with; nothing more to do.' },
  R3: { zh: '请再选择至少一个参加机构', en: 'Choose at least one more agency.' },
  'R3.participant': { zh: '请把本机构列为参加机构', en: 'Include your own agency among those taking part.' },
  'R4.consent': { zh: '请先取得劳动者和用人单位双方同意，并勾选', en: 'Obtain and tick both sides’ consent first.' },
  'R4.labor-relationship': { zh: '请由仲裁委员会继续审理', en: 'The arbitration commission hears it itself.' },
  'R4.union-room': { zh: '请由工会调解组织启动', en: 'Leave this to the union mediation room.' },
  'R5.signed-first': { zh: '请先记录调解协议签订', en: 'Record the signed agreement first.' },
  'R5.resolution': { zh: '请选择与案件记录相符的办结方式', en: 'Choose a resolution the case record bears out.' },
  'R6.lead-deadline': { zh: '请重新选择反馈期限', en: 'Choose another feedback deadline.' },
  'R7.feedback': { zh: '请先记录向职工反馈，再销号', en: 'Record the feedback to the worker first, then close.' },
  'R7.leads': { zh: '请先办结这些线索，再销号', en: 'Settle those leads first, then close.' },
  'R7.rectification': { zh: '请先完成回头看核实或经联席会议销项，再销号', en: 'Have them verified or closed by a joint meeting first, then close.' },
  'R7.meeting-decision': { zh: '请选择作出该决定的联席会议，或按会议的决定填写', en: 'Choose the meeting that took this decision, or record it as taken.' },
  'R8.statutory-deadline': { zh: '请不要填写回复期限，系统会按规定计算', en: 'Leave the reply deadline out; it is computed by the rules.' },
  'R8.letter-deadline': { zh: '请重新选择回复期限', en: 'Choose another reply deadline.' },
  'R8.item-deadline': { zh: '请重新选择整改期限', en: 'Choose another deadline.' },
  'R8.extend-once': { zh: '不能再次延长', en: 'It cannot be extended again.' },
  'R8.extend-before-due': { zh: '请按期限届满的情况办理', en: 'Proceed as the period has ended.' },
  'R9.fen': { zh: '请填写不小于零的金额（元），最多两位小数', en: 'Enter an amount in yuan, not negative, at most two decimals.' },
  'R9.utc': { zh: '请重新选择日期', en: 'Choose the date again.' },
  'R9.items': { zh: '请按款项种类分别填写大于零的金额，每种只填一次', en: 'Enter each kind once, with an amount above zero.' },
  'CHAIN.categories': { zh: '请至少选择一个案件类别，每个类别只选一次', en: 'Choose at least one category, each once.' },
  'T1.future': { zh: '请把发生时间改为现在或以前', en: 'Set the time it happened to now or earlier.' },
  'T1.before-opened': { zh: '请把发生时间改为案件登记之后', en: 'Set the time it happened to after the case was opened.' },
  'T1.before-answered': { zh: '请把发生时间改为所回应的行为之后', en: 'Set the time it happened to after the act it answers.' },
  'H1.participant': { zh: '请由参与案件的机构指定', en: 'Leave this to an agency taking part in the case.' },
  'H1.user': { zh: '请从本机构的用户中选择', en: "Choose one of the agency's users." },
  'H1.active': { zh: '请选择启用中的联络员', en: 'Choose an active liaison.' },
  'H1.same': { zh: '无需重新指定', en: 'Nothing to change.' },
  'CHAIN.not-opened': { zh: '请先登记案件', en: 'Open the case first.' },
  'CHAIN.already-opened': { zh: '请在已登记的案件上继续办理', en: 'Carry on with the case already opened.' },
  'CHAIN.closed': { zh: '如需继续办理，请先重新办理', en: 'Reopen it to carry on.' },
  'CHAIN.not-closed': { zh: '请直接继续办理', en: 'Carry on with it as it is.' },
  'CHAIN.duplicate-id': { zh: '请刷新页面后重新提交', en: 'Reload the page and submit again.' },
  'CHAIN.unknown-ref': { zh: '请刷新页面后重新选择', en: 'Reload the page and choose again.' },
  'CHAIN.lead-to-self': { zh: '请选择其他机构', en: 'Choose another agency.' },
  'CHAIN.lead-not-accepted': { zh: '请先接收线索', en: 'Accept the lead first.' },
  'CHAIN.worker-count': { zh: '请核对职工人数', en: 'Check the number of workers.' },
  'CHAIN.worker-erased': { zh: '无需再次删除', en: 'Nothing more to erase.' },
  'CHAIN.mediation-state': { zh: '请刷新页面，按调解的当前状态办理', en: "Reload the page and act on the mediation's current state." },
  'CHAIN.arbitration-state': { zh: '请刷新页面，按仲裁的当前状态办理', en: "Reload the page and act on the arbitration's current state." },
  'CHAIN.arbitration-pending': { zh: '请待仲裁终结或逾期后再起诉', en: 'File the suit once the arbitration is concluded or overdue.' },
  'CHAIN.litigation-state': { zh: '请刷新页面，按诉讼的当前状态办理', en: "Reload the page and act on the litigation's current state." },
  'CHAIN.enforcement-basis': { zh: '请先记录判决书、仲裁裁决书或仲裁调解书', en: 'Record the judgment, award or mediation document first.' },
  'CHAIN.enforcement-state': { zh: '请刷新页面，按执行的当前状态办理', en: "Reload the page and act on the enforcement's current state." },
  'CHAIN.letter-to-self': { zh: '请选择其他受文单位', en: 'Choose another addressee.' },
  'CHAIN.letter-replied': { zh: '无需再次回复', en: 'No second reply is needed.' },
  'CHAIN.item-state': { zh: '无需再次办理', en: 'Nothing more to do on it.' },
  'CHAIN.already-listed': { zh: '无需再次列入', en: 'No need to list it again.' },
  'CHAIN.document-act': { zh: '请刷新页面后重新选择所属行为', en: 'Reload the page and choose the act again.' },
  'CHAIN.document-worker': { zh: '请选择个人信息未删除的职工', en: 'Choose a worker whose data is not erased.' },
  'CHAIN.resolution': { zh: '请选择与案件记录相符的办结方式', en: 'Choose a resolution the case record bears out.' },
  'meeting.host': { zh: '请由主办机构的秘书记录', en: "Leave this to the host agency's secretary." },
  'meeting.agenda': { zh: '请只选择议程中的案件', en: 'Choose only cases on the agenda.' },
  'meeting.joint': { zh: '请再选择至少一个出席机构', en: 'Choose at least one more attending agency.' },
  'meeting.case-participant': {
    zh: '请去掉这些案件，或增加参与其中的出席机构',
    en: 'Leave those cases out, or add an attending agency that takes part in them.',
  },
  'meeting.held': { zh: '无需再次记录', en: 'No need to record it again.' },
  'meeting.not-held': { zh: '请先记录会议召开', en: 'Record the meeting as held first.' },
} as const satisfies Record<RuleId, Label>;

/**
 * A refusal in plain words: the rule's own text, what exactly was wrong when that helps the person
 * acting (in parentheses), and what to do. 「反馈期限须晚于今天（2026年12月7日），请重新选择」.
 */
export function worded(ruleId: RuleId, detail?: Label): Label {
  const rule = ruleBook[ruleId];
  const advice = refusalAdvice[ruleId];
  return {
    zh: `${rule.zh}${detail ? `（${detail.zh}）` : ''}，${advice.zh}`,
    en: `${rule.en}${detail ? ` (${detail.en})` : ''}. ${advice.en}`,
  };
}

/** The refusal of a command that breaks `ruleId`, with the status the rule book gives it; `field` for a 400. */
export function violation(ruleId: RuleId, detail?: Label, options?: { readonly field?: string }): RuleViolation {
  const { zh, en } = worded(ruleId, detail);
  return new RuleViolation(ruleId, zh, en, options);
}
