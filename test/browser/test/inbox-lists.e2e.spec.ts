import { randomUUID } from 'node:crypto';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, hubGet, openCaseByApi } from '../src/hub-api.js';

const system = inject('system');
const DAY = 86_400_000;

/** A Shanghai calendar date, `days` from now. */
const shanghaiDate = (days: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * DAY));

/** The text of each row, in the order shown. */
const rowTexts = (table: Locator) => table.locator('tbody tr').allTextContents();

describe('the inbox lists sort and filter (issue 14.4)', { timeout: 150_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a procuratorate liaison filters the leads by status, feedback deadline, sender and date and sorts them; the deadlines by kind, who acts and due date; the cases by deadline state', async () => {
    const marker = `收件测试${Date.now().toString(36)}`;
    const unionUrl = system.agencyUrls['union']!;
    const unionToken = await apiLogin(unionUrl, 'liaison', system.password);
    const caseId = await openCaseByApi(unionUrl, `Bearer ${unionToken}`, {
      summary: `浏览器测试：工作台列表 ${marker}`,
      employers: [{ name: `${marker}公司`, uscc: '91330106MA2KQ7T39F' }],
      workerCount: 2,
      amountClaimedFen: 1_000_000,
    });
    const transfer = async (summary: string, days: number) => {
      const res = await fetch(`${unionUrl}/api/cases/${caseId}/transfer-lead`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${unionToken}` },
        body: JSON.stringify({ leadId: randomUUID(), to: 'procuratorate', summary, feedbackDueAt: new Date(Date.now() + days * DAY).toISOString() }),
      });
      expect(res.status, await res.clone().text()).toBe(200);
    };
    // 甲 due tomorrow (即将到期), 乙 in 40 days (未到期).
    await transfer(`${marker}甲：涉嫌拒不支付劳动报酬`, 1);
    await transfer(`${marker}乙：疑似违法分包`, 40);

    const user = await User.open(browser, system.url, 'inbox-lists', 'procuratorate-liaison', OFFICE);
    await signIn(user, '人民检察院', 'liaison', system.password);
    const { page } = user;
    await page.getByRole('heading', { name: '人民检察院工作台', level: 1 }).waitFor();

    // Leads: ours are among those still to answer.
    const leads = page.getByRole('region', { name: '移送给本机构的线索' });
    const leadFilters = leads.getByRole('search', { name: '筛选线索' });
    const leadTable = page.locator('#inbox-leads-table');
    const ours = leadTable.locator('tbody tr').filter({ hasText: marker });
    await expect.poll(() => ours.count()).toBe(2);

    // Sorted by summary: 乙 (U+4E59) before 甲 (U+7532), then the other way.
    const summary = leadTable.locator('th', { hasText: '线索摘要' });
    await summary.getByRole('button').click();
    await expect.poll(() => summary.getAttribute('aria-sort')).toBe('ascending');
    expect(page.url()).toContain('lsort=summary');
    const order = async () => (await rowTexts(leadTable)).filter((text) => text.includes(marker)).map((text) => (text.includes(`${marker}甲`) ? '甲' : '乙'));
    await expect.poll(order).toEqual(['乙', '甲']);
    await summary.getByRole('button').click();
    await expect.poll(() => summary.getAttribute('aria-sort')).toBe('descending');
    await expect.poll(order).toEqual(['甲', '乙']);
    // By feedback due date: 甲 (tomorrow) first.
    const due = leadTable.locator('th', { hasText: '反馈期限' });
    await due.getByRole('button').click();
    await expect.poll(() => due.getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(order).toEqual(['甲', '乙']);
    await user.shot('leads-sorted');

    // Filters: the feedback deadline's state, the sender, the transfer date; each in the URL.
    await leadFilters.getByLabel('反馈期限').selectOption({ label: '未到期' });
    await expect.poll(order).toEqual(['乙']);
    expect(page.url()).toContain('ldeadline=pending');
    await leadFilters.getByLabel('反馈期限').selectOption({ label: '即将到期' });
    await expect.poll(order).toEqual(['甲']);
    await leadFilters.getByLabel('反馈期限').selectOption({ label: '全部' });
    await leadFilters.getByLabel('移送机构').selectOption({ label: '法院' });
    await expect.poll(order).toEqual([]);
    await leadFilters.getByLabel('移送机构').selectOption({ label: '工会' });
    await expect.poll(order).toEqual(['甲', '乙']);
    expect(page.url()).toContain('lsender=union');
    await leadFilters.getByLabel('移送日期自').fill(shanghaiDate(1));
    await expect.poll(order).toEqual([]);
    await leadFilters.getByLabel('移送日期自').fill(shanghaiDate(0));
    await expect.poll(order).toEqual(['甲', '乙']);
    await leadFilters.getByLabel('办理状态').selectOption({ label: '已办结（已反馈或不予接收）' });
    await expect.poll(order).toEqual([]);
    await leadFilters.getByRole('button', { name: '清除条件' }).click();
    await expect.poll(order).toEqual(['甲', '乙']);
    expect(page.url()).not.toContain('lsender=');

    // Deadlines: 线索办理反馈 of the procuratorate, due on 乙's day: exactly what the hub counts.
    const token = await apiLogin(system.agencyUrls['procuratorate']!, 'liaison', system.password);
    const deadlines = page.getByRole('region', { name: '本机构的期限' });
    const deadlineFilters = deadlines.getByRole('search', { name: '筛选期限' });
    const deadlineRows = page.locator('#inbox-deadlines-table tbody tr');
    await deadlineFilters.getByLabel('事项').selectOption({ label: '线索办理反馈' });
    await deadlineFilters.getByLabel('办理方').selectOption({ label: '检察院' });
    await deadlineFilters.getByLabel('期限自').fill(shanghaiDate(40));
    await deadlineFilters.getByLabel('至').fill(shanghaiDate(40));
    await expect.poll(() => page.url()).toContain(`dto=${shanghaiDate(40)}`);
    const expected = await hubGet<{ total: number }>(
      system.url,
      token,
      `/api/deadlines?agency=procuratorate&kind=lead_feedback&responsible=procuratorate&dueFrom=${shanghaiDate(40)}&dueTo=${shanghaiDate(40)}`,
    );
    expect(expected.total).toBeGreaterThanOrEqual(1);
    await expect.poll(() => deadlineRows.count()).toBe(Math.min(expected.total, 50));
    for (const text of await deadlineRows.allTextContents()) expect(text).toContain('线索办理反馈');
    await expect.poll(() => deadlines.getByRole('heading').first().textContent()).toContain(`（${expected.total} 项未完成）`);
    await user.shot('deadlines-filtered');

    // Sorted by kind (the order a case meets them), then by due date latest first.
    await deadlineFilters.getByRole('button', { name: '清除条件' }).click();
    const kind = page.locator('#inbox-deadlines-table th', { hasText: '事项' });
    await kind.getByRole('button').click();
    await expect.poll(() => kind.getAttribute('aria-sort')).toBe('ascending');
    expect(page.url()).toContain('dsort=kind');
    const firstKind = await hubGet<{ deadlines: { kind: string }[] }>(system.url, token, '/api/deadlines?agency=procuratorate&sort=kind&limit=1');
    const kindWords: Record<string, string> = { worker_feedback: '向职工反馈', lead_feedback: '线索办理反馈', letter_reply: '监督文书回复' };
    const firstWord = kindWords[firstKind.deadlines[0]!.kind];
    if (firstWord) await expect.poll(async () => deadlineRows.first().textContent()).toContain(firstWord);
    const dueHeader = page.locator('#inbox-deadlines-table th', { hasText: '期限' }).first();
    await dueHeader.getByRole('button').click();
    await expect.poll(() => dueHeader.getAttribute('aria-sort')).toBe('ascending');
    await dueHeader.getByRole('button').click();
    await expect.poll(() => dueHeader.getAttribute('aria-sort')).toBe('descending');
    expect(page.url()).toContain('ddir=desc');
    // Latest first: 乙's feedback (40 days on) is no later than the first row.
    const latest = await hubGet<{ deadlines: { dueAt: string }[] }>(system.url, token, '/api/deadlines?agency=procuratorate&sort=dueAt&dir=desc&limit=1');
    expect(new Date(latest.deadlines[0]!.dueAt).getTime()).toBeGreaterThanOrEqual(Date.now() + 39 * DAY);
    await user.shot('deadlines-sorted');

    // Our cases: filtered by deadline state, the count the hub's.
    const caseFilters = page.getByRole('search', { name: '筛选本机构案件' });
    await caseFilters.getByLabel('期限状态').selectOption({ label: '已逾期' });
    await expect.poll(() => page.url()).toContain('cdeadline=overdue');
    const overdue = await hubGet<{ total: number }>(system.url, token, '/api/cases?agency=procuratorate&deadline=overdue&limit=1');
    await expect
      .poll(() => page.getByRole('region', { name: '本机构参与的案件' }).getByRole('heading').first().textContent())
      .toContain(`（${overdue.total} 件）`);
    // A link keeps every list's state.
    await page.goto(page.url());
    await expect.poll(() => dueHeader.getAttribute('aria-sort')).toBe('descending');
    expect(await caseFilters.getByLabel('期限状态').inputValue()).toBe('overdue');
    await user.shot('cases-filtered');
    expect(user.errors).toEqual([]);
    await user.close();
  });
});
