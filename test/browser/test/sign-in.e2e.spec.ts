import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, OFFICE, signIn, TABLET, User } from '../src/browser.js';

const system = inject('system');

describe('signing in', { timeout: 90_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('says so plainly when the password is wrong, then lets the liaison in', async () => {
    const user = await User.open(browser, system.url, 'sign-in', 'union-liaison', OFFICE);
    const { page } = user;
    await page.goto('/');
    // Not signed in: the console asks for a sign-in first.
    await expect.poll(() => page.url()).toContain('/signin');
    await page.getByLabel('所属机构').selectOption({ label: '工会' });
    await page.getByLabel('用户名').fill('liaison');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');
    await user.shot('wrong-password');

    await page.getByLabel('密码').fill(system.password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    expect(await page.getByText('工会联络员').first().isVisible()).toBe(true);
    await user.shot('signed-in');
    expect(user.errors).toEqual([]);
    await user.close();
  });

  it('sends a user whose session expired back to sign-in with the reason', async () => {
    const user = await User.open(browser, system.url, 'sign-in', 'court-liaison', TABLET);
    const { page } = user;
    await signIn(user, '人民法院', 'liaison', system.password);
    // The tab's session runs out while the user is away.
    await page.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('hub.session')!);
      sessionStorage.setItem('hub.session', JSON.stringify({ ...session, expiresAt: new Date(Date.now() - 1000).toISOString() }));
    });
    await page.goto('/reports');
    await expect.poll(() => page.url()).toContain('/signin');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('会话已过期，请重新登录');
    await user.shot('session-expired');
    await user.close();
  });

  it('ends a session the server no longer accepts, with the server’s words', async () => {
    const user = await User.open(browser, system.url, 'sign-in', 'hr-liaison', OFFICE);
    const { page } = user;
    await signIn(user, '人力资源和社会保障局', 'liaison', system.password);
    // Signed out elsewhere: the token is revoked at the agency service, which the inbox asks.
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('hub.session')!).token as string);
    const revoked = await fetch(`${system.agencyUrls['hr_bureau']}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(revoked.status).toBe(204);
    await page.goto('/');
    await expect.poll(() => page.url(), { timeout: 10_000 }).toContain('/signin');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('请重新登录');
    // The reason survives a reload of the sign-in page (the live feed may have ended the session first).
    await page.reload();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('请重新登录');
    await user.shot('session-revoked');
    await user.close();
  });

  it('signing out at the agency ends the session at the hub too: its live feed closes and says why', async () => {
    const user = await User.open(browser, system.url, 'sign-in', 'procuratorate-liaison', OFFICE);
    const { page } = user;
    await signIn(user, '人民检察院', 'liaison', system.password);
    // The cases list reads from the hub only, and the inbox keeps a live socket to the hub.
    await page.getByRole('heading', { name: '人民检察院工作台', level: 1 }).waitFor();
    await page.getByText('实时更新：实时').waitFor();
    const token = await page.evaluate(() => JSON.parse(sessionStorage.getItem('hub.session')!).token as string);
    const hubBefore = await fetch(`${system.url}/api/cases`, { headers: { authorization: `Bearer ${token}` } });
    expect(hubBefore.status).toBe(200);
    // Signed out from another tab: the agency records it on the store, the hub follows.
    const out = await fetch(`${system.agencyUrls['procuratorate']}/api/session`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(out.status).toBe(204);
    await expect.poll(() => page.url(), { timeout: 10_000 }).toContain('/signin');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('会话已退出，请重新登录');
    const hubAfter = await fetch(`${system.url}/api/cases`, { headers: { authorization: `Bearer ${token}` } });
    expect(hubAfter.status).toBe(401);
    await user.shot('signed-out-elsewhere');
    await user.close();
  });

  it('switches to English and back', async () => {
    const user = await User.open(browser, system.url, 'sign-in', 'union-auditor', OFFICE);
    const { page } = user;
    await signIn(user, '工会', 'auditor', system.password);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await user.shot('english');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    await user.close();
  });
});
