/**
 * Renders a letter as an A4 PDF laid out per GB/T 9704-2012: 版头 (发文机关标志 in red, 发文字号,
 * red separator), 主体 (标题, 主送机关, 正文, 署名, 成文日期), 版记 (印发机关和印发日期) at the foot
 * of the last page, page numbers "— n —" at the outside corner. The same content gives the same
 * bytes: fixed metadata from the act's time, fonts subset in the order the text uses them, no
 * random names (pdf-lib's suffixes come from a seeded generator; subset fonts carry a given name).
 */
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { breakLines } from './breaking.js';
import { caseNumberLine, chineseDate, replySentence, type LetterContent } from './content.js';
import { fontBytes } from './fonts.js';
import {
  AREA,
  AREA_BOTTOM,
  AREA_RIGHT,
  ASCENT,
  CHAR_PITCH,
  DESCENT,
  LINE_PITCH,
  MARK_TOP,
  MM,
  PAGE,
  PAGE_NUMBER_TOP,
  RULE_THICK,
  SEPARATOR_GAP,
  SIZE,
} from './layout.js';

export interface RenderedLetter {
  readonly bytes: Uint8Array;
  readonly sha256: string;
  readonly size: number;
  readonly pages: number;
}

const RED = '#DC1414';
const BLACK = '#000000';
const PRODUCER = 'labor-hub letters (pdfkit 0.20.2)';

type Face = 'body' | 'heading';
type Doc = InstanceType<typeof PDFDocument>;

/** Text set on the 28-characters grid: every character advances its width less the same squeeze, so a full-width one takes CHAR_PITCH. */
const GRID_SPACING = CHAR_PITCH * MM - SIZE.h3;

class Writer {
  pages = 0;
  /** The top of the next line on the current page, in mm from the page's top. */
  y: number = AREA.top;

  constructor(readonly doc: Doc) {
    this.newPage();
  }

  /** A new page, numbered as it is opened: "— n —" in 4号 7 mm under the type area, odd pages right-spaced one character, even pages left (7.5). */
  newPage(): void {
    this.doc.addPage({ size: [PAGE.width * MM, PAGE.height * MM], margin: 0 });
    this.pages += 1;
    this.y = AREA.top;
    const label = `— ${this.pages} —`;
    const width = this.measure(label, 'body', SIZE.h4);
    const left = this.pages % 2 === 1 ? AREA_RIGHT - SIZE.h4 / MM - width : AREA.left + SIZE.h4 / MM;
    this.text(label, left, PAGE_NUMBER_TOP, 'body', SIZE.h4);
  }

  /** Width in mm of `text` set in `face` at `size` (with the grid's spacing when given). */
  measure(text: string, face: Face, size: number, spacing = 0): number {
    return this.doc.font(face).fontSize(size).widthOfString(text, { characterSpacing: spacing }) / MM;
  }

  /** Draws `text` with its em box's top at `top` mm and its left at `left` mm. */
  text(text: string, left: number, top: number, face: Face, size: number, color = BLACK, spacing = 0): void {
    const baseline = (top + (ASCENT * size) / MM) * MM;
    this.doc
      .font(face)
      .fontSize(size)
      .fillColor(color)
      .text(text, left * MM, baseline, { lineBreak: false, baseline: 'alphabetic', characterSpacing: spacing });
  }

  rule(top: number, thickness: number, color = BLACK): void {
    const y = (top + thickness / 2) * MM;
    this.doc
      .moveTo(AREA.left * MM, y)
      .lineTo(AREA_RIGHT * MM, y)
      .lineWidth(thickness * MM)
      .strokeColor(color)
      .stroke();
  }

  /** One line of 3号 body text on the grid, starting `indent` mm into the type area; a new page when this one is full. */
  line(text: string, indent = 0): void {
    if (this.y + LINE_PITCH > AREA_BOTTOM + 1e-6) this.newPage();
    this.text(text, AREA.left + indent, this.y + (LINE_PITCH - SIZE.h3 / MM) / 2, 'body', SIZE.h3, BLACK, GRID_SPACING);
    this.y += LINE_PITCH;
  }

