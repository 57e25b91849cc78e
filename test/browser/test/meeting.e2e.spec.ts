import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';

const system = inject('system');

function shanghaiDay(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));
}

describe('a joint meeting decides an overdue rectification item', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the secretary sees the overdue item first, puts it on a meeting, extends it, and the decision reaches the case', async () => {
    const secretary = await User.open(browser, system.url, 'meeting', 'procuratorate-secretary', OFFICE);
    const { page } = secretary;
    await signIn(secretary, '人民检察院', 'secretary', system.password);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '联席会议' }).click();
    await page.getByRole('heading', { name: '联席会议', level: 1 }).waitFor();

    // Overdue first: the list's first item is overdue, said in words beside the colour.
    const list = page.getByRole('table', { name: '整改清单（逾期优先）' });
    const first = list.getByRole('row').nth(1);
    await first.waitFor();
    expect(await first.textContent()).toContain('已逾期');
    await secretary.shot('rectification-list');

    // Put it on the agenda and schedule the meeting for today.
    const pick = first.getByRole('checkbox', { name: /^列入议程：/ });
    const itemName = (await pick.getAttribute('aria-label')) ?? (await pick.evaluate((el) => el.labels?.[0]?.textContent ?? ''));
    const item = itemName.replace(/^列入议程：/, '').trim();
    expect(item.length).toBeGreaterThan(0);
    await pick.check();
    const schedule = page.getByRole('region', { name: '安排联席会议' });
    await schedule.getByLabel('会议日期').fill(shanghaiDay(0));
    await schedule.getByRole('button', { name: '安排会议' }).click();

    // On the meeting's page: extend the overdue item by a month, with minutes.
    await page.getByRole('heading', { name: '议程事项' }).waitFor();
    const decision = page.getByRole('group', { name: item });
    await decision.getByLabel('会议决定').selectOption({ label: '延期' });
    await decision.getByLabel('新的整改期限').fill(shanghaiDay(30));
    await decision.getByLabel('决定说明').fill('企业已提交整改计划，延期一个月，由人社局跟进');
    await page.getByLabel('会议纪要').fill('各方通报整改进展，会议决定对逾期事项延期并跟进。');
    // What minutes record (issue 14.5): the recorder is the signed-in secretary unless changed.
    await page.getByLabel('会议地点').fill('区人民检察院第一会议室');
    await page.getByLabel('主持人姓名').fill('李明哲');
    expect(await page.getByLabel('记录人姓名').inputValue()).not.toBe('');
    await page.getByLabel('人民检察院出席人员').fill('李明哲 检察官\n赵雨桐 联席会议秘书');
    await page.getByLabel('议定事项（每行一项）').fill('逾期事项延期一个月，由人社局跟进。');
    await secretary.shot('decision-entered');
    await page.getByRole('button', { name: '记录会议决定' }).click();
    await page.getByText(/^会议已召开并记录。/).waitFor();

    // The decision is on the case: the agenda table says so for the item.
    const agenda = page.getByRole('table').filter({ hasText: '会议决定' }).first();
    const row = agenda.getByRole('row').filter({ hasText: item.split('（')[0]! });
    await row.getByText('已记入案件').first().waitFor();
    expect(await row.first().textContent()).toContain('延期');
    await secretary.shot('meeting-held');

    // The print view is laid out for A4: no navigation or buttons.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation', { name: '主导航' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: '打印' }).isVisible()).toBe(false);
    await secretary.shot('meeting-print');
    await page.pdf({ path: secretary.shotPath('meeting-print.pdf'), format: 'A4' });
    await page.emulateMedia({ media: 'screen' });

    expect(secretary.errors).toEqual([]);
    await secretary.close();
  });
});
