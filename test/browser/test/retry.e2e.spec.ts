import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, cases, hubGet } from '../src/hub-api.js';

const system = inject('system');

interface Timeline {
  events: { type: string; data: Record<string, unknown> }[];
}

describe('an act whose answer is lost on the way back', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is sent again by the console and recorded once: the service answers the resend with its first answer', async () => {
    const token = await apiLogin(system.agencyUrls['court']!, 'liaison', system.password);
    const target = (await cases(system.url, token, '&status=open&agency=court'))[0];
    expect(target, 'an open case the court takes part in').toBeDefined();
    const caseId = target!.caseId;
    const court = await User.open(browser, system.url, 'retry', 'court-liaison', OFFICE);
    const { page } = court;
    await signIn(court, '人民法院', 'liaison', system.password);

    // The first attempt reaches the service (which records the act), and then its answer is
    // lost: the connection is reset before the browser sees it. Later attempts pass untouched.
    const sent: string[] = [];
    await page.route(`**/agencies/court/api/cases/${caseId}/transfer-lead`, async (route) => {
      sent.push(route.request().headers()['idempotency-key'] ?? '');
      if (sent.length > 1) return route.continue();
      const answer = await route.fetch();
      expect(answer.status()).toBe(200);
      await route.abort('connectionreset');
    });

    await page.goto(`/cases/${caseId}`);
    await page.getByRole('button', { name: '移送线索' }).click();
    const form = page.getByRole('form', { name: '移送线索' });
    await form.waitFor();
    const summary = `重发测试：法院发现另一批拖欠工资线索 ${Date.now()}`;
    await form.getByLabel('接收机构').selectOption('union');
    await form.getByLabel('接收机构').press('Tab');
    await page.keyboard.type(summary);
    await form.getByLabel('反馈期限').fill(`${new Date().getFullYear() + 1}-03-01`);
    await form.getByRole('button', { name: /提交|办理|确定/ }).click();
    await page.getByText('已办理：移送线索').waitFor();
    await court.shot('done-after-resend');

    // Sent twice, with one key; recorded once.
    expect(sent).toHaveLength(2);
    expect(sent[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(sent[1]).toBe(sent[0]);
    const recorded = async () =>
      (await hubGet<Timeline>(system.url, token, `/api/cases/${caseId}/timeline?limit=5000`)).events.filter(
        (e) => e.type === 'LeadTransferred' && e.data['summary'] === summary,
      ).length;
    await expect.poll(recorded, { timeout: 10_000 }).toBe(1);
    // Nothing more arrives later.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await recorded()).toBe(1);
    await court.close();
  });
});
