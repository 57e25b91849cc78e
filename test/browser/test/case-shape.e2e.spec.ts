/**
 * Cases as they are (issue 13.6, docs/case-shape.md): a liaison opens, in the console, a case about
 * two employers — one without a USCC — under two categories with the claim itemized by kind; the
 * case page shows all of it, and the month's report counts the case under both categories and
 * sums the claim by kind.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, hubGet } from '../src/hub-api.js';

const system = inject('system');

const shanghaiMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
const yuan = (fen: number) => `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;

describe('cases as they are in the console', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('opens a case of two employers (one without USCC), two categories and itemized money; the case page and the report show them', async () => {
    const user = await User.open(browser, system.url, 'case-shape', 'union-liaison', OFFICE);
    const { page } = user;
    await signIn(user, '工会', 'liaison', system.password);
    await page.goto('/cases');
    await page.getByRole('button', { name: '登记新案件' }).click();
    const form = page.locator('section.open-case');
    // The older single fields are not offered: only the lists.
    expect(await form.getByLabel('请求金额（元）', { exact: true }).count()).toBe(0);

    await form.getByLabel('来源渠道').selectOption({ label: '舆情线索' });
    const categories = form.getByRole('group', { name: /案件类别/ });
    await categories.getByLabel('欠薪').check();
    await categories.getByLabel('押金/保证金').check();
    await form.getByLabel('案情摘要').fill('网络反映西湖区两家餐饮店拖欠服务员工资并扣押押金，其中一家为未登记的夜市摊位');
    const first = form.getByRole('group', { name: '用人单位第 1 项' });
    await first.getByLabel(/单位名称/).fill('杭州之江餐饮管理有限公司');
    await first.getByLabel(/统一社会信用代码/).fill('91330106MA2KQ7T39F');
    await form.getByRole('button', { name: '添加用人单位' }).click();
    const second = form.getByRole('group', { name: '用人单位第 2 项' });
    await second.getByLabel(/单位名称/).fill('西湖区文三路夜市某餐饮摊位');
    await form.getByLabel('职工人数').fill('4');
    await form.getByLabel('行政区划代码').fill('330106');
    await form.getByRole('button', { name: '添加请求金额分项' }).click();
    await form.getByRole('button', { name: '添加请求金额分项' }).click();
    const wages = form.getByRole('group', { name: '请求金额分项第 1 项' });
    await wages.getByLabel('款项种类').selectOption({ label: '工资' });
    await wages.getByLabel(/金额/).fill('36000');
    const deposits = form.getByRole('group', { name: '请求金额分项第 2 项' });
    await deposits.getByLabel('款项种类').selectOption({ label: '押金' });
    await deposits.getByLabel(/金额/).fill('2000.50');
    await user.shot('open-case-form');
    await form.getByRole('button', { name: '确认提交' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const caseId = page.url().split('/').at(-1)!;

    const facts = page.getByRole('region', { name: '案件概况' });
    await facts.getByText('西湖区文三路夜市某餐饮摊位').waitFor();
    await facts.getByText('（未提供统一社会信用代码）').waitFor();
    await facts.getByText('91330106MA2KQ7T39F').waitFor();
    await facts.getByText('欠薪、押金/保证金').waitFor();
    await facts.getByText('¥38,000.50').waitFor();
    const claimed = facts.getByRole('table', { name: '请求金额分项' });
    expect(await claimed.getByRole('row').allTextContents()).toEqual(['工资¥36,000.00', '押金¥2,000.50']);
    await user.shot('case-page');

    // The hub's directory holds the same, and the month's report counts and sums it.
    const token = await apiLogin(system.agencyUrls['union']!, 'liaison', system.password);
    const entry = await hubGet<{ case: { categories: string[]; claimedItems: unknown[] } }>(system.url, token, `/api/cases/${caseId}`);
    expect(entry.case.categories).toEqual(['wage_arrears', 'withheld_deposit']);
    const month = shanghaiMonth();
    const { report } = await hubGet<{ report: { moneyByKind: { byKind: { key: string; claimedFen: number }[] } } }>(
      system.url,
      token,
      `/api/reports/monthly?month=${month}`,
    );
    const depositsClaimed = report.moneyByKind.byKind.find((k) => k.key === 'deposits')!.claimedFen;
    expect(depositsClaimed).toBeGreaterThanOrEqual(200_050);

    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计报表' }).click();
    await page.getByRole('heading', { name: '月度报表' }).waitFor();
    await page.getByText('一案涉及多个类别的，在每个类别下各计一次').waitFor();
    const money = page.getByRole('region', { name: '款项 · 按种类' });
    const depositRow = money.getByRole('row', { name: /^押金/ });
    expect(await depositRow.getByRole('cell').first().textContent()).toBe(yuan(depositsClaimed));
    await money.scrollIntoViewIfNeeded();
    await user.shot('report-money-by-kind');

    expect(user.errors).toEqual([]);
    await user.close();
  });
});
