/**
 * 案号 as people meet it: the case list shows each case's number, searching by the number (typed
 * with the usual brackets too) finds the case, and the case page is titled with it. The demo
 * cases were opened through the services' APIs, so each holds the number its agency's register issued.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, cases, hubGet, type CaseEntry } from '../src/hub-api.js';

const system = inject('system');
const NUMBER = /^〔\d{4}〕\D{1}\d*[工检人法][维督移]字第\d+号$/;

describe('case numbers in the console', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists show the number, search finds a case by it, and the case page carries it', async () => {
    const token = await apiLogin(system.agencyUrls['union']!, 'liaison', system.password);
    const listed = (await cases(system.url, token)) as (CaseEntry & { caseNumber: string | null })[];
    expect(listed.length).toBeGreaterThan(1);
    // Every demo case was opened through an agency service, so every one has its number, all different.
    for (const c of listed) expect(c.caseNumber, c.caseId).toMatch(NUMBER);
    expect(new Set(listed.map((c) => c.caseNumber)).size).toBe(listed.length);
    const target = listed.find((c) => c.caseNumber!.includes('工'))!;
    expect(target, 'the demo data has a case the union opened').toBeDefined();

    const union = await User.open(browser, system.url, 'case-numbers', 'union-liaison', OFFICE);
    await signIn(union, '工会', 'liaison', system.password);
    await union.page.goto('/cases');
    const results = union.page.getByRole('region', { name: /查询结果/ });
    await results.getByRole('columnheader', { name: '案号' }).waitFor();
    await results.getByRole('link', { name: target.caseNumber! }).waitFor();
    await union.shot('list-with-numbers');

    // Search by the number typed with square brackets, as a keyboard makes it easiest.
    const typed = target.caseNumber!.replace('〔', '[').replace('〕', ']');
    await union.page.getByLabel('关键词').fill(typed);
    await union.page.getByRole('button', { name: '查询' }).click();
    await union.page.waitForURL(/q=/);
    await results.getByText('（共 1 件）').waitFor();
    const rows = results.getByRole('row');
    expect(await rows.count()).toBe(2); // the header and the one case
    await union.shot('found-by-number');

    await results.getByRole('link', { name: target.caseNumber! }).click();
    await union.page.waitForURL(`**/cases/${target.caseId}`);
    const heading = union.page.getByRole('heading', { level: 1 });
    await heading.filter({ hasText: target.caseNumber! }).waitFor();
    const facts = union.page.getByRole('region', { name: '案件概况' });
    await facts.getByText(target.caseNumber!, { exact: true }).waitFor();
    // The machine id stays in the URL, not in what the page says.
    // biome-ignore lint/performance/useDomNodeTextContent: what the page visibly says; the id may stay in a folded 技术支持信息 detail
    expect(await union.page.getByRole('main').innerText()).not.toContain(target.caseId);
    await union.shot('case-page-number');

    expect(union.errors).toEqual([]);
    await union.close();
  });

  it("search by a loosely typed number opens the case; the number is on its timeline, in a meeting's printed minutes and in the export file names", async () => {
    const token = await apiLogin(system.agencyUrls['union']!, 'liaison', system.password);
    const ours = new Map((await cases(system.url, token)).map((c) => [c.caseId, c]));
    // A demo meeting held (so it has minutes) whose agenda holds a case the union takes part in.
    const { meetings } = await hubGet<{ meetings: { meetingId: string }[] }>(system.url, token, '/api/meetings?status=held&limit=100');
    let found: { meetingId: string; target: CaseEntry } | undefined;
    for (const { meetingId } of meetings) {
      const { meeting } = await hubGet<{ meeting: { caseIds: string[]; caseNumbers: Record<string, string | null> } }>(
        system.url,
        token,
        `/api/meetings/${meetingId}`,
      );
      const caseId = meeting.caseIds.find((c) => ours.has(c));
      if (caseId) {
        expect(meeting.caseNumbers[caseId]).toBe(ours.get(caseId)!.caseNumber);
        found = { meetingId, target: ours.get(caseId)! };
        break;
      }
    }
    expect(found, 'the demo has a held meeting on a case of the union').toBeDefined();
    const { meetingId, target } = found!;
    const number = target.caseNumber!;
    expect(number).toMatch(NUMBER);

    const union = await User.open(browser, system.url, 'case-numbers-everywhere', 'union-liaison', OFFICE);
    const { page } = union;
    await signIn(union, '工会', 'liaison', system.password);

    // Typed as people do: half-width round brackets, without 第 (〔2026〕浙0106工维字第12号 → (2026)浙0106工维字12号).
    const typed = number.replace('〔', '(').replace('〕', ')').replace('第', '');
    await page.goto('/cases');
    await page.getByLabel('关键词').fill(typed);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(/q=/);
    const results = page.getByRole('region', { name: /查询结果/ });
    await results.getByText('（共 1 件）').waitFor();
    await union.shot('found-by-loose-number');
    await results.getByRole('link', { name: number }).click();
    await page.waitForURL(`**/cases/${target.caseId}`);

    // The timeline is headed with the number; the id is only in the folded support detail.
    const timeline = page.getByRole('heading', { name: /案件动态/ });
    await timeline.filter({ hasText: number }).waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: what the page visibly says; the id may stay in a folded 技术支持信息 detail
    expect(await page.getByRole('main').innerText()).not.toContain(target.caseId);
    await page.getByText('技术支持信息').click();
    await page.locator('.case-id').filter({ hasText: target.caseId }).waitFor();
    await union.shot('timeline-with-number');

    // The meeting's minutes, as printed, name the case by its number.
    await page.goto(`/meetings/${meetingId}`);
    const agendaCases = page.getByRole('definition').filter({ has: page.locator('.mtg-case-numbers') });
    await agendaCases.getByText(number, { exact: true }).waitFor();
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByText('联席会议纪要', { exact: true }).isVisible()).toBe(true);
    // Printed as official minutes (issue 14.5): the cases reviewed stand in the minutes' table.
    expect(await page.locator('.mtg-minutes-facts').getByText(number, { exact: true }).isVisible()).toBe(true);
    // biome-ignore lint/performance/useDomNodeTextContent: what the page visibly says; the id may stay in a folded 技术支持信息 detail
    expect(await page.getByRole('main').innerText()).not.toContain(target.caseId);
    await union.shot('minutes-print-with-number');
    await page.pdf({ path: union.shotPath('minutes.pdf'), format: 'A4' });
    await page.emulateMedia({ media: 'screen' });

    // Exports are named after the number.
    await page.goto(`/cases/${target.caseId}/audit`);
    await page.getByRole('heading', { name: '案件审计', level: 1 }).waitFor();
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe(`${number}-审计导出.csv`);
    await union.shot('audit-export');

    // The printable audit report (what 打印 prints) is headed with the number, and carries no id (issue 14.5).
    const printable = await fetch(`${system.url}/api/cases/${target.caseId}/export?format=html`, { headers: { authorization: `Bearer ${token}` } });
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(printable.headers.get('content-disposition') ?? '')?.[1] ?? '')).toBe(`${number}-审计报告.html`);
    await page.setContent(await printable.text());
    await page
      .locator('p')
      .filter({ hasText: `案号：${number}` })
      .first()
      .waitFor();
    expect(await page.locator('.case-number').textContent()).toBe(number);
    await union.shot('audit-printout');

    expect(union.errors).toEqual([]);
    await union.close();
  });
});
