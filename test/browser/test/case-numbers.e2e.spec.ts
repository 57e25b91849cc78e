/**
 * 案号 as people meet it: the case list shows each case's number, searching by the number (typed
 * with the usual brackets too) finds the case, and the case page is titled with it. The demo
 * cases were opened through the services' APIs, so each holds the number its agency's register issued.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, cases, type CaseEntry } from '../src/hub-api.js';

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
    expect(await union.page.getByRole('main').innerText()).not.toContain(target.caseId);
    await union.shot('case-page-number');

    expect(union.errors).toEqual([]);
    await union.close();
  });
});
