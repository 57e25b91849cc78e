import { letterKinds, type LetterDocument, type LetterKind, type Party } from '@hub/contracts';

/** What a letter's PDF is rendered from: nothing else goes into its bytes. */
export interface LetterContent {
  readonly kind: LetterKind;
  /** 发文字号 as the register issued it: 机关代字〔年份〕序号号. */
  readonly documentNo: string;
  /** 发文机关标志 and 署名: the agency's full name. */
  readonly issuerName: string;
  readonly title: string;
  /** 主送机关: the addressee's name. */
  readonly addressee: string;
  /** 正文 as written by the issuer; a line break starts a new paragraph. */
  readonly body: string;
  readonly replyDueAt: string;
  readonly urgent: boolean;
  /** The act's time: 成文日期 (its Shanghai day), 印发日期 and the PDF's creation date. */
  readonly issuedAt: string;
  /** The case's 案号, named in a line opening the 正文; none on letters issued before case numbers (their bytes unchanged). */
  readonly caseNumber?: string | undefined;
}

/** The kind as a letter's title names it (the 检察建议 is issued as a 检察建议书). */
export const letterTitleKind: { readonly [K in LetterKind]: string } = {
  reminder_letter: letterKinds.labels.reminder_letter.zh,
  opinion_letter: letterKinds.labels.opinion_letter.zh,
  recommendation_letter: letterKinds.labels.recommendation_letter.zh,
  procuratorial_recommendation: '检察建议书',
  rectification_order: letterKinds.labels.rectification_order.zh,
};

/** 标题: the issuing agency, the matter and the kind (GB/T 9704-2012 7.3.1). */
export function letterTitle(issuerName: string, kind: LetterKind, matter: string): string {
  return `${issuerName}关于${matter}的${letterTitleKind[kind]}`;
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** A UTC time's day in Asia/Shanghai, in Arabic numerals without leading zeros: 2026年12月7日 (7.3.5.1). */
export function chineseDate(iso: string): string {
  const d = new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** The year of a UTC time in Asia/Shanghai: the year a 文号 is counted in. */
export function shanghaiYear(iso: string): number {
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).getUTCFullYear();
}

/** 发文字号: 机关代字〔年份〕序号号, the year in 六角括号, no leading zeros, no 第 (7.2.4). */
export function documentNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}〔${year}〕${sequence}号`;
}

/** The closing sentence every letter carries: when the addressee must answer. */
export function replySentence(kind: LetterKind, replyDueAt: string): string {
  const due = chineseDate(replyDueAt);
  return kind === 'rectification_order' ? `请于${due}前改正，并将改正情况书面报告。` : `请于${due}前将办理情况书面回复。`;
}

/** The content of a letter as an issued event holds it (the event's data with its document). */
export function letterContentOf(data: {
  readonly kind: LetterKind;
  readonly addressee: Party;
  readonly documentNo?: string | undefined;
  readonly summary: string;
  readonly replyDueAt: string;
  readonly urgent: boolean;
  readonly document?: LetterDocument | undefined;
}): LetterContent {
  if (!data.document || data.documentNo === undefined) throw new Error('this letter was not issued as a document (no register number and PDF)');
  return {
    kind: data.kind,
    documentNo: data.documentNo,
    issuerName: data.document.issuerName,
    title: data.document.title,
    addressee: data.addressee.name,
    body: data.summary,
    replyDueAt: data.replyDueAt,
    urgent: data.urgent,
    issuedAt: data.document.issuedAt,
    caseNumber: data.document.caseNumber,
  };
}

/** The line naming the case at the head of the 正文: 案号：〔2026〕浙0106工维字第12号 */
export const caseNumberLine = (caseNumber: string): string => `案号：${caseNumber}`;
