import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, TABLET, User, type Viewport } from '../src/browser.js';
import { apiLogin, cases } from '../src/hub-api.js';

const system = inject('system');

/** Page wider than the window: something would need sideways scrolling. */
const overflow = (user: User) => user.page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;

describe.each([
  { screen: 'office', viewport: OFFICE },
  { screen: 'tablet', viewport: TABLET },
])('every page on the demo data, on an $screen screen', ({ screen, viewport }: { screen: string; viewport: Viewport }) => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows real content on each page and fits the screen', { timeout: 120_000 }, async () => {
    const token = await apiLogin(system.agencyUrls['union']!, 'liaison', system.password);
    const someCase = (await cases(system.url, token, '&agency=union'))[0]!;
    const user = await User.open(browser, system.url, `pages-${screen}`, 'union-liaison', viewport);
    const { page } = user;
    await signIn(user, '工会', 'liaison', system.password);

    // The inbox: leads sent to us, deadlines in every state, our cases.
    await page.getByRole('heading', { name: '工会工作台', level: 1 }).waitFor();
    await page.getByRole('region', { name: '移送给本机构的线索' }).getByRole('link').first().waitFor();
    const deadlines = page.getByRole('region', { name: '本机构的期限' });
    for (const state of ['已逾期', '今日到期', '即将到期']) await deadlines.getByText(state).first().waitFor();
    expect(await overflow(user), 'inbox fits').toBeLessThanOrEqual(0);
    await user.shot('inbox');

    await page.goto('/cases');
    await page.getByRole('heading', { name: /^查询结果（共 \d+ 件）/ }).waitFor();
    expect(await page.getByRole('table').first().getByRole('row').count()).toBeGreaterThan(5);
    expect(await overflow(user), 'cases fits').toBeLessThanOrEqual(0);
    await user.shot('cases');

    await page.goto(`/cases/${someCase.caseId}`);
    await page
      .getByRole('region', { name: /^案件动态/ })
      .getByRole('listitem')
      .first()
      .waitFor();
    expect(await overflow(user), 'case page fits').toBeLessThanOrEqual(0);
    await user.shot('case');

    await page.goto(`/cases/${someCase.caseId}/audit`);
    await page.getByRole('slider', { name: '回放位置' }).waitFor();
    expect(await overflow(user), 'audit fits').toBeLessThanOrEqual(0);
    await user.shot('audit');

    await page.goto('/meetings');
    await page.getByRole('table', { name: '整改清单（逾期优先）' }).getByRole('row').nth(1).waitFor();
    await page.getByRole('region', { name: '会议列表' }).getByRole('link').first().waitFor();
    expect(await overflow(user), 'meetings fits').toBeLessThanOrEqual(0);
    await user.shot('meetings');

    await page.goto('/reports');
    await page
      .getByRole('img', { name: /受理案件/ })
      .first()
      .waitFor();
    expect(await overflow(user), 'reports fits').toBeLessThanOrEqual(0);
    await user.shot('reports');

    expect(user.errors).toEqual([]);
    await user.close();
  });
});
