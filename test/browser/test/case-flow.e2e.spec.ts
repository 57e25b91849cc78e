import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, TABLET, User } from '../src/browser.js';
import { apiLogin, cases } from '../src/hub-api.js';

const system = inject('system');

/** YYYY-MM-DD in Beijing, `days` from today. */
function shanghaiDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));
}

describe('two agencies work one case, each seeing the other live', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the union transfers a lead (refused first for a past deadline), the procuratorate sees it arrive and accepts it, the union sees the acceptance', async () => {
    const token = await apiLogin(system.agencyUrls['union']!, 'liaison', system.password);
    // An open case only the union works on so far: the procuratorate has nothing pending on it.
    const target = (await cases(system.url, token, '&status=open&agency=union')).find((c) => c.agencies.length === 1);
    expect(target, 'the demo data has an open case only the union works on').toBeDefined();
    const summary = `浏览器测试：押金未退线索 ${Date.now()}`;

    // The procuratorate's liaison is at their inbox, on a tablet, before anything is sent.
    const procuratorate = await User.open(browser, system.url, 'case-flow', 'procuratorate-liaison', TABLET);
    await signIn(procuratorate, '人民检察院', 'liaison', system.password);
    await procuratorate.page.getByRole('heading', { name: '人民检察院工作台', level: 1 }).waitFor();
    await procuratorate.page.getByText('实时', { exact: false }).first().waitFor();
    await procuratorate.shot('inbox-before');

    const union = await User.open(browser, system.url, 'case-flow', 'union-liaison', OFFICE);
    await signIn(union, '工会', 'liaison', system.password);
    await union.page.goto(`/cases/${target!.caseId}`);
    await union.page.getByRole('heading', { name: '办理' }).waitFor();
    await union.shot('case-page');

    // The form is the TransferLead command's own schema; the feedback deadline must lie ahead (R6).
    await union.page.getByRole('button', { name: '移送线索' }).click();
    const form = union.page.getByRole('form', { name: '移送线索' });
    await form.getByLabel('接收机构').selectOption({ label: '人民检察院' });
    await form.getByLabel('线索摘要').fill(summary);
    await form.getByLabel('反馈期限').fill(shanghaiDay(-3));
    await form.getByRole('button', { name: '确认提交' }).click();
    const refusal = form.getByRole('alert').filter({ hasText: '移送线索须写明未到期的反馈期限' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('R6.lead-deadline');
    await union.shot('refused-past-deadline');

    await form.getByLabel('反馈期限').fill(shanghaiDay(10));
    await form.getByRole('button', { name: '确认提交' }).click();
    await union.page.getByText('已办理：移送线索').waitFor();
    const unionTimeline = union.page.getByRole('region', { name: /^案件动态/ });
    await unionTimeline.getByText('线索移送').first().waitFor();

    // The procuratorate's inbox gets it without a reload, marked as new.
    const leads = procuratorate.page.getByRole('region', { name: '移送给本机构的线索' });
    const row = leads.getByRole('row').filter({ hasText: summary });
    await row.waitFor({ timeout: 5_000 });
    await row.getByText('新', { exact: true }).waitFor();
    await procuratorate.shot('inbox-lead-arrived');

    // It opens the case from the inbox and accepts the lead.
    await row.getByRole('link').first().click();
    await procuratorate.page.getByRole('button', { name: '接收线索' }).click();
    const accept = procuratorate.page.getByRole('form', { name: '接收线索' });
    // The only lead pending to the procuratorate on this case is the one just sent (after the "请选择…" prompt).
    await accept.getByLabel('线索').selectOption({ index: 1 });
    await accept.getByRole('button', { name: '确认提交' }).click();
    await procuratorate.page.getByText('已办理：接收线索').waitFor();
    await procuratorate.shot('lead-accepted');

    // The union's open case page shows the acceptance within a second, marked as new.
    const accepted = unionTimeline.getByRole('listitem').filter({ hasText: '线索接收' });
    await accepted.waitFor({ timeout: 5_000 });
    await accepted.getByText('新', { exact: true }).waitFor();
    await union.shot('acceptance-arrived');

    expect(union.errors).toEqual([]);
    expect(procuratorate.errors).toEqual([]);
    await union.close();
    await procuratorate.close();
  });
});