  /** One character's advance in mm on the body grid. */
  readonly advance = (ch: string): number => this.measure(ch, 'body', SIZE.h3) + GRID_SPACING / MM;

  width(text: string): number {
    return [...text].reduce((sum, ch) => sum + this.advance(ch), 0);
  }

  blank(lines = 1): void {
    this.y += LINE_PITCH * lines;
  }
}

/** 版头: 紧急程度 when urgent, 发文机关标志 in red, 发文字号 two lines under it, the red separator 4 mm under that (7.2). */
function drawHead(w: Writer, content: LetterContent): void {
  if (content.urgent) w.text('加急', AREA.left, AREA.top + (LINE_PITCH - SIZE.h3 / MM) / 2, 'heading', SIZE.h3);
  // The mark fills at most the type area's width, at most 15 mm high.
  const markSize = Math.min(15 * MM, (AREA.width * MM) / [...content.issuerName].length);
  const markWidth = w.measure(content.issuerName, 'heading', markSize);
  w.text(content.issuerName, AREA.left + (AREA.width - markWidth) / 2, MARK_TOP, 'heading', markSize, RED);
  const markBottom = MARK_TOP + (markSize / MM) * (ASCENT + DESCENT);
  const noTop = markBottom + 2 * LINE_PITCH + (LINE_PITCH - SIZE.h3 / MM) / 2;
  const noWidth = w.measure(content.documentNo, 'body', SIZE.h3);
  w.text(content.documentNo, AREA.left + (AREA.width - noWidth) / 2, noTop, 'body', SIZE.h3);
  const separator = noTop + SIZE.h3 / MM + SEPARATOR_GAP;
  w.rule(separator, 0.5, RED);
  w.y = separator + 2 * LINE_PITCH;
}

/** 标题: 2号, centred, two blank lines under the separator, broken into lines of about equal length (7.3.1). */
function drawTitle(w: Writer, title: string): void {
  const perLine = Math.floor((AREA.width * MM) / SIZE.h2);
  const count = Math.ceil([...title].length / perLine);
  const even = Math.ceil([...title].length / count);
  const lines = breakLines(title, (even * SIZE.h2) / MM, (ch) => w.measure(ch, 'heading', SIZE.h2));
  const pitch = Math.max(LINE_PITCH, (SIZE.h2 / MM) * 1.3);
  for (const line of lines) {
    const width = w.measure(line, 'heading', SIZE.h2);
    w.text(line, AREA.left + (AREA.width - width) / 2, w.y + (pitch - SIZE.h2 / MM) / 2, 'heading', SIZE.h2);
    w.y += pitch;
  }
}

/** How many lines of 正文 go with the signature to a page of their own when it does not fit under them: never a page of signature alone. */
const LINES_WITH_SIGNATURE = 2;

/**
 * 正文: paragraphs indented two characters, lines broken with 避头尾 (7.3.3). When the 署名 and
 * 成文日期 (a blank line and two lines) would not fit under the last line, the last two lines
 * of the 正文 move to the next page with them: a page never holds the signature without text
 * (7.3.5: no page of 印章 and 成文日期 alone, which would need 「此页无正文」).
 */
function drawBody(w: Writer, paragraphs: readonly string[]): void {
  const lines: { text: string; indent: number }[] = [];
  for (const paragraph of paragraphs) {
    const broken = breakLines(paragraph, AREA.width, w.advance, AREA.width - 2 * CHAR_PITCH);
    for (const [i, text] of broken.entries()) lines.push({ text, indent: i === 0 ? 2 * CHAR_PITCH : 0 });
  }
  // Where each line would start (top in mm, and whether it opens a page), as Writer.line places them.
  let y = w.y;
  const opensPage: boolean[] = [];
  for (const _ of lines) {
    const breaks = y + LINE_PITCH > AREA_BOTTOM + 1e-6;
    if (breaks) y = AREA.top;
    opensPage.push(breaks);
    y += LINE_PITCH;
  }
  const signatureFits = y + 3 * LINE_PITCH <= AREA_BOTTOM + 1e-6;
  const from = lines.length - LINES_WITH_SIGNATURE;
  // Moved only when the lines moved are not already at a page's top (nothing to gain) and some text stays behind.
  const moveFrom = !signatureFits && from > 0 && !opensPage.slice(from).some(Boolean) ? from : -1;
  for (const [i, line] of lines.entries()) {
    if (i === moveFrom) w.newPage();
    w.line(line.text, line.indent);
  }
}

