import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, OFFICE, User } from '../src/browser.js';
import { startSystem, type RunningSystem } from '../src/system.js';

/**
 * The second factor in the console (issue 15.3), on a system of its own started as `pnpm demo`
 * starts it, with the deployment's default TOTP_REQUIRED_ROLES (admin and auditor).
 */

async function fillSignIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('所属机构').selectOption({ label: '工会' });
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

describe('second factor in the console (issue 15.3)', { timeout: 240_000 }, () => {
  let system: RunningSystem;
  let browser: Browser;
  beforeAll(async () => {
    system = await startSystem({ env: { TOTP_REQUIRED_ROLES: 'admin,auditor' } });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('given the demo’s auditor, when they first sign in, then the console walks them through enrolment; then they sign out and in with a code, and with a recovery code once', async () => {
    // The demo loader set up the union admin's second factor to register the 12351 platform, and handed it back: a person enrols.
    const admin = await fetch(`${system.agencyUrls.union}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: system.password }),
    });
    expect(admin.status).toBe(403);
    expect(((await admin.json()) as { type: string }).type).toBe('urn:hub:problem:second-factor-enrolment-required');

    const user = await User.open(browser, system.url, 'second-factor', 'union-auditor', OFFICE);
    const { page } = user;
    await fillSignIn(page, 'auditor', system.password);
    await page.getByRole('heading', { name: '绑定动态口令' }).waitFor();
    const qr = page.getByRole('img', { name: '动态口令二维码' });
    await qr.waitFor();
    expect(await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    const secret = (await page.locator('.totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{26,}$/);
    await user.shot('enrolment-qr-and-secret');

    // A wrong code first: said plainly, nothing set up.
    await page.getByLabel('应用显示的 6 位验证码').fill('000000');
    await page.getByRole('button', { name: '绑定并登录' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('动态验证码或恢复码不正确');

    const enrolEpoch = Math.floor(Date.now() / 1000);
    const enrolStep = Math.floor(enrolEpoch / 30);
    await page.getByLabel('应用显示的 6 位验证码').fill(await generate({ secret, epoch: enrolEpoch }));
    await page.getByRole('button', { name: '绑定并登录' }).click();
    await page.getByRole('heading', { name: '保存恢复码' }).waitFor();
    const recoveryCodes = (await page.getByRole('list', { name: '恢复码' }).locator('li').allTextContents()).map((c) => c.trim());
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    await user.shot('recovery-codes-shown-once');
    await page.getByRole('button', { name: '我已保存恢复码，进入平台' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();

    // Signed out, then in with the password and a code (the next step's: the enrolment's code is spent).
    await page.getByRole('button', { name: '退出' }).click();
    await fillSignIn(page, 'auditor', system.password);
    await page.getByLabel('动态验证码').waitFor();
    await user.shot('asked-for-the-code');
    await page.getByLabel('动态验证码').fill(await generate({ secret, epoch: (enrolStep + 1) * 30 }));
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();

    // Signed out, then in with a recovery code, which works once.
    await page.getByRole('button', { name: '退出' }).click();
    await fillSignIn(page, 'auditor', system.password);
    await page.getByRole('button', { name: '手机不在身边？改用恢复码' }).click();
    await page.getByLabel('恢复码').fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: '验证并登录' }).click();
    await page.getByRole('navigation', { name: '主导航' }).waitFor();
    await page.getByRole('button', { name: '退出' }).click();
    await fillSignIn(page, 'auditor', system.password);
    await page.getByRole('button', { name: '手机不在身边？改用恢复码' }).click();
    await page.getByLabel('恢复码').fill(recoveryCodes[0]!);
    await page.getByRole('button', { name: '验证并登录' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('动态验证码或恢复码不正确，或已经用过');
    await user.shot('recovery-code-used-twice');
    expect(user.errors).toEqual([]);
    await user.close();
  });
});
