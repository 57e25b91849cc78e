import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, OUTPUT_DIR, signIn, User } from '../src/browser.js';
import { apiLogin, cases, hubGet } from '../src/hub-api.js';

const system = inject('system');

describe('an auditor replays and verifies a case', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('steps through the history, verifies the store, exports the proof, and sees a tampered copy fail at the edited event', async () => {
    const token = await apiLogin(system.agencyUrls['court']!, 'auditor', system.password);
    // A closed demo case, with its whole history behind it.
    const closed = (await cases(system.url, token, '&status=closed'))[0];
    expect(closed, 'the demo data has a closed case').toBeDefined();
    const { steps } = await hubGet<{ steps: unknown[] }>(system.url, token, `/api/cases/${closed!.caseId}/history`);
    expect(steps.length).toBeGreaterThan(3);

    const auditor = await User.open(browser, system.url, 'audit', 'court-auditor', OFFICE);
    const { page } = auditor;
    await signIn(auditor, '人民法院', 'auditor', system.password);
    await page.goto(`/cases/${closed!.caseId}/audit`);
    await page.getByRole('heading', { name: '案件审计', level: 1 }).waitFor();

    // Replay: the slider starts at the first step; 下一步 and the keyboard move it.
    const slider = page.getByRole('slider', { name: '回放位置' });
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toMatch(new RegExp(`^第 1 步，共 ${steps.length} 步`));
    await auditor.shot('first-step');
    await page.getByRole('button', { name: '下一步' }).click();
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toMatch(/^第 2 步/);
    await slider.focus();
    await page.keyboard.press('End');
    await expect.poll(() => slider.getAttribute('aria-valuetext')).toMatch(new RegExp(`^第 ${steps.length} 步`));
    await auditor.shot('last-step');

    // Verify the case in the store: chain, signatures, witnesses all hold.
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await page.getByText(/核验通过：哈希链/).waitFor();
    for (const check of ['哈希链', '签名', '见证']) {
      await page.getByRole('region', { name: '核验' }).getByText(check, { exact: true }).first().waitFor();
    }
    await auditor.shot('verified');

    // Export the JSON proof, as an auditor takes a copy away.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 JSON（含证明）' }).click()]);
    const exported = join(OUTPUT_DIR, 'audit', 'exported.json');
    await download.saveAs(exported);
    // The other exports come down too, named after the case's 案号.
    expect(download.suggestedFilename()).toBe(`${closed!.caseNumber}-审计导出.json`);
    for (const [button, extension] of [
      ['导出 CSV', 'csv'],
      ['导出 XLSX', 'xlsx'],
    ] as const) {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
      expect(file.suggestedFilename()).toBe(`${closed!.caseNumber}-审计导出.${extension}`);
      expect((await readFile((await file.path())!)).length).toBeGreaterThan(200);
    }
    const proof = JSON.parse(await readFile(exported, 'utf8')) as { caseId: string; events: { revision: string; data: Record<string, unknown> }[] };
    expect(proof.caseId).toBe(closed!.caseId);

    // The untouched copy verifies.
    await page.getByLabel('选择导出文件').setInputFiles(exported);
    await page.getByText(/文件核验通过/).waitFor();

    // Someone edits one event's data in the copy: the check fails, and says where.
    const edited = proof.events[1]!;
    edited.data = { ...edited.data, summary: '（已被改动）' };
    const tampered = join(OUTPUT_DIR, 'audit', 'tampered.json');
    await writeFile(tampered, JSON.stringify(proof));
    await page.getByLabel('选择导出文件').setInputFiles(tampered);
    await page.getByText(/文件核验未通过/).waitFor();
    const copyPanel = page.getByRole('region', { name: '核验导出文件' });
    expect(await copyPanel.textContent()).toContain(`第 ${edited.revision} 版`);
    await copyPanel.scrollIntoViewIfNeeded();
    await auditor.shot('tampered-copy-fails');
    expect(auditor.errors).toEqual([]);
    await auditor.close();
  });
});
