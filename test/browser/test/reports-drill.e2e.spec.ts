import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, hubGet } from '../src/hub-api.js';

const system = inject('system');

interface Row {
  key: string;
  label: { zh: string };
  count: number;
}
interface Monthly {
  casesClosed: { byResolution: Row[] };
  lettersIssued: { byKind: Row[] };
  mediationSuccess: { byResult: Row[] };
  deadlines: { byKind: { key: string; label: { zh: string }; metOnTime: number; metLate: number; notMet: number }[] };
}

/** The number in 查询结果（共 N 件）. */
async function listed(page: Page): Promise<number> {
  const heading = page.getByRole('heading', { name: /^查询结果（共 [\d,]+ 件）/ });
  await heading.waitFor();
  return Number(((await heading.textContent()) ?? '').replace(/[^\d]/g, ''));
}

describe('every report chart opens the cases behind it (issue 14.4)', { timeout: 180_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('an auditor opens the cases behind a bar of 销号, 监督文书, 期限 (a part of a stacked bar too), 调解结果 and 预警, and the list is the hub’s', async () => {
    const hrUrl = system.agencyUrls['hr_bureau']!;
    const hr = await apiLogin(hrUrl, 'liaison', system.password);
    const auditorToken = await apiLogin(system.agencyUrls['union']!, 'auditor', system.password);
    // A red warning today on an employer the demo's cases name.
    const { cases } = await hubGet<{ cases: { employers: { name: string; uscc: string }[]; region: string }[] }>(
      system.url,
      auditorToken,
      '/api/cases?limit=1&sort=openedAt&dir=desc',
    );
    const employer = cases[0]!.employers.find((e) => e.uscc)!;
    const raised = await fetch(`${hrUrl}/api/warnings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hr}` },
      body: JSON.stringify({
        employer: { name: employer.name, uscc: employer.uscc },
        level: 'red',
        reasons: ['浏览器测试：拖欠工资'],
        region: cases[0]!.region,
      }),
    });
    expect(raised.status, await raised.clone().text()).toBeLessThan(300);

    // For each chart, a demo month with a bar to open.
    const { months } = await hubGet<{ months: string[] }>(system.url, auditorToken, '/api/reports/months');
    const reports = await Promise.all(
      months.map(async (month) => ({
        month,
        report: (await hubGet<{ report: Monthly }>(system.url, auditorToken, `/api/reports/monthly?month=${month}`)).report,
      })),
    );
    const find = (rowsOf: (r: Monthly) => Row[]) => {
      for (const { month, report } of reports) {
        const row = rowsOf(report).find((r) => r.count > 0);
        if (row) return { month, row };
      }
      throw new Error('no month of the demo has a bar on this chart');
    };

    const user = await User.open(browser, system.url, 'reports-drill', 'union-auditor', OFFICE);
    await signIn(user, '工会', 'auditor', system.password);
    const { page } = user;

    /** Opens the chart's link named `name` in `month`'s report, and checks the list against the hub's answer for the same drill-down. */
    const open = async (chart: string, month: string, name: string, query: string) => {
      await page.goto(`/reports?month=${month}`);
      const article = page.getByRole('article', { name: chart });
      await article.getByRole('link', { name }).click();
      await page.waitForURL(/\/cases\?/);
      const url = new URL(page.url());
      for (const [key, value] of new URLSearchParams(query)) expect(url.searchParams.get(key), key).toBe(value);
      await page.getByRole('status').filter({ hasText: '背后的案件' }).waitFor();
      const expected = await hubGet<{ total: number }>(system.url, auditorToken, `/api/cases?limit=1&${query}`);
      expect(expected.total).toBeGreaterThan(0);
      await expect.poll(() => listed(page)).toBe(expected.total);
    };

    const closed = find((r) => r.casesClosed.byResolution);
    await open(
      '销号案件 · 按办结方式',
      closed.month,
      `查看${closed.row.label.zh}的案件`,
      `report=closed&reportPeriod=${closed.month}&reportKey=${closed.row.key}`,
    );
    await user.shot('closed');
    const letters = find((r) => r.lettersIssued.byKind);
    await open(
      '监督文书 · 按文书种类',
      letters.month,
      `查看${letters.row.label.zh}的案件`,
      `report=letters&reportPeriod=${letters.month}&reportKey=${letters.row.key}`,
    );
    const mediations = find((r) => r.mediationSuccess.byResult);
    await open(
      '调解结果',
      mediations.month,
      `查看${mediations.row.label.zh}的案件`,
      `report=mediations&reportPeriod=${mediations.month}&reportKey=${mediations.row.key}`,
    );
    // Deadlines: the whole row, and one part of it (its number in the table opens that part).
    const due = find((r) => r.deadlines.byKind.map((d) => ({ key: d.key, label: d.label, count: d.metOnTime })));
    await open('期限 · 按期与逾期', due.month, `查看${due.row.label.zh}的案件`, `report=deadlines&reportPeriod=${due.month}&reportKey=${due.row.key}`);
    await open(
      '期限 · 按期与逾期',
      due.month,
      `查看${due.row.label.zh}·按期完成的案件`,
      `report=deadlines&reportPeriod=${due.month}&reportKey=${due.row.key}&reportSeries=metOnTime`,
    );
    await user.shot('deadlines-met-on-time');

    // The bar itself opens them too (a click on the chart, for those who use a mouse).
    await page.goto(`/reports?month=${closed.month}`);
    await page.getByRole('article', { name: '销号案件 · 按办结方式' }).locator('.chart-screen .recharts-bar-rectangle path').first().click();
    await page.waitForURL(/report=closed/);
    await listed(page);

    // The daily warnings: today's red warnings, by the employers behind them.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await page.goto(`/reports?date=${today}`);
    const warnings = page.getByRole('article', { name: '预警 · 按等级' });
    await warnings.getByRole('link', { name: /^查看红色预警的案件$/ }).click();
    await page.waitForURL(/report=warnings/);
    expect(page.url()).toContain(`reportPeriod=${today}`);
    const expected = await hubGet<{ total: number }>(system.url, auditorToken, `/api/cases?limit=1&report=warnings&reportPeriod=${today}&reportKey=red`);
    expect(expected.total).toBeGreaterThan(0);
    await expect.poll(() => listed(page)).toBe(expected.total);
    await user.shot('warnings');
    // And back to every case.
    await page.getByRole('button', { name: '不再按报表筛选' }).click();
    await expect.poll(() => page.url()).not.toContain('report=');
    expect(user.errors).toEqual([]);
    await user.close();
  });
});
