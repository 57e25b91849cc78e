/**
 * Prints checked as paper (issue 14.5): a PDF's pages drawn by pdf.js in the browser as images,
 * with the text of each page and where each piece of it stands, so a spec can check that nothing
 * lies outside the page and no two pieces of text overlap (a table cell running into the next).
 * Also the CJK fonts the styles name (Noto Sans / Serif CJK SC, as a Chinese desktop with Noto or
 * Source Han fonts has): the test machine has only WenQuanYi Micro Hei, a sans under none of those
 * names, so a page to be printed is given Noto Serif SC (the letters' font, from the npm registry)
 * under them, and every print is set, and reads back, the same on any machine.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
const fromLetters = createRequire(resolve(import.meta.dirname, '..', '..', '..', 'packages', 'letters', 'package.json'));
const FONT = () => readFileSync(fromLetters.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'));
const FONT_PATH = '/__print-test/cjk.ttf';
const FAMILIES = ['Noto Sans CJK SC', 'Noto Serif CJK SC'];

/** Serves the CJK font on the page's own origin and declares it under the families the styles name. */
export async function installCjkFont(page: Page): Promise<void> {
  const font = FONT();
  await page.route(`**${FONT_PATH}`, (route) => route.fulfill({ status: 200, contentType: 'font/ttf', body: font }));
  const css = FAMILIES.map((f) => `@font-face { font-family: "${f}"; src: url("${FONT_PATH}") format("truetype"); }`).join('\n');
  await page.addStyleTag({ content: css });
  await page.evaluate(
    `Promise.all(${JSON.stringify(FAMILIES)}.map((f) => document.fonts.load('16px "' + f + '"', '纪要审计'))).then(() => document.fonts.ready)`,
  );
}

/**
 * The font gives one glyph to an ideograph and to the radical that looks the same (人 and ⼈, 民
 * and ⺠); chromium's PDF names such a glyph by the radical, so text read back from the PDF would
 * say ⼈⺠. This reads the font's own character map (the cmap table, format 12) and maps each
 * radical (U+2E80–U+2FDF) back to the ideograph its glyph is.
 */
function radicalsOf(font: Buffer): Map<string, string> {
  const tables = font.readUInt16BE(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) if (font.toString('latin1', 12 + i * 16, 16 + i * 16) === 'cmap') cmap = font.readUInt32BE(12 + i * 16 + 8);
  const byGlyph = new Map<number, number[]>();
  for (let i = 0; i < font.readUInt16BE(cmap + 2); i++) {
    const sub = cmap + font.readUInt32BE(cmap + 4 + i * 8 + 4);
    if (font.readUInt16BE(sub) !== 12) continue;
    for (let g = 0; g < font.readUInt32BE(sub + 12); g++) {
      const at = sub + 16 + g * 12;
      const [start, end, glyph] = [font.readUInt32BE(at), font.readUInt32BE(at + 4), font.readUInt32BE(at + 8)];
      for (let c = start; c <= end; c++) {
        const radical = c >= 0x2e80 && c <= 0x2fdf;
        const ideograph = c >= 0x3400 && c <= 0x9fff;
        if (radical || ideograph) byGlyph.set(glyph + c - start, [...(byGlyph.get(glyph + c - start) ?? []), c]);
      }
    }
    break;
  }
  const map = new Map<string, string>();
  for (const codes of byGlyph.values()) {
    const ideograph = codes.find((c) => c >= 0x3400);
    if (ideograph !== undefined) for (const c of codes) if (c < 0x3400) map.set(String.fromCodePoint(c), String.fromCodePoint(ideograph));
  }
  return map;
}

let radicals: Map<string, string> | undefined;
/** Text read back from a PDF printed in the font, with radicals named as the ideographs they are drawn as. */
export function readBack(text: string): string {
  radicals ??= radicalsOf(FONT());
  return text.replace(/[\u2e80-\u2fdf]/g, (c) => radicals!.get(c) ?? c);
}

