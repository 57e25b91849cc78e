import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, hubGet, openCaseByApi } from '../src/hub-api.js';

const system = inject('system');

/** Three cases the union opens through the API, their employers named for this run: 甲 walk-in in 西湖区, 乙 hotline in 宁波 海曙区, 丙 inspection. */
async function threeCases(marker: string): Promise<void> {
  const unionUrl = system.agencyUrls['union']!;
  const auth = `Bearer ${await apiLogin(unionUrl, 'liaison', system.password)}`;
  const open = (suffix: string, body: Record<string, unknown>) =>
    openCaseByApi(unionUrl, auth, {
      summary: `浏览器测试：列表 ${suffix}`,
      employers: [{ name: `${marker}${suffix}公司`, uscc: '91330106MA2KQ7T39F' }],
      workerCount: 2,
      amountClaimedFen: 1_000_000,
      ...body,
    });
  await open('甲', { channel: 'walk_in', region: '330106' });
  await open('乙', { channel: 'hotline_12351', region: '330203' });
  await open('丙', { channel: 'inspection', region: '330106' });
}

describe('lists that hold a real year (issue 14.4)', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a liaison filters the case list by channel and by region chosen by name, sorts it by a column, and a link keeps the filters', async () => {
    const marker = `列表测试${Date.now().toString(36)}`;
    await threeCases(marker);
    const union = await User.open(browser, system.url, 'lists', 'union-liaison', OFFICE);
    await signIn(union, '工会', 'liaison', system.password);
    const { page } = union;
    await page.goto('/cases');
    const search = page.getByRole('search', { name: '查找案件' });
    await search.getByLabel('关键词').fill(marker);
    await search.getByRole('button', { name: '查询' }).click();
    const rows = page.locator('#cases-table tbody tr');
    await expect.poll(() => rows.count()).toBe(3);

    await search.getByLabel('来源渠道').selectOption({ label: '来访' });
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(`${marker}甲公司`);
    expect(page.url()).toContain('channel=walk_in');
    await union.shot('by-channel');
    // The link keeps the list: opened afresh, the same one case.
    await page.goto(page.url());
    await expect.poll(() => rows.count()).toBe(1);

    await search.getByLabel('来源渠道').selectOption({ label: '全部渠道' });
    await search.getByLabel('省级').selectOption({ label: '浙江省' });
    await search.getByLabel('地市级').selectOption({ label: '宁波市' });
    // The list before the choice may hold one row too (甲, kept on screen while the next loads): wait for 乙.
    await expect.poll(async () => rows.first().textContent()).toContain(`${marker}乙公司`);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('宁波市海曙区');
    expect(page.url()).toContain('region=3302');
    await search.getByLabel('区县级').selectOption({ label: '海曙区' });
    await expect.poll(() => page.url()).toContain('region=330203');
    await expect.poll(() => rows.count()).toBe(1);
    await union.shot('by-region');

    // Back to the three; 登记日期 sorts newest first, then oldest first, and says so to screen readers.
    await search.getByLabel('省级').selectOption({ label: '全部' });
    await expect.poll(() => rows.count()).toBe(3);
    const opened = page.locator('#cases-table th', { hasText: '登记日期' });
    await opened.getByRole('button').click();
    await expect.poll(() => opened.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => rows.first().textContent()).toContain(`${marker}丙公司`);
    await opened.getByRole('button').click();
    await expect.poll(() => opened.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(async () => rows.first().textContent()).toContain(`${marker}甲公司`);
    expect(page.url()).toContain('sort=openedAt');
    await union.shot('sorted');
    expect(union.errors).toEqual([]);
    await union.close();
  });

  it('a chart of the cases opened this month opens the cases behind a bar; the rectification list keeps finished items apart', async () => {
    const marker = `图表测试${Date.now().toString(36)}`;
    await threeCases(marker);
    const union = await User.open(browser, system.url, 'lists', 'union-secretary', OFFICE);
    await signIn(union, '工会', 'secretary', system.password);
    const { page } = union;
    // This month in Beijing time, when the three cases were opened.
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
    await page.goto(`/reports?month=${month}`);
    const chart = page.getByRole('article', { name: '受理案件 · 按来源渠道' });
    await chart.getByRole('link', { name: '查看来访的案件' }).click();
    await page.waitForURL(/\/cases\?/);
    expect(page.url()).toContain('channel=walk_in');
    expect(page.url()).toMatch(/openedFrom=\d{4}-\d{2}-01/);
    const rows = page.locator('#cases-table tbody tr');
    await rows.first().waitFor();
    const listed = (await rows.allTextContents()).join('\n');
    expect(listed).toContain(`${marker}甲公司`);
    expect(listed).not.toContain(`${marker}乙公司`);
    await union.shot('drill-down');

    // The rectification list filters by its cases' channel (issue 14.4): the count shown is the hub's for that filter.
    const token = await apiLogin(system.agencyUrls['union']!, 'liaison', system.password);
    const inspected = await hubGet<{ total: number }>(system.url, token, '/api/rectifications?phase=open&channel=inspection&limit=1');
    const everyOpen = await hubGet<{ total: number }>(system.url, token, '/api/rectifications?phase=open&limit=1');
    expect(inspected.total).toBeLessThan(everyOpen.total);
    await page.goto('/meetings');
    await page.getByLabel('来源渠道').selectOption({ label: '监督检查发现' });
    await page.waitForURL(/channel=inspection/);
    await expect
      .poll(async () =>
        page
          .getByText(/^共 \d+ 项/)
          .first()
          .textContent(),
      )
      .toContain(`共 ${inspected.total} 项`);
    await page.getByLabel('来源渠道').selectOption({ label: '全部渠道' });
    await expect.poll(() => page.url()).not.toContain('channel=');

    const open = page.getByRole('button', { name: /^未完成事项/ });
    const finished = page.getByRole('button', { name: /^已完成事项/ });
    await open.waitFor();
    expect(await open.getAttribute('aria-pressed')).toBe('true');
    await finished.click();
    await expect.poll(() => finished.getAttribute('aria-pressed')).toBe('true');
    expect(page.url()).toContain('phase=finished');
    // Only finished statuses are offered as a status filter there.
    const statuses = await page.getByLabel('整改状态').locator('option').allTextContents();
    expect(statuses).toHaveLength(3);
    await union.shot('finished-items');
    expect(union.errors).toEqual([]);
    await union.close();
  });
});
