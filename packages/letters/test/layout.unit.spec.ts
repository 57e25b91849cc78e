import { describe, expect, it } from 'vitest';
import { layout, renderLetter } from '../src/index.js';
import { readPdf, type PlacedText } from './pdf-text.js';
import { sampleLetter } from './support.js';

const { AREA, AREA_BOTTOM, AREA_RIGHT, CHAR_PITCH, LINE_PITCH } = layout;
const centre = (t: PlacedText) => t.left + t.width / 2;
/** 居中 is within the type area (28 mm left, 26 mm right): 106 mm from the page's left edge. */
const MIDDLE = AREA.left + AREA.width / 2;
const find = (texts: readonly PlacedText[], pred: (t: PlacedText) => boolean) => {
  const found = texts.find(pred);
  if (!found) throw new Error(`no such text among: ${texts.map((t) => t.str).join(' | ')}`);
  return found;
};

describe('a letter is laid out as GB/T 9704-2012 prescribes', async () => {
  const content = sampleLetter({ urgent: true });
  const rendered = await renderLetter(content);
  const pages = await readPdf(rendered.bytes);
  const first = pages[0]!.texts;
  const all = pages.flatMap((p) => p.texts);

  it('is on A4 paper, with the page count the renderer reports', () => {
    expect(pages).toHaveLength(rendered.pages);
    for (const page of pages) {
      expect(page.widthMm).toBeCloseTo(210, 0);
      expect(page.heightMm).toBeCloseTo(297, 0);
    }
  });

  it('has the 发文机关标志 centred, its top 35 mm under the type area, in large type', () => {
    const mark = find(first, (t) => t.str === content.issuerName);
    expect(Math.abs(centre(mark) - MIDDLE)).toBeLessThan(0.2);
    const top = mark.baseline - (layout.ASCENT * mark.size) / layout.MM;
    expect(Math.abs(top - (AREA.top + 35))).toBeLessThan(0.5);
    expect(mark.size).toBeGreaterThan(22);
  });

  it('has the 发文字号 centred under the mark, as 机关代字〔年份〕序号号, and the 标题 centred under that in 2号', () => {
    const mark = find(first, (t) => t.str === content.issuerName);
    const no = find(first, (t) => t.str === content.documentNo);
    expect(content.documentNo).toMatch(/^\S+〔\d{4}〕[1-9]\d*号$/);
    expect(Math.abs(centre(no) - MIDDLE)).toBeLessThan(0.2);
    expect(no.baseline).toBeGreaterThan(mark.baseline + 2 * LINE_PITCH);
    const titleLines = first.filter((t) => t.size === 22);
    expect(titleLines.map((t) => t.str).join('')).toBe(content.title);
    for (const line of titleLines) {
      expect(Math.abs(centre(line) - MIDDLE)).toBeLessThan(0.2);
      expect(line.baseline).toBeGreaterThan(no.baseline + 2 * LINE_PITCH);
    }
  });

  it('puts 加急 at the top left of the type area when the letter is urgent', () => {
    const urgent = find(first, (t) => t.str === '加急');
    expect(urgent.left).toBeCloseTo(AREA.left, 1);
    expect(urgent.baseline).toBeLessThan(AREA.top + LINE_PITCH);
  });

  it('has the 主送机关 flush left ending with a full-width colon, and the 正文 indented two characters', () => {
    const addressee = find(first, (t) => t.str === `${content.addressee}：`);
    expect(addressee.left).toBeCloseTo(AREA.left, 1);
    const opening = find(first, (t) => t.str.startsWith('本院在履行职责中发现'));
    expect(opening.left).toBeCloseTo(AREA.left + 2 * CHAR_PITCH, 1);
    expect(opening.baseline - addressee.baseline).toBeCloseTo(LINE_PITCH, 1);
  });

  it('keeps every body line within 28 characters of the type area, on a grid of 22 lines a page, none starting with 。or ，', () => {
    const body = all.filter((t) => t.size === 16);
    for (const line of body) {
      expect(line.left).toBeGreaterThanOrEqual(AREA.left - 0.01);
      expect(line.left + line.width).toBeLessThanOrEqual(AREA_RIGHT + 0.2);
      expect(line.baseline).toBeGreaterThan(AREA.top);
      expect(line.baseline).toBeLessThan(AREA_BOTTOM);
      expect('。，、；：）》'.includes(line.str[0]!)).toBe(false);
    }
    // A line of 28 full-width characters fills the type area exactly (the 3号 type is set on the 28-character grid).
    const full = body.filter((t) => [...t.str].length === 28 && /^[^\x20-\x7e]+$/.test(t.str));
    expect(full.length).toBeGreaterThanOrEqual(1);
    for (const line of full) expect(Math.abs(line.width - AREA.width)).toBeLessThan(0.2);
    // On each page, body lines sit on the line grid: one pitch apart, or whole pitches with blank lines between.
    for (const page of pages) {
      const grid = page.texts.filter((t) => t.size === 16 && t.str !== content.documentNo && t.str !== '加急');
      for (let i = 1; i < grid.length; i++) {
        const steps = (grid[i]!.baseline - grid[i - 1]!.baseline) / LINE_PITCH;
        expect(steps).toBeGreaterThanOrEqual(0.99);
        expect(Math.abs(steps - Math.round(steps))).toBeLessThan(0.01);
      }
    }
  });

  it('signs with the agency name right-spaced two characters and the 成文日期 in Arabic numerals under it', () => {
    const last = pages[pages.length - 1]!.texts;
    const dates = last.filter((t) => t.str === '2026年12月7日');
    expect(dates).toHaveLength(1);
    const names = last.filter((t) => t.str === content.issuerName && t.size === 16);
    expect(names).toHaveLength(1);
    expect(names[0]!.left + names[0]!.width).toBeCloseTo(AREA_RIGHT - 2 * CHAR_PITCH, 0);
    expect(dates[0]!.baseline - names[0]!.baseline).toBeCloseTo(LINE_PITCH, 1);
    expect(dates[0]!.left).toBeGreaterThanOrEqual(names[0]!.left + 2 * CHAR_PITCH - 0.2);
  });

  it('ends the last page with the 版记 (印发机关和印发日期) on the type area’s bottom edge', () => {
    const last = pages[pages.length - 1]!.texts;
    const issued = find(last, (t) => t.str === '2026年12月7日印发');
    expect(issued.size).toBe(14);
    expect(issued.left + issued.width).toBeCloseTo(AREA_RIGHT - 14 / layout.MM, 0);
    expect(AREA_BOTTOM - issued.baseline).toBeLessThan(LINE_PITCH);
    expect(issued.baseline).toBeLessThan(AREA_BOTTOM);
  });

  it('numbers the pages "— n —" 7 mm under the type area, odd pages on the right, even pages on the left', () => {
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => {
      const number = find(page.texts, (t) => t.str === `— ${i + 1} —`);
      expect(number.size).toBe(14);
      expect(number.baseline).toBeGreaterThan(AREA_BOTTOM + 7);
      if (i % 2 === 0) expect(number.left + number.width).toBeCloseTo(AREA_RIGHT - 14 / layout.MM, 0);
      else expect(number.left).toBeCloseTo(AREA.left + 14 / layout.MM, 0);
    });
  });
});