/** One piece of text on a page, in PDF points from the page's top left. */
export interface TextBox {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PdfPage {
  number: number;
  /** The page's size in points (A4: 595 × 842, landscape 842 × 595). */
  width: number;
  height: number;
  text: string;
  boxes: TextBox[];
  image: string;
}

const VIEWER = `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#888">
<canvas id="page"></canvas>
<script type="module">
  import * as pdfjs from '/pdf.min.mjs';
  pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.min.mjs';
  const doc = await pdfjs.getDocument({ url: '/print.pdf', cMapUrl: '/cmaps/', cMapPacked: true }).promise;
  window.show = async (n) => {
    const page = await doc.getPage(n);
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: 2 });
    const canvas = document.getElementById('page');
    canvas.width = viewport.width;
    canvas.height = viewport.height;
    await page.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
    const content = await page.getTextContent();
    const boxes = content.items.filter((i) => i.str && i.str.trim()).map((i) => {
      const [, , , , e, f] = i.transform;
      return { str: i.str, x: e, y: base.height - f - i.height, width: i.width, height: i.height };
    });
    return { width: base.width, height: base.height, text: content.items.map((i) => i.str + (i.hasEOL ? '\\n' : '')).join(''), boxes };
  };
  window.pages = doc.numPages;
</script>`;

/** Draws every page of the PDF as a PNG (imagePrefix-<n>.png) and reads its text with positions. */
export async function pdfPages(browser: Browser, pdf: Buffer, imagePrefix: string): Promise<PdfPage[]> {
  const context = await browser.newContext({ viewport: { width: 1240, height: 1754 } });
  try {
    const page = await context.newPage();
    const files: Record<string, { body: Buffer; type: string }> = {
      '/': { body: Buffer.from(VIEWER), type: 'text/html' },
      '/pdf.min.mjs': { body: readFileSync(require.resolve('pdfjs-dist/build/pdf.min.mjs')), type: 'text/javascript' },
      '/pdf.worker.min.mjs': { body: readFileSync(require.resolve('pdfjs-dist/build/pdf.worker.min.mjs')), type: 'text/javascript' },
      '/print.pdf': { body: pdf, type: 'application/pdf' },
    };
    await page.route('http://pdf.test/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      const cmap = path.startsWith('/cmaps/') ? resolve(require.resolve('pdfjs-dist/package.json'), '..', 'cmaps', path.slice('/cmaps/'.length)) : null;
      if (cmap) return route.fulfill({ status: 200, contentType: 'application/octet-stream', body: readFileSync(cmap) });
      const file = files[path];
      return file ? route.fulfill({ status: 200, contentType: file.type, body: file.body }) : route.fulfill({ status: 404 });
    });
    await page.goto('http://pdf.test/');
    await page.waitForFunction('window.pages !== undefined', undefined, { timeout: 30_000 });
    const count = (await page.evaluate('window.pages')) as number;
    const out: PdfPage[] = [];
    for (let n = 1; n <= count; n++) {
      const shown = (await page.evaluate(`window.show(${n})`)) as Omit<PdfPage, 'number' | 'image'>;
      const image = `${imagePrefix}-${n}.png`;
      await page.locator('#page').screenshot({ path: image });
      out.push({ number: n, image, ...shown, text: readBack(shown.text), boxes: shown.boxes.map((b) => ({ ...b, str: readBack(b.str) })) });
    }
    return out;
  } finally {
    await context.close();
  }
}

const MM = 72 / 25.4;

/**
 * Text that runs beyond the type area's sides: the page less its left and right margins (in mm),
 * with a point (0.35 mm) to spare for chromium's rounding of millimetres to CSS pixels (its A4 is
 * 595 pt wide, not 595.28). Chromium clips at the paper's edge, so text that spills shows as text
 * in the margin; what runs past the foot goes to the next page.
 */
export function outsideTheTypeArea(page: PdfPage, margins: { left: number; right: number }): TextBox[] {
  const left = margins.left * MM - 1;
  const right = page.width - margins.right * MM + 1;
  return page.boxes.filter((b) => b.x < left || b.x + b.width > right);
}

/**
 * Pairs of text pieces drawn over each other: their boxes share more than a third of the smaller
 * one's area and more than half a character's width. Neighbouring runs of one line touch at most
 * by the half character that CJK punctuation is set in (：〔 and ）。 share one em), and lines are
 * apart; text of one cell running into the next overlaps by whole characters.
 */
export function overlappingText(page: PdfPage): [TextBox, TextBox][] {
  const found: [TextBox, TextBox][] = [];
  const boxes = page.boxes.filter((b) => b.width > 0.5 && b.height > 0.5);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (w <= 0 || h <= 0 || w <= 0.55 * Math.min(a.height, b.height)) continue;
      if (w * h > Math.min(a.width * a.height, b.width * b.height) / 3) found.push([a, b]);
    }
  }
  return found;
}

/** A UUID anywhere in the text. */
export const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
/** Beijing time as people write it: 2026年12月7日 09:30. */
export const BEIJING_TIME = /\d{4}年\d{1,2}月\d{1,2}日\s?\d{2}:\d{2}/;

/** Every page's text inside its type area (between the side margins, mm), no text over other text; the offending pieces named when not. */
export function expectClean(pages: readonly PdfPage[], margins: { left: number; right: number }): void {
  for (const page of pages) {
    expect(
      outsideTheTypeArea(page, margins).map((b) => `${b.str} @ ${b.x.toFixed(1)}–${(b.x + b.width).toFixed(1)} pt of ${page.width.toFixed(1)}`),
      `page ${page.number}: text beside the type area`,
    ).toEqual([]);
    expect(
      overlappingText(page).map(([a, b]) => `${a.str} × ${b.str}`),
      `page ${page.number}: text over text`,
    ).toEqual([]);
  }
}
