import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, openCaseByApi } from '../src/hub-api.js';

const system = inject('system');

/** The Beijing wall clock `hours` from now, as a datetime-local input takes it: 2026-12-07T11:05. */
function beijingLocal(hours: number): string {
  return new Date(Date.now() + hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 16);
}

/** A case opened by the 12351 platform's service account through the union's API with its API key. */
async function caseOpenedByHotline(summary: string): Promise<string> {
  const unionUrl = system.agencyUrls['union']!;
  const admin = await apiLogin(unionUrl, 'admin', system.password);
  const created = await fetch(`${unionUrl}/api/admin/service-accounts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
    body: JSON.stringify({ name: `12351平台-${Date.now().toString(36)}`, roles: ['liaison'] }),
  });
  expect(created.status).toBe(201);
  const { apiKey } = (await created.json()) as { apiKey: string };
  return openCaseByApi(unionUrl, `ApiKey ${apiKey}`, {
    channel: 'hotline_12351',
    summary,
    workerCount: 2,
    amountClaimedFen: 1_200_000,
    // The hotline took the call six hours ago.
    occurredAt: new Date(Date.now() - 6 * 3_600_000).toISOString(),
  });
}

describe('business time and machine acts in the console', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a liaison records a phone call after the fact (补录): refused in the future, then marked late on the timeline and listed on the audit page', async () => {
    const summary = `浏览器测试：12351 热线来电 ${Date.now()}`;
    const caseId = await caseOpenedByHotline(summary);

    const union = await User.open(browser, system.url, 'business-time', 'union-liaison', OFFICE);
    await signIn(union, '工会', 'liaison', system.password);
    await union.page.goto(`/cases/${caseId}`);
    const timeline = union.page.getByRole('region', { name: /^案件动态/ });
    // The opening came through the API key: the timeline says a machine recorded it, and when the call happened.
    const opening = timeline.getByRole('listitem').filter({ hasText: '案件登记' });
    await opening.getByText(/^系统接口·12351平台/).waitFor();
    await opening.getByText('补录', { exact: true }).waitFor();
    await union.shot('opened-by-hotline');

    await union.page.getByRole('button', { name: '向职工反馈' }).click();
    const form = union.page.getByRole('form', { name: '向职工反馈' });
    const when = form.getByLabel('发生时间');
    // It starts at now, in Beijing time.
    expect((await when.inputValue()).slice(0, 13)).toBe(beijingLocal(0).slice(0, 13));
    await form.getByLabel('反馈方式').selectOption({ label: '电话' });
    await form.getByLabel('反馈内容摘要').fill('电话告知职工已受理，将约谈企业');

    // Tomorrow is refused, under the field, in both languages' Chinese first.
    await when.fill(beijingLocal(24));
    await form.getByRole('button', { name: '确认提交' }).click();
    await form
      .getByText(/发生时间不能晚于当前时间/)
      .first()
      .waitFor();
    await union.shot('refused-future');

    // Three hours ago: recorded now, marked 补录 with both times.
    await when.fill(beijingLocal(-3));
    await form.getByRole('button', { name: '确认提交' }).click();
    await union.page.getByText('已办理：向职工反馈').waitFor();
    const call = timeline.getByRole('listitem').filter({ hasText: '电话告知职工已受理' });
    await call.waitFor({ timeout: 5_000 });
    await call.getByText('补录', { exact: true }).waitFor();
    await call.getByText(/记录于 .*（晚 (2小时5\d分|3小时\d*分?)）/).waitFor();
    await union.shot('recorded-late');

    // The audit page lists the late acts of the case, longest delay first, and replays by either time.
    await union.page.goto(`/cases/${caseId}/audit`);
    const late = union.page.getByRole('region', { name: '补录记录' });
    const rows = late.getByRole('row');
    await rows.nth(2).waitFor();
    expect(await rows.nth(1).textContent()).toContain('案件登记');
    expect(await rows.nth(1).textContent()).toContain('系统接口·12351平台');
    expect(await rows.nth(2).textContent()).toContain('向职工反馈');

    const replay = union.page.getByRole('region', { name: '按时刻回放' });
    await replay.getByLabel('回放到（北京时间）').fill(beijingLocal(-1));
    await replay.getByLabel('按发生时间').check();
    await replay.getByRole('button', { name: '按时刻回放' }).click();
    await replay.getByText(/（按发生时间）：已有 2 个事件/).waitFor();
    await replay.getByLabel('按记录时间').check();
    await replay.getByRole('button', { name: '按时刻回放' }).click();
    // By when they were recorded, an hour ago the case was not in the store at all.
    await replay.getByText(/（按记录时间）：已有 0 个事件/).waitFor();
    await union.shot('audit-late-acts', { fullPage: true });

    expect(union.errors).toEqual([]);
    await union.close();
  });
});
