import type { Browser, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, cases, openCaseByApi } from '../src/hub-api.js';
import { randomUUID } from 'node:crypto';

const system = inject('system');

/** The current month in Beijing time, and the one after it, as YYYY-MM. */
function months(): { current: string; next: string } {
  const current = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
  const [year, month] = current.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return { current, next };
}

/** Every link to a case inside `scope` (a CSS selector), as its text → the cases it opens; read at one instant, while live updates may re-render. */
async function caseLinkNames(page: Page, scope: string): Promise<Map<string, Set<string>>> {
  const selector = JSON.stringify(`${scope} a[href^="/cases/"]`);
  // Page code as text: the specs are type-checked without the DOM's types.
  const links = (await page.evaluate(
    `[...document.querySelectorAll(${selector})].map((a) => ({ href: a.getAttribute('href'), name: a.textContent.replace(/\\s+/g, ' ').trim() }))`,
  )) as { href: string; name: string }[];
  const byName = new Map<string, Set<string>>();
  for (const { href, name } of links) byName.set(name, (byName.get(name) ?? new Set()).add(href));
  return byName;
}

describe('the small ones (issue 14.8)', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('given the reports, the month list offers no month still to come, and the hub refuses one in words', async () => {
    const { current, next } = months();
    // The court's liaison: the reports spec reads the same page as the HR bureau's.
    const token = await apiLogin(system.agencyUrls['court']!, 'liaison', system.password);
    const ahead = await fetch(`${system.url}/api/reports/monthly?month=${next}`, { headers: { authorization: `Bearer ${token}` } });
    expect(ahead.status).toBe(400);
    expect(await ahead.text()).toContain('不能查看未来月份的报表');

    const user = await User.open(browser, system.url, 'small-ones', 'court-liaison', OFFICE);
    const { page } = user;
    await signIn(user, '人民法院', 'liaison', system.password);
    await page.goto(`/reports?month=${next}`);
    await page.getByRole('heading', { name: '月度报表' }).waitFor();
    const picker = page.getByLabel('月份');
    await picker.locator('option').first().waitFor({ state: 'attached' });
    const values: string[] = [];
    for (const option of await picker.locator('option').all()) values.push((await option.getAttribute('value')) ?? '');
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value <= current, `${value} is not after ${current}`).toBe(true);
    // A month still to come in the URL is not shown: the newest month that has come is.
    expect(await picker.inputValue()).toBe(values[0]);

    // Month and region apply the same way: both on 查询, both into the URL.
    await picker.selectOption(values[values.length - 1]!);
    await page.getByLabel('行政区划').fill('33');
    expect(page.url()).not.toContain(`month=${values[values.length - 1]}`);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL((url) => url.searchParams.get('month') === values[values.length - 1] && url.searchParams.get('region') === '33');
    await user.shot('reports-month-and-region');
    expect(user.errors).toEqual([]);
    await user.close();
  });

  it('given a rectification item reported a day after its deadline, the list says 逾期完成 with no ✓, and its case links name their case', async () => {
    // Recorded later (补录): the case opened three days ago, the list ordered two days ago with a
    // deadline one day ago; the item is reported now, a day late.
    const employer = `整改测试企业${Date.now().toString(36)}有限公司`;
    const union = await apiLogin(system.agencyUrls['union']!, 'liaison', system.password);
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const caseId = await openCaseByApi(system.agencyUrls['union']!, `Bearer ${union}`, {
      summary: '整改逾期完成的案件',
      employers: [{ name: employer, uscc: '91330106MA2KQ7T39F' }],
      workerCount: 2,
      amountClaimedFen: 1_000_000,
      occurredAt: ago(3),
    });
    const act = async (path: string, body: Record<string, unknown>) => {
      const res = await fetch(`${system.agencyUrls['union']}/api/cases/${caseId}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${union}` },
        body: JSON.stringify(body),
      });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    const itemId = randomUUID();
    await act('order-rectification', {
      rectificationId: randomUUID(),
      items: [{ itemId, description: '补发拖欠工资', deadline: ago(1), responsibleParty: { kind: 'enterprise', name: employer } }],
      occurredAt: ago(2),
    });
    await act('report-rectification-item', { itemId, summary: '企业已补发工资' });

    const user = await User.open(browser, system.url, 'small-ones', 'procuratorate-secretary', OFFICE);
    const { page } = user;
    await signIn(user, '人民检察院', 'secretary', system.password);
    await page.goto(`/meetings?employer=${encodeURIComponent(employer)}`);
    const list = page.getByRole('table', { name: '整改清单（逾期优先）' });
    const row = list.getByRole('row').filter({ hasText: '补发拖欠工资' }).first();
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('逾期完成');
    expect(text).not.toContain('✓');
    expect(text).not.toContain('按期完成');
    // The case link names the case: 案件, its 案号, and (for a screen reader's list of links) its employer.
    expect(await row.locator(`a[href="/cases/${caseId}"]`).textContent()).toMatch(new RegExp(`^案件 .+（${employer}）$`));
    // Its own badge, not the green one of 按期完成.
    const badge = row.locator('.deadline-late');
    expect(await badge.textContent()).toContain('逾期完成');
    expect(await row.locator('.deadline-met').count()).toBe(0);
    // Its own colour (#9a3412), not the green of 按期完成 (#067647), and so is its status beside it.
    expect(await page.evaluate(`getComputedStyle(document.querySelector('.mtg-table .deadline-late')).color`)).toBe('rgb(154, 52, 18)');
    expect(await page.evaluate(`getComputedStyle(document.querySelector('.mtg-table .mtg-status-late')).color`)).toBe('rgb(154, 52, 18)');
    await user.shot('met-late-item');

    // Without the employer filter, every case link on the list names one case only.
    await page.goto('/meetings');
    await list.getByRole('row').nth(1).waitFor();
    await list.locator('a[href^="/cases/"]').first().waitFor();
    const names = await caseLinkNames(page, 'table.mtg-table');
    expect(names.size).toBeGreaterThan(1);
    for (const [name, hrefs] of names) {
      expect(hrefs.size, `“${name}” opens ${[...hrefs].join(', ')}`).toBe(1);
      expect(name).not.toMatch(/^(案件|查看案件|打开)$/);
    }
    expect(user.errors).toEqual([]);
    await user.close();
  });

  it('given a case whose worker feedback and rectification item were done after their deadlines, the audit page’s replay says 逾期完成, not a green ✓', async () => {
    // Recorded later (补录): opened three days ago (worker feedback due two days ago), an item due a day ago; both done now.
    const employer = `审计逾期测试${Date.now().toString(36)}有限公司`;
    const union = await apiLogin(system.agencyUrls['union']!, 'liaison', system.password);
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    const caseId = await openCaseByApi(system.agencyUrls['union']!, `Bearer ${union}`, {
      summary: '审计页逾期完成的案件',
      employers: [{ name: employer, uscc: '91330106MA2KQ7T39F' }],
      workerCount: 2,
      amountClaimedFen: 1_000_000,
      occurredAt: ago(3),
    });
    const act = async (path: string, body: Record<string, unknown>) => {
      const res = await fetch(`${system.agencyUrls['union']}/api/cases/${caseId}/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${union}` },
        body: JSON.stringify(body),
      });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    const itemId = randomUUID();
    await act('order-rectification', {
      rectificationId: randomUUID(),
      items: [{ itemId, description: '补发拖欠工资（审计）', deadline: ago(1), responsibleParty: { kind: 'enterprise', name: employer } }],
      occurredAt: ago(2),
    });
    await act('give-worker-feedback', { channel: 'phone', summary: '已电话告知' });
    await act('report-rectification-item', { itemId, summary: '企业已补发工资' });

    const user = await User.open(browser, system.url, 'small-ones', 'court-auditor-late', OFFICE);
    const { page } = user;
    await signIn(user, '人民法院', 'auditor', system.password);
    await page.goto(`/cases/${caseId}/audit`);
    await page.getByRole('heading', { name: '案件审计', level: 1 }).waitFor();
    // The replay opens at the first step; at the last, both are done.
    await page
      .getByRole('button', { name: /最后一步/ })
      .first()
      .click();
    const state = page.locator('.audit-state').first();
    const feedback = state
      .locator('div')
      .filter({ has: page.locator('dt', { hasText: '职工反馈' }) })
      .locator('dd');
    await feedback.locator('.deadline-late').waitFor();
    const feedbackText = (await feedback.textContent()) ?? '';
    expect(feedbackText).toContain('逾期完成');
    expect(feedbackText).not.toContain('✓');
    expect(await feedback.locator('.audit-yes').count()).toBe(0);
    const item = state.getByRole('row').filter({ hasText: '补发拖欠工资（审计）' });
    const itemText = (await item.textContent()) ?? '';
    expect(itemText).toContain('逾期完成');
    expect(itemText).not.toContain('✓');
    expect(await item.locator('.deadline-late').count()).toBe(1);
    // Its own colour, not the green of a deadline met on time.
    expect(await page.evaluate(`getComputedStyle(document.querySelector('.audit-state .audit-late .deadline-late')).color`)).toBe('rgb(154, 52, 18)');
    await user.shot('audit-met-late');

    // A step back, before the item was reported: the item is open, the feedback still late.
    await page
      .getByRole('button', { name: /上一步/ })
      .first()
      .click();
    await expect.poll(async () => (await item.textContent()) ?? '').not.toContain('逾期完成');
    expect(await feedback.locator('.deadline-late').count()).toBe(1);
    expect(user.errors).toEqual([]);
    await user.close();
  });

  it('given an auditor on a case’s audit page, 版本, 全局位置 and 前一哈希 are explained in words and no source path shows', async () => {
    const token = await apiLogin(system.agencyUrls['court']!, 'auditor', system.password);
    const closed = (await cases(system.url, token, '&status=closed'))[0];
    expect(closed, 'a closed demo case').toBeDefined();
    const user = await User.open(browser, system.url, 'small-ones', 'court-auditor', OFFICE);
    const { page } = user;
    await signIn(user, '人民法院', 'auditor', system.password);
    await page.goto(`/cases/${closed!.caseId}/audit`);
    await page.getByRole('heading', { name: '案件审计', level: 1 }).waitFor();
    const facts = page.locator('.audit-facts').first();
    await facts.getByText('全局位置').waitFor();
    for (const [term, meaning] of [
      ['版本', '本案的第几个事件'],
      ['全局位置', '整个事件库'],
      ['前一哈希', '本案上一版事件的哈希'],
    ] as const) {
      const item = facts.locator('div').filter({ has: page.locator('dfn', { hasText: term }) });
      expect(await item.textContent(), term).toContain(meaning);
    }
    const main = (await page.getByRole('main').textContent()) ?? '';
    expect(main).not.toMatch(/(^|[\s（(])(src|services|packages)\/|\.tsx?\b|\.mjs\b/);
    await user.shot('audit-terms');
    expect(user.errors).toEqual([]);
    await user.close();
  });

  it('given an inbox whose live connection drops and comes back, a polite status region says so each time', async () => {
    const user = await User.open(browser, system.url, 'small-ones', 'union-liaison', OFFICE);
    const { page } = user;
    let up = true;
    const sockets: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/api\/live$/, (ws) => {
      if (!up) {
        ws.close({ code: 4008, reason: 'network down (test)' });
        return;
      }
      ws.connectToServer();
      sockets.push(ws);
    });
    await signIn(user, '工会', 'liaison', system.password);
    await page.getByRole('heading', { name: '工会工作台', level: 1 }).waitFor();
    await page.getByText('实时更新：实时').waitFor();
    const region = page.locator('.feed-announcement[role="status"][aria-live="polite"]');
    expect(await region.count()).toBe(1);
    // Connecting and going live the first time is no news.
    expect((await region.textContent())?.trim()).toBe('');

    up = false;
    for (const ws of sockets) await ws.close({ code: 4008, reason: 'network down (test)' });
    await page.waitForFunction(`document.querySelector('.feed-announcement')?.textContent?.startsWith('实时更新已断开')`);
    await user.shot('live-dropped');

    up = true;
    await page.waitForFunction(`document.querySelector('.feed-announcement')?.textContent === '实时更新已恢复'`, undefined, { timeout: 20_000 });
    await page.getByText('实时更新：实时').waitFor();
    expect(user.errors).toEqual([]);
    await user.close();
  });

  it('given the inbox and the case list, no two cases share a link text', async () => {
    const user = await User.open(browser, system.url, 'small-ones', 'procuratorate-liaison', OFFICE);
    const { page } = user;
    await signIn(user, '人民检察院', 'liaison', system.password);
    await page.getByRole('main').locator('a[href^="/cases/"]').first().waitFor();
    const names = await caseLinkNames(page, 'main');
    for (const [name, hrefs] of names) expect(hrefs.size, `“${name}” opens ${[...hrefs].join(', ')}`).toBe(1);
    await user.shot('inbox-links');
    // And the list of all cases: its 案号 links and employer links name one case each.
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '案件', exact: true }).click();
    await page.getByRole('main').locator('table a[href^="/cases/"]').first().waitFor();
    for (const [name, hrefs] of await caseLinkNames(page, 'main table')) {
      expect(hrefs.size, `“${name}” opens ${[...hrefs].join(', ')}`).toBe(1);
    }
    expect(user.errors).toEqual([]);
    await user.close();
  });
});
