/**
 * One sign-in per browser (issue 14, item 3): a case opened in another tab of the same browser
 * (a pasted link, a Ctrl-click) opens signed in; signing out in one tab sends every tab to the
 * sign-in page at once and the server refuses the old token; a sign-in in one tab reaches the
 * others; a session the server revokes ends in every tab with the reason. The token is never kept
 * where it outlives the browser (localStorage, cookies).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';
import { apiLogin, cases } from '../src/hub-api.js';

const system = inject('system');

const tokenOf = (page: Page) => page.evaluate(() => (JSON.parse(sessionStorage.getItem('hub.session') ?? 'null') as { token: string } | null)?.token ?? null);

describe('one sign-in per browser', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a case opened in a new tab is signed in; signing out there signs out every tab', async () => {
    const setupToken = await apiLogin(system.agencyUrls['union']!, 'liaison', system.password);
    const target = (await cases(system.url, setupToken)).find((c) => c.caseNumber?.includes('工'));
    expect(target, 'the demo data has a case the union opened').toBeDefined();
    const caseNumber = target!.caseNumber!;

    const user = await User.open(browser, system.url, 'sign-in-tabs', 'union-liaison', OFFICE);
    const first = user.page;
    await signIn(user, '工会', 'liaison', system.password);
    await first.getByRole('heading', { name: '工会工作台', level: 1 }).waitFor();
    const token = await tokenOf(first);
    expect(token).toBeTruthy();

    // A pasted link in a new tab of the same browser: the case, signed in, no sign-in page on the way.
    const second = await user.context.newPage();
    const errors: string[] = [];
    second.on('pageerror', (error) => errors.push(error.message));
    const visited: string[] = [];
    second.on('framenavigated', (frame) => {
      if (frame === second.mainFrame()) visited.push(frame.url());
    });
    await second.goto(`/cases/${target!.caseId}`);
    await second.getByRole('heading', { level: 1 }).filter({ hasText: caseNumber }).waitFor();
    expect(second.url()).toContain(`/cases/${target!.caseId}`);
    await second.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '工作台' }).waitFor();
    expect(await second.getByText('工会联络员').first().isVisible()).toBe(true);
    expect(await tokenOf(second)).toBe(token);
    expect(visited.filter((url) => url.includes('/signin'))).toEqual([]);
    await second.screenshot({ path: user.shotPath('pasted-link-signed-in.png'), fullPage: true });

    // A Ctrl-click on the case in the list of the first tab opens it signed in too.
    await first.goto('/cases');
    const link = first.getByRole('region', { name: /查询结果/ }).getByRole('link', { name: caseNumber });
    const [third] = await Promise.all([user.context.waitForEvent('page'), link.click({ modifiers: ['Control'] })]);
    await third.getByRole('heading', { level: 1 }).filter({ hasText: caseNumber }).waitFor();
    expect(third.url()).toContain(`/cases/${target!.caseId}`);
    await third.screenshot({ path: user.shotPath('ctrl-click-signed-in.png'), fullPage: true });
    expect(first.url()).toContain('/cases'); // the first tab stayed where it was

    // The token lives only in the tabs' sessionStorage: nothing in localStorage or cookies holds it.
    const persisted = await second.evaluate(() => JSON.stringify({ ...globalThis.localStorage }));
    expect(persisted).not.toContain(token!);
    expect((await user.context.cookies()).map((c) => c.value).join()).not.toContain(token!);

    // Signing out in the second tab: the first (and the third) are on the sign-in page within a second.
    await second.getByRole('button', { name: '退出' }).click();
    const signedOutAt = Date.now();
    await expect.poll(() => second.url()).toContain('/signin');
    await expect.poll(() => first.url(), { timeout: 1_000, interval: 50 }).toContain('/signin');
    await expect.poll(() => third.url(), { timeout: 1_000, interval: 50 }).toContain('/signin');
    expect(Date.now() - signedOutAt).toBeLessThan(1_000);
    await expect.poll(() => first.getByRole('alert').textContent()).toContain('已在另一个标签页退出登录');
    expect(await tokenOf(first)).toBeNull();
    expect(await tokenOf(third)).toBeNull();
    await user.shot('signed-out-in-another-tab');
    // The tab where the person signed out says nothing more than the sign-in form.
    expect(await second.getByRole('alert').count()).toBe(0);

    // The old token is refused by the agency service and by the hub (which follows the revocation on the store).
    const status = async (url: string) => (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status;
    await expect.poll(() => status(`${system.url}/agencies/union/api/cases`), { timeout: 5_000 }).toBe(401);
    await expect.poll(() => status(`${system.url}/api/cases`), { timeout: 5_000 }).toBe(401);

    // A reload of a signed-out tab does not bring the session back.
    await third.reload();
    await expect.poll(() => third.url()).toContain('/signin');

    expect(errors).toEqual([]);
    expect(user.errors).toEqual([]);
    await user.close();
  });

  it('a sign-in in one tab reaches the others; a revoked session ends in every tab with the reason', async () => {
    const user = await User.open(browser, system.url, 'sign-in-tabs', 'court-liaison', OFFICE);
    const first = user.page;
    // Two tabs, both on the sign-in page.
    await first.goto('/reports');
    await expect.poll(() => first.url()).toContain('/signin');
    const second = await user.context.newPage();
    await second.goto('/meetings');
    await expect.poll(() => second.url()).toContain('/signin');

    // Signing in on the second: the first, waiting on its sign-in page, goes on to the page it was asked for.
    await second.getByLabel('所属机构').selectOption({ label: '人民法院' });
    await second.getByLabel('用户名').fill('liaison');
    await second.getByLabel('密码').fill(system.password);
    await second.getByRole('button', { name: '登录' }).click();
    await second.getByRole('navigation', { name: '主导航' }).waitFor();
    await expect.poll(() => first.url(), { timeout: 2_000 }).toContain('/reports');
    await first.getByRole('navigation', { name: '主导航' }).waitFor();
    const token = await tokenOf(second);
    expect(await tokenOf(first)).toBe(token);
    await user.shot('signed-in-from-another-tab');

    // Revoked at the agency (signed out on another computer): every tab goes to sign-in with the server's words.
    await first.getByRole('heading', { level: 1 }).waitFor();
    await second.goto('/');
    await second.getByText('实时更新：实时').waitFor();
    const revoked = await fetch(`${system.agencyUrls['court']}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status).toBe(204);
    await expect.poll(() => second.url(), { timeout: 10_000 }).toContain('/signin');
    await expect.poll(() => first.url(), { timeout: 5_000 }).toContain('/signin');
    for (const page of [first, second]) await expect.poll(() => page.getByRole('alert').textContent()).toContain('请重新登录');
    await user.shot('revoked-in-every-tab');
    expect(user.errors).toEqual([]);
    await user.close();
  });

  it('another browser (its own storage) does not share the session', async () => {
    const one = await User.open(browser, system.url, 'sign-in-tabs', 'hr-liaison', OFFICE);
    await signIn(one, '人力资源和社会保障局', 'liaison', system.password);
    const other = await User.open(browser, system.url, 'sign-in-tabs', 'hr-other-browser', OFFICE);
    const started = Date.now();
    await other.page.goto('/');
    await expect.poll(() => other.page.url()).toContain('/signin');
    // No open tab of its own to ask: the sign-in page comes at once, without a wait for an answer.
    expect(Date.now() - started).toBeLessThan(5_000);
    await other.page.getByRole('button', { name: '登录' }).waitFor();
    await one.close();
    await other.close();
  });
});
