import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { currentVersions, parseEventData, readCatalogEvent, supervisionLetterIssuedV1Data, upcast } from '../src/index.js';

const v1 = () => ({
  letterId: randomUUID(),
  kind: 'procuratorial_recommendation',
  issuedBy: 'procuratorate',
  addressee: { kind: 'agency', name: '杭州市西湖区交通运输局' },
  documentNo: '杭西检行建〔2026〕3号',
  summary: '督促对辖区危化品物流企业落实女职工劳动保护',
  replyDueAt: '2027-02-07T15:59:59.000Z',
  urgent: false,
});

const document = {
  issuerName: '杭州市西湖区人民检察院',
  title: '杭州市西湖区人民检察院关于督促落实女职工劳动保护的检察建议书',
  issuedAt: '2026-12-07T02:30:00.000Z',
  sha256: 'a'.repeat(64),
  size: 38_034,
  pages: 2,
};

describe('SupervisionLetterIssued v2: the letter as a PDF document', () => {
  it('given a v1 letter of an old stream, when read, then it is the same letter without a document', () => {
    const old = v1();
    expect(supervisionLetterIssuedV1Data.safeParse(old).success).toBe(true);
    expect(currentVersions.SupervisionLetterIssued).toBe(2);
    expect(upcast('SupervisionLetterIssued', 1, old)).toEqual(old);
    expect(readCatalogEvent({ type: 'SupervisionLetterIssued', data: old }).data).toEqual(old);
  });

  it('given a v2 letter with its document (number, hash, size), then it reads as written', () => {
    const data = { ...v1(), document };
    expect(readCatalogEvent({ type: 'SupervisionLetterIssued', data, metadata: { schemaVersion: 2 } }).data).toEqual(data);
  });

  it('refuses a document whose hash is not a SHA-256 or whose size is not a positive integer', () => {
    expect(() => parseEventData('SupervisionLetterIssued', { ...v1(), document: { ...document, sha256: 'abc' } })).toThrow(/SHA-256/);
    expect(() => parseEventData('SupervisionLetterIssued', { ...v1(), document: { ...document, size: 0 } })).toThrow();
    expect(() => parseEventData('SupervisionLetterIssued', { ...v1(), document: { ...document, extra: 1 } })).toThrow();
  });

  it('refuses a v1 letter that carries a document: version 1 never had one', () => {
    expect(() => upcast('SupervisionLetterIssued', 1, { ...v1(), document })).toThrow();
  });
});
