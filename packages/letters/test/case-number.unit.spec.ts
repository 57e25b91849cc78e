/**
 * A letter names its case by 案号: a line opening the 正文, right under the 主送机关, indented
 * like every paragraph. A letter issued before case numbers (no caseNumber) renders as it did.
 */
import { describe, expect, it } from 'vitest';
import { layout, renderLetter } from '../src/index.js';
import { readPdf } from './pdf-text.js';
import { sampleLetter } from './support.js';

const { AREA, CHAR_PITCH, LINE_PITCH } = layout;

describe('the 案号 in a letter', () => {
  it('given a letter with the case number, then the 正文 opens with 案号：… under the 主送机关, and the rest follows a line lower', async () => {
    const content = sampleLetter({ caseNumber: '〔2026〕浙0106工维字第12号' });
    const texts = (await readPdf((await renderLetter(content)).bytes))[0]!.texts;
    const addressee = texts.find((t) => t.str === `${content.addressee}：`)!;
    const line = texts.find((t) => t.str === '案号：〔2026〕浙0106工维字第12号');
    expect(line, texts.map((t) => t.str).join(' | ')).toBeDefined();
    expect(line!.left).toBeCloseTo(AREA.left + 2 * CHAR_PITCH, 1);
    expect(line!.baseline - addressee.baseline).toBeCloseTo(LINE_PITCH, 1);
    const opening = texts.find((t) => t.str.startsWith('本院在履行职责中发现'))!;
    expect(opening.baseline - line!.baseline).toBeCloseTo(LINE_PITCH, 1);
  });

  it('given a letter without one (issued before case numbers), then there is no 案号 line and the bytes are those of the same letter rendered before', async () => {
    const before = await renderLetter(sampleLetter());
    const withoutField = await renderLetter(sampleLetter({ caseNumber: undefined }));
    expect(withoutField.sha256).toBe(before.sha256);
    const texts = (await readPdf(before.bytes)).flatMap((p) => p.texts);
    expect(texts.some((t) => t.str.startsWith('案号'))).toBe(false);
    expect((await renderLetter(sampleLetter({ caseNumber: '〔2026〕浙0106工维字第12号' }))).sha256).not.toBe(before.sha256);
  });
});
