import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, cases } from '../src/hub-api.js';

const system = inject('system');

/** What has the keyboard focus: its tag and text (or label). */
const focused = (user: User) =>
  user.page.evaluate(
    '(() => { const e = document.activeElement; return e ? `${e.tagName}:${(e.getAttribute("aria-label") ?? e.textContent ?? "").trim()}` : "" })()',
  ) as Promise<string>;

describe('acting from the keyboard alone', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a liaison opens the form, fills it, is refused and corrects it, and submits, without the mouse', async () => {
    const token = await apiLogin(system.agencyUrls['court']!, 'liaison', system.password);
    const target = (await cases(system.url, token, '&status=open&agency=court'))[0];
    expect(target, 'an open case the court takes part in').toBeDefined();
    const court = await User.open(browser, system.url, 'keyboard', 'court-liaison', OFFICE);
    const { page } = court;
    await signIn(court, '人民法院', 'liaison', system.password);
    await page.goto(`/cases/${target!.caseId}`);
    await page.getByRole('heading', { name: '办理' }).waitFor();

    // Enter on the act's button opens its form with the focus in the first field.
    await page.getByRole('button', { name: '移送线索' }).focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: '移送线索' });
    await form.waitFor();
    expect(await focused(court)).toMatch(/^SELECT/);
    await page.keyboard.press('ArrowDown'); // from "请选择…" to the first agency in the list
    expect(await form.getByLabel('接收机构').inputValue()).toMatch(/^(union|procuratorate|hr_bureau)$/);
    await page.keyboard.press('Tab');
    await page.keyboard.type('法院在审理中发现用人单位另有拖欠其他职工工资的线索');
    await page.keyboard.press('Tab');
    // The focus is on the date field. Its segments' order follows the machine's locale (this
    // headless chromium has none installed and shows mm/dd/yyyy), so the value is set directly;
    // the date is in the past, which the hub refuses.
    expect(await form.getByLabel('反馈期限').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await form.getByLabel('反馈期限').fill('2020-01-01');
    // Submitting with Enter from inside the form.
    await page.keyboard.press('Enter');
    await form.getByRole('alert').filter({ hasText: 'R6.lead-deadline' }).waitFor();
    // The refusal is where the focus went, so a screen reader reads it out.
    expect(await focused(court)).toMatch(/^P:移送线索须写明未到期的反馈期限/);
    await court.shot('refused');

    await form.getByLabel('反馈期限').fill(`${new Date().getFullYear() + 1}-03-01`);
    await page.keyboard.press('Enter');
    await page.getByText('已办理：移送线索').waitFor();
    expect(await focused(court)).toMatch(/^P:已办理：移送线索/);
    await court.shot('done');
    expect(court.errors).toEqual([]);
    await court.close();
  });
});
