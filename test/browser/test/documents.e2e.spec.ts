import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, cases } from '../src/hub-api.js';

const system = inject('system');

/** A small valid PDF, different on every run. */
function pdf(stamp: string): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${stamp}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
    'latin1',
  );
}

describe('documents on the case page', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a union liaison attaches a PDF to an open case, sees it listed with its size and kind, and downloads the same bytes; a file that is no document is refused by its content', async () => {
    const token = await apiLogin(system.agencyUrls['union']!, 'liaison', system.password);
    const target = (await cases(system.url, token, '&status=open&agency=union'))[0];
    expect(target, 'the demo data has an open case the union works on').toBeDefined();

    const union = await User.open(browser, system.url, 'documents', 'union-liaison', OFFICE);
    await signIn(union, '工会', 'liaison', system.password);
    await union.page.goto(`/cases/${target!.caseId}`);
    const card = union.page.getByRole('region', { name: '证据材料' });
    await card.waitFor();
    const form = card.getByRole('form', { name: '上传材料' });

    // An executable named like a PDF: the service reads the content and refuses it.
    await form
      .getByLabel('文件')
      .setInputFiles({ name: '工资表.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(64)]) });
    await form.getByRole('button', { name: '上传' }).click();
    await form.getByRole('alert').filter({ hasText: '文件内容不是允许的类型' }).waitFor();
    await union.shot('refused-by-content');

    const file = pdf(`浏览器测试 ${Date.now()}`);
    const fileName = `工资支付记录-${Date.now()}.pdf`;
    await form.getByLabel('文件').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: file });
    await form.getByLabel('材料类别').selectOption({ label: '证据材料' });
    await form.getByRole('button', { name: '上传' }).click();
    await form.getByText(`已上传：${fileName}`).waitFor();
    const row = card.getByRole('row').filter({ hasText: fileName });
    await row.waitFor();
    expect(await row.textContent()).toContain('PDF 文档');
    expect(await row.textContent()).toContain(`${file.length} B`);
    expect(await row.textContent()).toContain(`SHA-256 ${createHash('sha256').update(file).digest('hex').slice(0, 16)}`);
    await union.shot('attached');

    const [download] = await Promise.all([union.page.waitForEvent('download'), row.getByRole('button', { name: `下载 ${fileName}` }).click()]);
    expect(download.suggestedFilename()).toBe(fileName);
    const saved = union.shotPath('download.pdf');
    await download.saveAs(saved);
    expect((await readFile(saved)).equals(file)).toBe(true);

    // The hub's timeline shows the act, as every signed event.
    await union.page
      .getByRole('region', { name: /^案件动态/ })
      .getByText('材料上传')
      .first()
      .waitFor();
    expect(union.errors).toEqual([]);
    await union.close();
  });
});
