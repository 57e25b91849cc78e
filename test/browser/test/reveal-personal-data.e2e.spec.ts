import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, openCaseByApi } from '../src/hub-api.js';

const system = inject('system');

/** Identities made for this run, so that nothing else on the page can contain them. */
const seventeen = `33010619900307${Date.now().toString().slice(-3)}`;
/** GB 11643 check character, so the service takes the number. */
const check = (digits: string) => '10X98765432'[[...digits].reduce((sum, d, i) => sum + Number(d) * (2 ** (17 - i) % 11), 0) % 11]!;
const WORKER = { name: '赵显示', idNumber: seventeen + check(seventeen), phone: `1381234${Date.now().toString().slice(-4)}` };
const maskedId = `3301**********${WORKER.idNumber.slice(-4)}`;
const maskedPhone = `138****${WORKER.phone.slice(-4)}`;

async function caseWithWorker(employer: string): Promise<string> {
  const unionUrl = system.agencyUrls['union']!;
  const token = await apiLogin(unionUrl, 'liaison', system.password);
  return openCaseByApi(unionUrl, `Bearer ${token}`, {
    summary: '浏览器测试：职工个人信息按需显示',
    employers: [{ name: employer, uscc: '91330106MA2KQ7T39F' }],
    workerCount: 1,
    workers: [WORKER],
    amountClaimedFen: 1_200_000,
  });
}

interface Entry {
  action: string;
  subject: string;
  userName: string | null;
  detail: { workers?: string[]; fields?: string[] };
}

async function accessLog(): Promise<Entry[]> {
  const unionUrl = system.agencyUrls['union']!;
  const token = await apiLogin(unionUrl, 'auditor', system.password);
  const res = await fetch(`${unionUrl}/api/access-log?limit=1000`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { entries: Entry[] }).entries;
}

describe("a worker's ID number and phone on request", { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the case page shows them masked on load; 显示 shows them (written to the access log), 隐藏 masks them again', async () => {
    const caseId = await caseWithWorker(`浏览器测试显示公司${Date.now().toString(36)}`);
    const reveals = () => accessLog().then((entries) => entries.filter((e) => e.action === 'reveal_personal_data' && e.subject === `case-${caseId}`));

    const union = await User.open(browser, system.url, 'reveal-personal-data', 'union-liaison', OFFICE);
    await signIn(union, '工会', 'liaison', system.password);
    await union.page.goto(`/cases/${caseId}`);
    const workers = union.page.getByRole('region', { name: '职工' });
    const item = workers.getByRole('listitem').filter({ hasText: WORKER.name });
    await item.waitFor();
    // Masked on load: the name, the ID number and phone with their middles starred; the clear values nowhere on the page.
    await item.getByText(maskedId).waitFor();
    await item.getByText(maskedPhone).waitFor();
    expect(await union.page.content()).not.toContain(WORKER.idNumber);
    expect(await union.page.content()).not.toContain(WORKER.phone);
    await workers.getByText('每次查看都记入本机构的访问日志').waitFor();
    await union.shot('masked-on-load');
    // Loading the page revealed nothing.
    expect(await reveals()).toEqual([]);

    await item.getByRole('button', { name: `显示${WORKER.name}的身份证号和手机号（记入访问日志）` }).click();
    await item.getByText(WORKER.idNumber, { exact: true }).waitFor();
    await item.getByText(WORKER.phone, { exact: true }).waitFor();
    await union.shot('revealed');

    // Exactly one entry, naming the person, the worker and the fields.
    const logged = await reveals();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ userName: '工会联络员', detail: { fields: ['name', 'idNumber', 'phone'] } });
    expect(logged[0]!.detail.workers).toHaveLength(1);

    await item.getByRole('button', { name: `隐藏${WORKER.name}的身份证号和手机号` }).click();
    await item.getByText(maskedId).waitFor();
    expect(await union.page.content()).not.toContain(WORKER.idNumber);
    await union.shot('hidden-again');

    // A reload starts masked again and writes no reveal.
    await union.page.reload();
    await item.getByText(maskedPhone).waitFor();
    expect(await reveals()).toHaveLength(1);
    expect(union.errors).toEqual([]);
    await union.close();
  });
});
