import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, OFFICE, User } from '../src/browser.js';

const system = inject('system');

/** The password the admin gives, and the one the new liaison chooses. */
const GIVEN = 'Given-by-Admin-77';
const CHOSEN = 'Spring-Tea-2026';

describe('passwords and sessions (issue 15.2)', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('given a user an admin created, when they first sign in, then they choose their own password, see their sessions and end another one, which the hub then refuses', async () => {
    const signedIn = await fetch(`${system.agencyUrls['union']}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: system.password }),
    });
    expect(signedIn.status).toBe(201);
    const admin = ((await signedIn.json()) as { token: string }).token;
    const created = await fetch(`${system.agencyUrls['union']}/api/admin/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ username: 'xu.ming', displayName: '徐明', password: GIVEN, roles: ['liaison'] }),
    });
    expect(created.status).toBe(201);

    const user = await User.open(browser, system.url, 'sessions', 'union-new-liaison', OFFICE);
    const { page } = user;
    await page.goto('/signin');
    await page.getByLabel('所属机构').selectOption({ label: '工会' });
    await page.getByLabel('用户名').fill('xu.ming');
    await page.getByLabel('密码', { exact: true }).fill(GIVEN);
    await page.getByRole('button', { name: '登录' }).click();
    // The password was right, but it is the admin's: a new one first.
    await page.getByText('这是管理员为您设置的密码，请先改成只有您自己知道的新密码再登录').waitFor();
    await user.shot('asked-for-a-new-password');

    await page.getByLabel('新密码', { exact: true }).fill('aaaaaaaaaa');
    await page.getByLabel('再输入一次新密码').fill('aaaaaaaaaa');
    await page.getByRole('button', { name: '修改密码并登录' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('密码要包含大写字母、小写字母、数字、符号这四类中的至少三类');
    await user.shot('weak-password-refused');

    await page.getByLabel('新密码', { exact: true }).fill(CHOSEN);
    await page.getByLabel('再输入一次新密码').fill(CHOSEN);
    await page.getByRole('button', { name: '修改密码并登录' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();

    // A second sign-in elsewhere (another computer, here a script).
    const other = await fetch(`${system.url}/agencies/union/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/120.0 Safari/537.36' },
      body: JSON.stringify({ username: 'xu.ming', password: CHOSEN }),
    });
    expect(other.status).toBe(201);
    const otherToken = ((await other.json()) as { token: string }).token;
    expect((await fetch(`${system.url}/api/cases`, { headers: { authorization: `Bearer ${otherToken}` } })).status).toBe(200);

    await page.getByRole('link', { name: '登录会话' }).click();
    await page.getByRole('heading', { name: '我的登录会话', level: 1 }).waitFor();
    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.filter({ hasText: '本次登录' }).count()).toBe(1);
    expect(await rows.filter({ hasText: 'Chrome · Windows' }).count()).toBe(1);
    await user.shot('two-sessions');

    await rows.filter({ hasText: 'Chrome · Windows' }).getByRole('button', { name: '结束这个会话' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await expect
      .poll(async () => (await fetch(`${system.url}/api/cases`, { headers: { authorization: `Bearer ${otherToken}` } })).status, { timeout: 15_000 })
      .toBe(401);
    await user.shot('other-session-ended');
    expect(user.errors).toEqual([]);
    await user.close();
  });
});