/** 署名 right-spaced two characters, 成文日期 under it moved two characters right, or right-spaced two when longer (7.3.5.2). */
function drawSignature(w: Writer, issuerName: string, date: string): void {
  w.blank();
  const [nameWidth, dateWidth] = [w.width(issuerName), w.width(date)];
  let nameLeft = AREA_RIGHT - 2 * CHAR_PITCH - nameWidth;
  let dateLeft = nameLeft + 2 * CHAR_PITCH;
  if (dateLeft + dateWidth > AREA_RIGHT - 2 * CHAR_PITCH + 1e-6) {
    dateLeft = AREA_RIGHT - 2 * CHAR_PITCH - dateWidth;
    nameLeft = dateLeft - 2 * CHAR_PITCH;
  }
  // The two lines stay together on one page.
  if (w.y + 2 * LINE_PITCH > AREA_BOTTOM + 1e-6) w.newPage();
  w.line(issuerName, nameLeft - AREA.left);
  w.line(date, dateLeft - AREA.left);
}

/** 版记: 印发机关和印发日期 between two thick rules, the last on the type area's bottom edge (7.4). */
function drawRecord(w: Writer, issuerName: string, date: string): void {
  const top = AREA_BOTTOM - LINE_PITCH;
  // On the last page when the text leaves room above its first rule; else on a page of its own.
  if (w.y > top - 2 * RULE_THICK + 1e-6) w.newPage();
  w.rule(top - RULE_THICK, RULE_THICK);
  const textTop = top + (LINE_PITCH - SIZE.h4 / MM) / 2;
  w.text(issuerName, AREA.left + SIZE.h4 / MM, textTop, 'body', SIZE.h4);
  const issued = `${date}印发`;
  w.text(issued, AREA_RIGHT - SIZE.h4 / MM - w.measure(issued, 'body', SIZE.h4), textTop, 'body', SIZE.h4);
  w.rule(AREA_BOTTOM - RULE_THICK, RULE_THICK);
}

export async function renderLetter(content: LetterContent): Promise<RenderedLetter> {
  const created = new Date(content.issuedAt);
  if (Number.isNaN(created.getTime())) throw new Error(`renderLetter: issuedAt is not a time: ${content.issuedAt}`);
  // Fixed metadata: pdfkit derives the file's /ID from the info, so the same content gives the same bytes.
  const doc = new PDFDocument({
    autoFirstPage: false,
    compress: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: content.title,
      Author: content.issuerName,
      Subject: content.documentNo,
      Creator: 'labor-hub',
      Producer: PRODUCER,
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  // pdfkit subsets each font to the glyphs used, named by a tag derived from the font's id (F1, F2), not at random.
  doc.registerFont('body', Buffer.from(fontBytes('regular')));
  doc.registerFont('heading', Buffer.from(fontBytes('bold')));

  const date = chineseDate(content.issuedAt);
  const w = new Writer(doc);
  drawHead(w, content);
  drawTitle(w, content.title);
  w.blank();
  w.line(`${content.addressee}：`);
  const paragraphs = content.body
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  // The case the letter is about, by its 案号, first: only when the letter recorded one, so older letters render as they did.
  const reference = content.caseNumber ? [caseNumberLine(content.caseNumber)] : [];
  drawBody(w, [...reference, ...paragraphs, replySentence(content.kind, content.replyDueAt)]);
  drawSignature(w, content.issuerName, date);
  drawRecord(w, content.issuerName, date);
  doc.end();
  await ended;

  const bytes = new Uint8Array(Buffer.concat(chunks));
  return { bytes, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.byteLength, pages: w.pages };
}
