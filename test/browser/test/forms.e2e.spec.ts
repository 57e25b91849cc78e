import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, openCaseByApi } from '../src/hub-api.js';

const system = inject('system');

/** YYYY-MM-DD in Beijing, `days` from today (what a date input takes). */
const shanghaiDay = (days: number): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));
/** The same day as people read it: 2026年12月7日. */
const chineseDay = (days: number): string => {
  const [y, m, d] = shanghaiDay(days).split('-').map(Number);
  return `${y}年${m}月${d}日`;
};
const ISO_DATE = /\d{4}-\d{2}-\d{2}/;
/** Reads an element's font size in px, in the page (inlined there; this package's TypeScript has no DOM types). */
type Styled = { getComputedStyle(e: unknown): { fontSize: string } };

/**
 * Issue 14.1 and 14.2: the act forms follow the rules before the server has to refuse (the date a
 * 检察建议's reply is due, no input for it; the employer already filled in; leads chosen by what
 * they are), and a refusal says in plain words what to do, its rule id small beside it.
 */
describe('act forms that follow the rules, refusals in plain words', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the union is refused a past deadline in plain words; the procuratorate chooses the lead by its summary and issues a 检察建议 whose deadline the rules set, to the employer already filled in', async () => {
    const employer = `某某装饰工程有限公司（表单测试 ${Date.now() % 100_000}）`;
    const summary = `浏览器测试：装修工人工资被拖欠 ${Date.now()}`;
    const unionUrl = system.agencyUrls['union']!;
    const token = await apiLogin(unionUrl, 'liaison', system.password);
    const caseId = await openCaseByApi(unionUrl, `Bearer ${token}`, {
      summary: '浏览器测试：来访反映装修工程拖欠工资',
      employers: [{ name: employer, uscc: '91330106MA2KQ7T39F' }],
      workerCount: 4,
      amountClaimedFen: 3_600_000,
    });

    // The union sends a lead with a deadline that has passed: refused in words, with the days, and what to do.
    const union = await User.open(browser, system.url, 'forms', 'union-liaison', OFFICE);
    await signIn(union, '工会', 'liaison', system.password);
    await union.page.goto(`/cases/${caseId}`);
    await union.page.getByRole('button', { name: '移送线索' }).click();
    const transfer = union.page.getByRole('form', { name: '移送线索' });
    await transfer.getByLabel('接收机构').selectOption({ label: '人民检察院' });
    await transfer.getByLabel('线索摘要').fill(summary);
    await transfer.getByLabel('反馈期限').fill(shanghaiDay(-3));
    await transfer.getByRole('button', { name: '确认提交' }).click();
    const refusal = transfer.getByRole('alert').filter({ hasText: '移送线索须写明未到期的反馈期限' });
    await refusal.waitFor();
    const note = refusal.locator('.rule-id');
    const words = (await refusal.textContent())!.replace((await note.textContent())!, '');
    expect(words).toContain(`所选为${chineseDay(-3)}，今天是${chineseDay(0)}`);
    expect(words).toContain('请重新选择反馈期限');
    expect(words).not.toMatch(ISO_DATE);
    expect(words).not.toContain('R6');
    // The rule id is there, small, for support.
    expect(await note.textContent()).toBe('规则编号 R6.lead-deadline，供技术支持参考');
    expect(Number.parseFloat(await note.evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).fontSize))).toBeLessThan(
      Number.parseFloat(await refusal.evaluate((el) => (globalThis as unknown as Styled).getComputedStyle(el).fontSize)),
    );
    await union.shot('refused-in-plain-words');

    await transfer.getByLabel('反馈期限').fill(shanghaiDay(10));
    await transfer.getByRole('button', { name: '确认提交' }).click();
    await union.page.getByText('已办理：移送线索').waitFor();

    // The rectification list starts with the employer as each item's 责任单位.
    await union.page.getByRole('button', { name: '下达问题整改清单' }).click();
    const order = union.page.getByRole('form', { name: '下达问题整改清单' });
    expect(await order.getByLabel('责任单位名称').first().inputValue()).toBe(employer);
    await union.shot('rectification-prefilled');
    await order.getByRole('button', { name: '取消' }).click();

    // The procuratorate chooses the lead by what the union wrote, who sent it and by when, in Chinese.
    const procuratorate = await User.open(browser, system.url, 'forms', 'procuratorate-liaison', OFFICE);
    await signIn(procuratorate, '人民检察院', 'liaison', system.password);
    await procuratorate.page.goto(`/cases/${caseId}`);
    await procuratorate.page.getByRole('button', { name: '接收线索' }).click();
    const accept = procuratorate.page.getByRole('form', { name: '接收线索' });
    const option = accept.getByLabel('线索').locator('option').filter({ hasText: summary });
    expect(await option.textContent()).toBe(`${summary}（工会移送，反馈期限 ${chineseDay(10)}）`);
    await procuratorate.shot('lead-chooser');
    await accept.getByLabel('线索').selectOption({ label: `${summary}（工会移送，反馈期限 ${chineseDay(10)}）` });
    await accept.getByRole('button', { name: '确认提交' }).click();
    await procuratorate.page.getByText('已办理：接收线索').waitFor();

    // A 检察建议: the reply deadline is the rules', shown as a date, with no input; the employer is the addressee.
    await procuratorate.page.getByRole('button', { name: '发出监督文书' }).click();
    const letter = procuratorate.page.getByRole('form', { name: '发出监督文书' });
    expect(await letter.getByLabel('文书种类').inputValue()).toBe('procuratorial_recommendation');
    const due = letter.locator('output.ruleset-value');
    const normal = await due.textContent();
    expect(normal).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日（由规定确定，无需填写）$/);
    expect(await letter.getByRole('textbox', { name: '回复期限' }).count()).toBe(0);
    expect(await letter.locator('input[type="date"]').count()).toBe(0);
    expect(await letter.getByLabel('收文对象名称').inputValue()).toBe(employer);
    await procuratorate.shot('recommendation-form');
    // Urgent: 15 days instead of two months, still the rules' date.
    await letter.getByLabel('紧急').check();
    expect(await due.textContent()).not.toBe(normal);
    await letter.getByLabel('紧急').uncheck();

    await letter.getByLabel('文书内容摘要').fill('建议依法督促用人单位足额支付拖欠的装修工人工资');
    await letter.getByRole('button', { name: '确认提交' }).click();
    await procuratorate.page.getByText('已办理：发出监督文书').waitFor();
    await procuratorate.shot('recommendation-issued');

    expect(union.errors).toEqual([]);
    expect(procuratorate.errors).toEqual([]);
    await union.close();
    await procuratorate.close();
  });
});
