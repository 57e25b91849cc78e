/**
 * Issue 13.3 in the console: a letter issued as a document shows 「查看/打印文书」 on the case's
 * timeline; the PDF it opens is the one whose SHA-256 the signed event holds, and its first page,
 * drawn by pdf.js in the browser, shows the red 发文机关标志 and separator of GB/T 9704.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin } from '../src/hub-api.js';

const system = inject('system');
const require = createRequire(import.meta.url);
const MM = 72 / 25.4;

async function post(url: string, token: string, body: unknown): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${text}`);
  return JSON.parse(text);
}

/** The page of a PDF drawn by pdf.js (the build the npm package ships) onto a canvas, on a page of its own origin. */
const VIEWER = `<!doctype html><meta charset="utf-8"><body style="margin:0;background:#888">
<canvas id="page"></canvas>
<script type="module">
  import * as pdfjs from '/pdf.min.mjs';
  pdfjs.GlobalWorkerOptions.workerSrc = '/pdf.worker.min.mjs';
  const doc = await pdfjs.getDocument({ url: '/letter.pdf' }).promise;
  const page = await doc.getPage(1);
  const viewport = page.getViewport({ scale: 2 });
  const canvas = document.getElementById('page');
  canvas.width = viewport.width;
  canvas.height = viewport.height;
  await page.render({ canvasContext: canvas.getContext('2d'), viewport }).promise;
  window.rendered = { pages: doc.numPages, width: viewport.width, height: viewport.height };
</script>`;

describe('a letter printed from the console', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the union issues a 提示函; on the timeline 「查看/打印文书」 opens the PDF the event proves, and its page shows the red 版头', async () => {
    const unionUrl = system.agencyUrls['union']!;
    const token = await apiLogin(unionUrl, 'liaison', system.password);
    const opened = await post(`${unionUrl}/api/cases`, token, {
      channel: 'walk_in',
      category: 'wage_arrears',
      summary: `浏览器测试：文书打印 ${Date.now()}`,
      employers: [{ name: '杭州西溪筑业装饰工程有限公司', uscc: '91330106MA2KQ7T39F' }],
      workerCount: 3,
      workers: [],
      amountClaimedFen: 1_200_000,
      region: '330106',
    });
    const caseId = opened.caseId as string;
    const letterId = randomUUID();
    await post(`${unionUrl}/api/cases/${caseId}/issue-supervision-letter`, token, {
      letterId,
      kind: 'reminder_letter',
      addressee: { kind: 'enterprise', name: '杭州西溪筑业装饰工程有限公司', uscc: '91330106MA2KQ7T39F' },
      summary: '经核查，你单位存在拖欠3名劳动者工资的问题，违反了《保障农民工工资支付条例》的规定。请你单位依法及时足额支付所欠工资。',
      replyDueAt: new Date(Date.now() + 15 * 86_400_000).toISOString(),
    });

    const union = await User.open(browser, system.url, 'letters', 'union-liaison', OFFICE);
    await signIn(union, '工会', 'liaison', system.password);
    await union.page.goto(`/cases/${caseId}`);
    const timeline = union.page.getByRole('region', { name: /^案件动态/ });
    const entry = timeline.getByRole('listitem').filter({ hasText: '监督文书发出' });
    await entry.waitFor();
    const documentNo = /西工提〔\d{4}〕\d+号/.exec((await entry.textContent()) ?? '')?.[0];
    expect(documentNo, 'the timeline shows the 文号 the register issued').toBeDefined();
    await union.shot('timeline-letter');

    const [response, popup] = await Promise.all([
      union.page.waitForResponse((r) => r.url().includes(`/letters/${letterId}/pdf`)),
      union.context.waitForEvent('page'),
      entry.getByRole('button', { name: /查看\/打印文书/ }).click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    // The bytes the console holds: what its link opens (the blob the tab shows).
    const link = entry.getByRole('link', { name: `打开 ${documentNo}.pdf` });
    await link.waitFor();
    // Evaluated as source: the specs compile without the DOM's types.
    const href = (await link.getAttribute('href'))!;
    const base64 = await union.page.evaluate<string>(`(async () => {
      const blob = await (await fetch(${JSON.stringify(href)})).blob();
      return await new Promise((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
        reader.readAsDataURL(blob);
      });
    })()`);
    const bytes = Buffer.from(base64, 'base64');
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    expect(sha256).toBe(response.headers()['x-letter-sha256']);
    // The page shows the start of the hash the signed event holds: the same as the bytes'.
    const shown = /SHA-256 ([0-9a-f]{12})…/.exec((await entry.textContent()) ?? '')?.[1];
    expect(sha256.startsWith(shown ?? '-')).toBe(true);
    await union.shot('letter-opened');
    await popup.close();
    writeFileSync(union.shotPath('letter.pdf'), bytes);

    // The PDF's first page as an image, drawn by pdf.js in the browser.
    const viewer = await browser.newContext({ viewport: { width: 1240, height: 1754 } });
    const page = await viewer.newPage();
    const files: Record<string, { body: Buffer; type: string }> = {
      '/': { body: Buffer.from(VIEWER), type: 'text/html' },
      '/pdf.min.mjs': { body: readFileSync(require.resolve('pdfjs-dist/build/pdf.min.mjs')), type: 'text/javascript' },
      '/pdf.worker.min.mjs': { body: readFileSync(require.resolve('pdfjs-dist/build/pdf.worker.min.mjs')), type: 'text/javascript' },
      '/letter.pdf': { body: bytes, type: 'application/pdf' },
    };
    await page.route('http://letter.test/**', (route) => {
      const file = files[new URL(route.request().url()).pathname];
      return file ? route.fulfill({ status: 200, contentType: file.type, body: file.body }) : route.fulfill({ status: 404 });
    });
    await page.goto('http://letter.test/');
    await page.waitForFunction('window.rendered !== undefined', undefined, { timeout: 30_000 });
    const image = union.shotPath('letter-page-1.png');
    await page.locator('#page').screenshot({ path: image });

    // Red in the band of the 发文机关标志 (its top 72 mm from the page's top) and a red rule under the 文号; black body text lower down.
    const scale = 2 * MM;
    const band = (top: number, bottom: number) => `count(${Math.round(top * scale)}, ${Math.round(bottom * scale)})`;
    const counts = await page.evaluate<{ head: { red: number; dark: number }; body: { red: number; dark: number } }>(`(() => {
      const canvas = document.getElementById('page');
      const ctx = canvas.getContext('2d');
      const count = (top, bottom) => {
        const { data } = ctx.getImageData(0, top, canvas.width, bottom - top);
        let red = 0;
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
          if (r > 180 && g < 90 && b < 90) red += 1;
          if (r < 80 && g < 80 && b < 80) dark += 1;
        }
        return { red, dark };
      };
      return { head: ${band(70, 130)}, body: ${band(140, 262)} };
    })()`);
    expect(counts.head.red, 'red pixels of the agency mark and the separator').toBeGreaterThan(2000);
    expect(counts.body.dark, 'dark pixels of the title and body text').toBeGreaterThan(2000);
    expect(counts.body.red, 'no red in the body').toBeLessThan(50);
    await viewer.close();
    expect(union.errors).toEqual([]);
    await union.close();
  });
});