describe('a long letter', async () => {
  const paragraph = '经调查核实，该单位存在拖欠劳动者工资、未依法缴纳社会保险费等问题，应当依法予以纠正。'.repeat(6);
  const content = sampleLetter({ body: Array.from({ length: 8 }, () => paragraph).join('\n') });
  const rendered = await renderLetter(content);
  const pages = await readPdf(rendered.bytes);

  it('given a body longer than a page, then a full page holds 22 lines and the signature and 版记 close the last page', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const middle = pages[1]!.texts.filter((t) => t.size === 16);
    expect(middle).toHaveLength(layout.LINES_PER_PAGE);
    const last = pages[pages.length - 1]!.texts;
    expect(last.some((t) => t.str === '2026年12月7日印发')).toBe(true);
    expect(pages.slice(0, -1).some((p) => p.texts.some((t) => t.str.endsWith('印发')))).toBe(false);
  });
});

describe('a short letter', async () => {
  const rendered = await renderLetter(sampleLetter({ body: '请你单位依法及时足额支付所欠工资。' }));
  const pages = await readPdf(rendered.bytes);

  it('given a body that fits under the 版头, then it is one page with the signature, the 版记 and "— 1 —"', () => {
    expect(pages).toHaveLength(1);
    const texts = pages[0]!.texts.map((t) => t.str);
    expect(texts).toEqual(expect.arrayContaining(['2026年12月7日', '2026年12月7日印发', '— 1 —']));
  });
});

describe('a letter whose 正文 ends too low on the page for the signature', async () => {
  // Lengthened a sentence at a time until the signature no longer fits under the 正文 of page 1.
  const sentence = '经核查，该单位存在拖欠劳动者工资的问题，应当依法予以纠正。';
  let body = '';
  let found: { pages: Awaited<ReturnType<typeof readPdf>>; content: ReturnType<typeof sampleLetter> } | null = null;
  for (let n = 1; n <= 40 && !found; n++) {
    body = Array.from({ length: n }, () => sentence).join('');
    const content = sampleLetter({ body });
    const pages = await readPdf((await renderLetter(content)).bytes);
    // The first length whose signature leaves page 1.
    if (pages.length > 1 && !pages[0]!.texts.some((t) => t.str === '2026年12月7日')) found = { pages, content };
  }

  it('moves the last two lines of the 正文 to the next page with the 署名 and 成文日期: no page of signature alone', () => {
    if (!found) throw new Error('no body length put the signature on a second page');
    const { pages, content } = found;
    const signed = pages.findIndex((p) => p.texts.some((t) => t.str === '2026年12月7日'));
    expect(signed).toBeGreaterThan(0);
    const page = pages[signed]!.texts;
    const name = find(page, (t) => t.str === content.issuerName && t.size === 16);
    // Body lines (3号, flush with the type area or indented) above the signature on its page.
    const bodyAbove = page.filter((t) => t.size === 16 && t.baseline < name.baseline && t.str !== content.issuerName);
    expect(bodyAbove.length).toBeGreaterThanOrEqual(2);
    expect(bodyAbove[0]!.baseline - AREA.top).toBeLessThan(LINE_PITCH);
  });
});
