import type { LetterContent } from '../src/index.js';
import { letterTitle } from '../src/index.js';

/** A 检察建议书 of the worked example, long enough to run onto a second page. */
export function sampleLetter(overrides: Partial<LetterContent> = {}): LetterContent {
  const issuerName = overrides.issuerName ?? '杭州市西湖区人民检察院';
  return {
    kind: 'procuratorial_recommendation',
    documentNo: '杭西检民建〔2026〕12号',
    issuerName,
    title: letterTitle(issuerName, 'procuratorial_recommendation', '督促落实危化品物流企业女职工劳动保护'),
    addressee: '杭州市西湖区交通运输局',
    body: [
      '本院在履行职责中发现，辖区内4家危化品物流企业未组织女职工进行妇科检查，3家企业劳动合同中未订立女职工特殊保护条款，违反了《女职工劳动保护特别规定》的相关规定。',
      '根据《中华人民共和国人民检察院组织法》第二十一条的规定，建议你局：一、督促企业组织女职工妇科检查；二、督促企业在劳动合同中订立女职工特殊保护条款。',
    ].join('\n'),
    replyDueAt: '2027-02-07T15:59:59.000Z',
    urgent: false,
    issuedAt: '2026-12-07T02:30:00.000Z',
    ...overrides,
  };
}
