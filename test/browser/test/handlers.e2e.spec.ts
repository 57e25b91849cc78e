import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, openCaseByApi } from '../src/hub-api.js';

const system = inject('system');

/** A case the union's second liaison (王芳) opens through the API, with an employer named for this run: nobody handles it yet. */
async function unassignedCase(employer: string): Promise<string> {
  const unionUrl = system.agencyUrls['union']!;
  const token = await apiLogin(unionUrl, 'handler', system.password);
  return openCaseByApi(unionUrl, `Bearer ${token}`, {
    summary: '浏览器测试：来访反映拖欠工资',
    employers: [{ name: employer, uscc: '91330106MA2KQ7T39F' }],
    workerCount: 3,
    amountClaimedFen: 2_400_000,
  });
}

describe('承办人 in the console', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a liaison assigns a case to herself from the case page, sees it there and in 我的案件, reassigns it; the administrator sees the load per person', async () => {
    const employer = `浏览器测试承办公司${Date.now().toString(36)}`;
    const caseId = await unassignedCase(employer);

    const union = await User.open(browser, system.url, 'handlers', 'union-liaison', OFFICE);
    await signIn(union, '工会', 'liaison', system.password);
    await union.page.goto(`/cases/${caseId}`);
    const summary = union.page.getByRole('region', { name: '案件概况' });
    await summary.getByText('工会：未指定').waitFor();

    await union.page.getByRole('button', { name: '指定承办人' }).click();
    const form = union.page.getByRole('form', { name: '指定承办人' });
    // The chooser offers the union's liaisons by name.
    const chooser = form.getByLabel('承办人');
    const options = await chooser.locator('option').allTextContents();
    expect(options).toEqual(expect.arrayContaining(['工会联络员', '王芳']));
    expect(options.join()).not.toMatch(/[0-9a-f]{8}-/);
    await chooser.selectOption({ label: '工会联络员' });
    await form.getByLabel('指定说明').fill('由联络员跟进约谈企业');
    await union.shot('assign-form');
    await form.getByRole('button', { name: '确认提交' }).click();

    await summary.getByText('工会：工会联络员').waitFor();
    const timeline = union.page.getByRole('region', { name: /^案件动态/ });
    const act = timeline.getByRole('listitem').filter({ hasText: '指定承办人' }).first();
    await act.waitFor();
    expect(await act.textContent()).toContain('工会联络员');
    expect(await act.textContent()).toContain('由联络员跟进约谈企业');
    await union.shot('assigned');

    // 我的案件 on the inbox: the case, by its employer.
    await union.page.goto('/');
    const mine = union.page.getByRole('region', { name: '我的案件' });
    await mine.getByRole('link', { name: new RegExp(employer) }).waitFor();
    await union.page
      .getByRole('region', { name: '我的期限' })
      .getByRole('link', { name: new RegExp(employer) })
      .first()
      .waitFor();
    await union.shot('my-cases');
    // Both sort by their columns and filter, in the URL like the paged lists (issue 14.4).
    await mine.getByRole('search', { name: '筛选我的案件' }).getByLabel('办理状态').selectOption({ label: '已销号' });
    await expect.poll(() => mine.getByRole('link', { name: new RegExp(employer) }).count()).toBe(0);
    expect(union.page.url()).toContain('mstatus=closed');
    await mine.getByRole('search', { name: '筛选我的案件' }).getByLabel('办理状态').selectOption({ label: '办理中' });
    await mine.getByRole('link', { name: new RegExp(employer) }).waitFor();
    const caseHeader = mine.locator('th', { hasText: '案件' });
    await caseHeader.getByRole('button').click();
    await expect.poll(() => caseHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(union.page.url()).toContain('msort=case');
    const myDeadlines = union.page.getByRole('region', { name: '我的期限' });
    const dueHeader = myDeadlines.locator('th', { hasText: '期限' });
    await dueHeader.getByRole('button').click();
    await expect.poll(() => dueHeader.getAttribute('aria-sort')).toBe('ascending');
    const dues = await myDeadlines.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(dues.length).toBeGreaterThan(0);
    await dueHeader.getByRole('button').click();
    await expect.poll(() => dueHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await myDeadlines.locator('tbody tr td:nth-child(3)').allTextContents()).toEqual([...dues].reverse());
    await myDeadlines.getByRole('search', { name: '筛选我的期限' }).getByLabel('期限状态').selectOption({ label: '已逾期' });
    await expect.poll(() => union.page.url()).toContain('nstatus=overdue');
    // Only overdue ones (or none: the empty line instead of the table).
    await expect.poll(async () => (await myDeadlines.locator('tbody tr').allTextContents()).filter((text) => !text.includes('已逾期')).length).toBe(0);
    await union.shot('my-cases-sorted');
    // The case list names our handler of each case.
    await union.page.goto(`/cases?q=${encodeURIComponent(employer)}`);
    await union.page.getByRole('row').filter({ hasText: employer }).filter({ hasText: '工会联络员' }).waitFor();
    await union.shot('case-list');

    // Passed on to 王芳: the timeline says 变更承办人, and it leaves 我的案件.
    await union.page.goto(`/cases/${caseId}`);
    await union.page.getByRole('button', { name: '指定承办人' }).click();
    await union.page.getByRole('form', { name: '指定承办人' }).getByLabel('承办人').selectOption({ label: '王芳' });
    await union.page.getByRole('form', { name: '指定承办人' }).getByRole('button', { name: '确认提交' }).click();
    await summary.getByText('工会：王芳').waitFor();
    await timeline.getByRole('listitem').filter({ hasText: '变更承办人' }).filter({ hasText: '原承办人' }).first().waitFor();
    await union.shot('reassigned');
    await union.page.goto('/');
    await union.page.getByRole('region', { name: '我的期限' }).waitFor();
    await expect
      .poll(() =>
        union.page
          .getByRole('region', { name: '我的案件' })
          .getByRole('link', { name: new RegExp(employer) })
          .count(),
      )
      .toBe(0);
    expect(union.errors).toEqual([]);
    await union.close();

    const admin = await User.open(browser, system.url, 'handlers', 'union-admin', OFFICE);
    await signIn(admin, '工会', 'admin', system.password);
    const load = admin.page.getByRole('region', { name: '承办人工作量' });
    await load.getByRole('row').filter({ hasText: '王芳' }).waitFor();
    await load.getByRole('row').filter({ hasText: '工会联络员' }).waitFor();
    // Sorted by any column: by name, then back.
    const handlerHeader = load.locator('th', { hasText: '承办人' });
    await handlerHeader.getByRole('button').click();
    await expect.poll(() => handlerHeader.getAttribute('aria-sort')).toBe('ascending');
    const names = (await load.locator('tbody tr td:first-child').allTextContents()).map((n) => n.trim());
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'zh-CN')));
    expect(admin.page.url()).toContain('wsort=name');
    await admin.shot('workload');
    expect(admin.errors).toEqual([]);
    await admin.close();
  });
});
