/**
 * The audit page's own words: statuses of the case state (the contracts label vocabularies, not
 * the domain's status codes), the checks, and the verifier's problem codes.
 */
import { agencyIdSchema, agencyNames, eventDefinition, isEventType, statusLabels } from '@hub/contracts';
import type { Label } from '../../app/i18n.tsx';
import type { ItemStatus } from './types.ts';

const L = (zh: string, en: string): Label => ({ zh, en });

// The statuses' words are the contracts' one table, shared with the domain's act choices.
export const leadStatusLabels = statusLabels.lead;
export const mediationStatusLabels = statusLabels.mediation;
export const arbitrationStatusLabels = statusLabels.arbitration;
export const litigationStatusLabels = statusLabels.litigation;
export const enforcementStatusLabels = statusLabels.enforcement;
export const itemStatusLabels = statusLabels.item;

/** A mark beside each status so it reads without colour. */
export const itemStatusMarks: { readonly [S in ItemStatus]: string } = { open: '○', reported: '◐', verified: '✓', closed: '✓' };

/** The chain's three terms in plain words, shown beside them (issue 14.8). */
export const chainTerms = {
  revision: {
    term: L('版本', 'Revision'),
    meaning: L('本案的第几个事件：立案是第 0 版，之后每记录一件事加 1', 'Which event of this case it is: the opening is revision 0, each later record adds 1'),
  },
  position: {
    term: L('全局位置', 'Store position'),
    meaning: L(
      '在整个事件库（所有案件合在一起）中的序号，说明它在全部记录中的先后',
      'Its number in the whole event store (all cases together): where it stands among every record',
    ),
  },
  prevHash: {
    term: L('前一哈希', 'Previous hash'),
    meaning: L(
      '本案上一版事件的哈希，本事件与它相连；改动任何一个旧事件，链条都会对不上',
      'The hash of this case’s previous event, which this one chains to: changing any earlier event breaks the chain',
    ),
  },
} as const;

export const personalFieldLabels: Readonly<Record<string, Label>> = {
  name: L('姓名', 'name'),
  idNumber: L('身份证号', 'resident ID'),
  phone: L('手机号', 'phone'),
};

/** The checks, by the ids both verifications use. */
export const checkLabels: Readonly<Record<string, Label>> = {
  identity: L('案件标识', 'Case identity'),
  chain: L('哈希链', 'Hash chain'),
  signatures: L('签名', 'Signatures'),
  witnesses: L('见证', 'Witnesses'),
  keys: L('密钥', 'Keys'),
};

/** The verifiers' problem codes (services/hub/src/audit and verifier/verify-audit.mjs). */
export const problemKindLabels: Readonly<Record<string, Label>> = {
  'hash-mismatch': L('内容与哈希不符', 'content and hash disagree'),
  'link-broken': L('链接断裂', 'broken link'),
  'revision-missing': L('缺少版本', 'revision missing'),
  'wrong-stream': L('属于另一条流', 'from another stream'),
  'stream-mismatch': L('流与案件不符', 'stream does not match the case'),
  unencodable: L('无法编码', 'cannot be encoded'),
  'unknown-key': L('密钥不受信任', 'untrusted key'),
  'bad-signature': L('签名无法验证', 'signature does not verify'),
  'signed-revision-missing': L('签署过的版本不存在', 'signed revision missing'),
  unsigned: L('没有有效签名', 'no valid signature'),
  truncated: L('流尾被截断', 'tail cut off'),
  rewritten: L('历史被改写', 'history rewritten'),
  'missing-from-store': L('见证记录被删除', 'witness record removed'),
  'differs-from-store': L('见证记录与存储不同', 'witness record differs'),
  'not-yet-in-store': L('见证记录尚未写入存储', 'witness record pending'),
  'unknown-to-agency': L('机构副本中没有该记录', 'unknown to the agency'),
  'not-compared': L('未比对机构副本', 'agency copy not compared'),
  'none-compared': L('未比对任何机构副本', 'no agency copy compared'),
  'tail-unwitnessed': L('尾部尚未见证', 'tail not yet witnessed'),
  'untrusted-key': L('仅由存储发布、不受信任的密钥', 'key only the store vouches for: not trusted'),
  'file-key-not-trusted': L('文件所带密钥不受信任', 'key in the file not trusted'),
};

/** What `expected` and `found` are, per check and code; the fallback is plain "expected / found". */
const COMPARED: Readonly<Record<string, readonly [Label, Label]>> = {
  'chain:hash-mismatch': [L('事件记录的哈希', 'Hash the event carries'), L('按现有内容重算的哈希', 'Hash of its content now')],
  'chain:link-broken': [L('前一事件的哈希', "Previous event's hash"), L('本事件记录的 prevHash', 'prevHash it carries')],
  'chain:revision-missing': [L('应有的版本', 'Expected revision'), L('实际的下一版本', 'Next revision found')],
  'signatures:hash-mismatch': [L('机构签署的哈希', 'Hash the agency signed'), L('事件的哈希', "The event's hash")],
  'witnesses:rewritten': [L('见证的哈希', 'Hash witnessed'), L('事件的哈希', "The event's hash")],
  'witnesses:truncated': [L('见证过的版本', 'Revision witnessed'), L('现有最后一版', 'Last revision present')],
};
const DEFAULT_COMPARED: readonly [Label, Label] = [L('应为', 'Expected'), L('实为', 'Found')];
export const comparedLabels = (check: string, kind: string): readonly [Label, Label] =>
  COMPARED[`${check}:${kind}`] ?? (kind === 'unknown-key' ? [L('应为', 'Expected'), L('所用密钥', 'Key used')] : DEFAULT_COMPARED);

export const notComparedReasons: Readonly<Record<string, Label>> = {
  'not-configured': L('未配置服务地址', 'no address configured'),
  unreachable: L('无法连接', 'unreachable'),
  invalid: L('回答无效', 'invalid answer'),
};

export function agencyLabel(agency: string | null | undefined): Label {
  if (!agency) return L('—', '—');
  const known = agencyIdSchema.safeParse(agency);
  return known.success ? agencyNames[known.data] : L(agency, agency);
}

export function eventLabel(type: string): Label {
  return isEventType(type) ? eventDefinition(type).label : L(type, type);
}

export const shortHash = (hash: string | null | undefined): string => (hash ? `${hash.slice(0, 12)}…` : '—');

/** Punctuation that follows the language: 、；：（） in Chinese, , ; : ( ) in English. */
export function punctuation(lang: 'zh' | 'en') {
  return lang === 'zh' ? { list: '、', semi: '；', colon: '：', open: '（', close: '）' } : { list: ', ', semi: '; ', colon: ': ', open: ' (', close: ')' };
}
