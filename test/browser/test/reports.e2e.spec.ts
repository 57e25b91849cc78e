import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, hubGet } from '../src/hub-api.js';

const system = inject('system');

describe('the month’s report', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows the figures and charts for the demo months, with money in yuan and a month picker', async () => {
    const token = await apiLogin(system.agencyUrls['hr_bureau']!, 'liaison', system.password);
    const { months } = await hubGet<{ months: string[] }>(system.url, token, '/api/reports/months');
    expect(months.length, 'the demo data spans several months').toBeGreaterThanOrEqual(4);

    const user = await User.open(browser, system.url, 'reports', 'hr-liaison', OFFICE);
    const { page } = user;
    await signIn(user, '人力资源和社会保障局', 'liaison', system.password);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '统计报表' }).click();
    await page.getByRole('heading', { name: '月度报表' }).waitFor();
    // The charts arrive in their own chunk, each with an accessible name.
    await page
      .getByRole('img', { name: /受理案件/ })
      .first()
      .waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    const text = (await page.getByRole('main').textContent()) ?? '';
    expect(text).toMatch(/¥[\d,]+\.\d{2}/);
    expect(text).toMatch(/\d{4}年\d{1,2}月/);
    await user.shot('monthly');

    // Another month, picked by its Chinese name.
    const picker = page.getByLabel('月份');
    const options = await picker.locator('option').allTextContents();
    expect(options.length).toBe(months.length);
    await picker.selectOption({ index: options.length - 1 });
    // Month and region apply the same way: on 查询, and both into the URL.
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(new RegExp(`month=${months[months.length - 1]}`));
    await page.getByRole('region', { name: '月度报表' }).and(page.locator('[aria-busy="false"]')).waitFor();
    await page
      .getByRole('img', { name: /受理案件/ })
      .first()
      .waitFor();
    await user.shot('earliest-month');

    // The month's figures as CSV that Excel opens in Chinese: UTF-8 with a byte-order mark.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出 CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^月度报表-\d{4}-\d{2}.*\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('受理案件');

    // A region that does not exist is refused in the server's words, beside the field.
    await page.getByLabel('行政区划').fill('99');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('行政区划代码的省级前缀不存在').waitFor();
    expect(user.errors).toEqual([]);
    await user.close();
  });
});
