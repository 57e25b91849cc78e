/**
 * Issue 14.5: prints people can hand on, checked as paper. The printed 联席会议纪要 and the audit
 * printout are printed to PDF by chromium at A4, each page drawn as an image by pdf.js
 * (output/prints/*.png) and its text read with positions: Chinese labels, Beijing times as
 * 2026年12月7日 09:30, no UUID, nothing outside the page, no two pieces of text over each other.
 */
import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, cases, hubGet } from '../src/hub-api.js';
import { BEIJING_TIME, expectClean, installCjkFont, outsideTheTypeArea, overlappingText, pdfPages, UUID } from '../src/pdf-pages.js';

const system = inject('system');
const DEMO_MEETING = '劳动用工领域联席会议（押金及社保整改专题）';

describe('prints people can hand on', { timeout: 180_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('given a held joint meeting, when its 纪要 is printed at A4, then it carries the fields of minutes, in Chinese, and its table stays on the page', async () => {
    const token = await apiLogin(system.agencyUrls['procuratorate']!, 'secretary', system.password);
    const { meetings } = await hubGet<{ meetings: { meetingId: string; title: string | null }[] }>(system.url, token, '/api/meetings?status=held&limit=50');
    const meeting = meetings.find((m) => m.title === DEMO_MEETING);
    expect(meeting, 'the demo holds the procuratorate’s joint meeting').toBeDefined();

    const secretary = await User.open(browser, system.url, 'prints', 'procuratorate-secretary', OFFICE);
    const { page } = secretary;
    await signIn(secretary, '人民检察院', 'secretary', system.password);
    await page.goto(`/meetings/${meeting!.meetingId}`);
    await page.getByRole('heading', { name: DEMO_MEETING, level: 1 }).waitFor();
    // The screen shows the minutes' fields too.
    const facts = page.getByRole('region', { name: '会议信息' });
    for (const label of ['会议地点', '主持人', '记录人', '出席人员', '议定事项']) await facts.getByText(label, { exact: true }).waitFor();
    await page.getByRole('table').filter({ hasText: '会议决定' }).getByText('已记入案件').first().waitFor();
    await installCjkFont(page);
    await secretary.shot('meeting-screen');

    await page.emulateMedia({ media: 'print' });
    await secretary.shot('meeting-print-media');
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    writeFileSync(secretary.shotPath('minutes.pdf'), pdf);
    await page.emulateMedia({ media: 'screen' });

    const pages = await pdfPages(browser, pdf, secretary.shotPath('minutes-page'));
    expect(pages.length).toBeGreaterThanOrEqual(1);
    for (const p of pages) {
      // A4 portrait, in points.
      expect(Math.round(p.width)).toBe(595);
      expect(Math.round(p.height)).toBe(842);
    }
    const text = pages.map((p) => p.text).join('\n');
    // Labels in narrow cells may wrap: read them with the line breaks taken out.
    const flat = text.replace(/\s+/g, '');
    for (const label of ['联席会议纪要', '会议时间', '会议地点', '主持人', '记录人', '出席单位及人员', '会议内容', '议定事项', '整改事项及会议决定']) {
      expect(flat, label).toContain(label);
    }
    expect(flat).toContain('拱墅区人民检察院第二会议室');
    expect(text).toContain('李明哲');
    expect(text).toContain('（一）');
    expect(text).toMatch(BEIJING_TIME);
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expectClean(pages, { left: 28, right: 26 });
    expect(secretary.errors).toEqual([]);
    await secretary.close();
  });

  it('given a closed case, when its audit printout is printed at A4 landscape, then it reads like the screen and its table stays on the page', async () => {
    const token = await apiLogin(system.agencyUrls['court']!, 'auditor', system.password);
    const closed = (await cases(system.url, token, '&status=closed'))[0];
    expect(closed, 'the demo data has a closed case').toBeDefined();
    const get = (format: string) =>
      fetch(`${system.url}/api/cases/${closed!.caseId}/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());

    // The CSV reads the same way: Chinese columns, Beijing times, names, no UUID.
    const csv = await get('csv');
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(
      '案号,全局位置,版本,记录时间（北京时间）,发生时间（北京时间）,补录,机构,经办人,事件,摘要,款项,哈希（SHA-256 或 SM3）',
    );
    expect(csv).toMatch(BEIJING_TIME);
    expect(csv).not.toMatch(UUID);

    // What 打印 on the audit page prints: the hub's printable page. Its own policy lets nothing be
    // fetched; the test lends it the font its style names (pdf-pages.ts) by bypassing that policy.
    const html = await get('html');
    const context = await browser.newContext({ bypassCSP: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    await page.route('http://print.test/**', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto('http://print.test/');
    await installCjkFont(page);
    const auditor = await User.open(browser, system.url, 'prints', 'court-auditor', OFFICE);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    writeFileSync(auditor.shotPath('audit-printout.pdf'), pdf);
    await context.close();

    const pages = await pdfPages(browser, pdf, auditor.shotPath('audit-page'));
    for (const p of pages) {
      // A4 landscape, in points.
      expect(Math.round(p.width)).toBe(842);
      expect(Math.round(p.height)).toBe(595);
    }
    const text = pages.map((p) => p.text).join('\n');
    const flat = text.replace(/\s+/g, '');
    for (const label of ['劳动案件审计报告', '核验结果', '案件时间线', '记录时间（北京时间）', '经办人', '摘要', '证据材料'])
      expect(flat, label).toContain(label);
    expect(flat).toContain(closed!.caseNumber!);
    expect(text).toMatch(BEIJING_TIME);
    expect(text).not.toMatch(UUID);
    expect(text).not.toMatch(/Recorded|Summary|Asia\/Shanghai|amount\w*:/);
    expectClean(pages, { left: 12, right: 12 });
    await auditor.close();
  });

  it('given a table whose cells run into each other and off the page, when printed, then the checks find both', async () => {
    // The checks above pass only if they can fail: a fixed table with unbreakable text that spills.
    const context = await browser.newContext();
    const page = await context.newPage();
    const spill = '整改事项说明文字不换行'.repeat(4);
    await page.route('http://broken.test/**', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><meta charset="utf-8"><style>@page { size: A4; margin: 20mm; } body { font-family: "Noto Serif CJK SC"; font-size: 11pt; }
          table { table-layout: fixed; width: 100%; border-collapse: collapse; } td { white-space: nowrap; border: 1px solid #000; }</style>
          <table><tr><td style="width:30%">${spill}</td><td style="width:70%">相邻单元格</td></tr></table>
          <p style="white-space: nowrap">${spill.repeat(2)}</p>`,
      }),
    );
    await page.goto('http://broken.test/');
    await installCjkFont(page);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    await context.close();
    const auditor = await User.open(browser, system.url, 'prints', 'checker', OFFICE);
    const [first] = await pdfPages(browser, pdf, auditor.shotPath('broken-page'));
    expect(overlappingText(first!).length).toBeGreaterThan(0);
    expect(outsideTheTypeArea(first!, { left: 20, right: 20 }).length).toBeGreaterThan(0);
    await auditor.close();
  });

  it('given minutes with long texts, when printed, then every text wraps inside the type area and nothing overlaps', async () => {
    const agency = system.agencyUrls['procuratorate']!;
    const token = await apiLogin(agency, 'secretary', system.password);
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${agency}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return (await res.json()) as { meetingId: string };
    };
    const title = `长文本纪要打印检查：劳动用工领域欠薪、社保、押金及女职工特殊保护问题综合治理专题联席会议 ${Date.now()}`;
    const { meetingId } = await post('/api/meetings', { title, scheduledFor: new Date().toISOString(), agenda: '审议综合治理方案', caseIds: [] });
    const body = '杭州市拱墅区人力资源和社会保障局劳动保障监察支队会同区总工会法律工作部、区人民检察院第七检察部';
    const url = 'https://rsj.hangzhou.gov.cn/art/2026/12/7/art_1229113757_59021384_long_reference_without_spaces.html';
    await post(`/api/meetings/${meetingId}/hold`, {
      attendees: {
        agencies: ['procuratorate', 'union'],
        otherBodies: ['杭州市拱墅区人力资源服务行业协会暨劳动关系协调促进会（筹）'],
        persons: Array.from({ length: 12 }, (_, i) => ({
          unit: i % 3 === 0 ? '杭州市拱墅区人力资源服务行业协会暨劳动关系协调促进会（筹）' : i % 2 ? '工会' : '人民检察院',
          name: `参会人员${i + 1}`,
          post: '劳动保障监察支队副支队长兼法律顾问室主任',
        })),
      },
      casesReviewed: [],
      decisions: [],
      minutes: `${body}，通报全区整改情况。${url}\n${body.repeat(6)}`,
      location: `杭州市拱墅区人民检察院第二会议室（${body}联合办公区）`.slice(0, 200),
      chair: { unit: '人民检察院', name: '李明哲', post: '第七检察部主任兼劳动者权益保护工作领导小组办公室主任' },
      recorder: { unit: '人民检察院', name: '赵雨桐', post: '联席会议秘书' },
      resolutions: Array.from({ length: 8 }, (_, i) => `第${i + 1}项：${body}在三十日内完成整改并书面报告，参见 ${url}。`),
    });
    // The hub sees the hold (its read models follow the store).
    await expect
      .poll(async () => (await hubGet<{ meeting: { status: string } }>(system.url, token, `/api/meetings/${meetingId}`)).meeting.status, { timeout: 15_000 })
      .toBe('held');

    const secretary = await User.open(browser, system.url, 'prints', 'long-minutes', OFFICE);
    const { page } = secretary;
    await signIn(secretary, '人民检察院', 'secretary', system.password);
    await page.goto(`/meetings/${meetingId}`);
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await installCjkFont(page);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    const pages = await pdfPages(browser, pdf, secretary.shotPath('long-minutes-page'));
    const flat = pages
      .map((p) => p.text)
      .join('')
      .replace(/\s+/g, '');
    expect(flat).toContain('参会人员12（劳动保障监察支队副支队长兼法律顾问室主任）');
    expect(flat).toContain('（八）第8项');
    expect(flat).toContain(url);
    expectClean(pages, { left: 28, right: 26 });
    expect(secretary.errors).toEqual([]);
    await secretary.close();
  });
});
