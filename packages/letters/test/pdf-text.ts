/** Reads a PDF's text with pdf.js (its positions in mm from the page's top-left corner), as the layout specs check it. */
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PlacedText {
  readonly str: string;
  /** Left edge and baseline, in mm from the page's left and top edges. */
  readonly left: number;
  readonly baseline: number;
  readonly width: number;
  /** The font size in points. */
  readonly size: number;
}

export interface ReadPage {
  readonly widthMm: number;
  readonly heightMm: number;
  readonly texts: readonly PlacedText[];
}

const MM = 72 / 25.4;

export async function readPdf(bytes: Uint8Array): Promise<ReadPage[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: VerbosityLevel.ERRORS, isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: ReadPage[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const texts: PlacedText[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [a, b, , , e, f] = item.transform as number[];
      texts.push({ str: item.str, left: e! / MM, baseline: (y1 - f!) / MM, width: item.width / MM, size: Math.hypot(a!, b!) });
    }
    pages.push({ widthMm: (x1 - x0) / MM, heightMm: (y1 - y0) / MM, texts });
  }
  await doc.destroy();
  return pages;
}
