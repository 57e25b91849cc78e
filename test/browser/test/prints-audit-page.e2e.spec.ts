/**
 * Issue 14.5: the audit page itself as printed (the browser's 打印 / Ctrl+P, besides the printout
 * its 打印 button prints): A4, in Chinese, Beijing times, no UUID, no buttons or form controls,
 * nothing beside the type area or over other text. Pages drawn as images in output/prints-audit-page/.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, cases } from '../src/hub-api.js';
import { BEIJING_TIME, expectClean, installCjkFont, pdfPages, UUID } from '../src/pdf-pages.js';

const system = inject('system');

describe('the audit page printed', { timeout: 180_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('given a verified case on the audit page, when the page is printed at A4, then it reads in Chinese with Beijing times and no controls, and stays on the page', async () => {
    const token = await apiLogin(system.agencyUrls['court']!, 'auditor', system.password);
    const closed = (await cases(system.url, token, '&status=closed'))[0];
    expect(closed, 'the demo data has a closed case').toBeDefined();
    const auditor = await User.open(browser, system.url, 'prints-audit-page', 'court-auditor', OFFICE);
    const { page } = auditor;
    await signIn(auditor, '人民法院', 'auditor', system.password);
    await page.goto(`/cases/${closed!.caseId}/audit`);
    await page.getByRole('heading', { name: '案件审计', level: 1 }).waitFor();
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await page.getByText(/核验通过：哈希链/).waitFor();
    await installCjkFont(page);
    await page.emulateMedia({ media: 'print' });
    await auditor.shot('print-media');
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });

    const pages = await pdfPages(browser, pdf, auditor.shotPath('page'));
    const text = pages.map((p) => p.text).join('\n');
    const flat = text.replace(/\s+/g, '');
    for (const label of ['案件审计', '历史回放', '版本', '全局位置', '经办人', '核验通过', closed!.caseNumber!]) expect(flat, label).toContain(label);
    expect(text).toMatch(BEIJING_TIME);
    expect(text).not.toMatch(UUID);
    // No buttons or form controls on paper.
    for (const control of ['返回案件', '回放到', '导出 CSV', '选择导出文件']) expect(flat, control).not.toContain(control);
    expectClean(pages, { left: 12, right: 12 });
    expect(auditor.errors).toEqual([]);
    await auditor.close();
  });
});
