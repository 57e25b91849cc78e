import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User } from '../src/browser.js';

const system = inject('system');

describe('the security log in the console', { timeout: 120_000 }, () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('given a failed and a good sign-in, when the union admin opens 安全日志, then both are listed, the chain verifies, and a liaison has no such page', async () => {
    const admin = await User.open(browser, system.url, 'security-log', 'union-admin', OFFICE);
    const tried = `guess-${Date.now().toString(36)}`;
    await admin.page.goto('/signin');
    await admin.page.getByLabel('所属机构').selectOption({ label: '工会' });
    await admin.page.getByLabel('用户名').fill(tried);
    await admin.page.getByLabel('密码').fill('wrong-password-123');
    await admin.page.getByRole('button', { name: '登录' }).click();
    await admin.page.getByText('用户名或密码错误').waitFor();
    await signIn(admin, '工会', 'admin', system.password);

    await admin.page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '安全日志' }).click();
    await admin.page.getByRole('heading', { name: '安全日志' }).waitFor();
    await admin.page.getByText(/哈希链校验通过（\d+ 条）/).waitFor();
    const rows = admin.page.getByRole('table').getByRole('row');
    // Newest first: the admin's own sign-in, right after the failed one with the username tried.
    await rows.filter({ hasText: '登录成功' }).filter({ hasText: '工会管理员' }).first().waitFor();
    const failed = rows.filter({ hasText: `（尝试）${tried}` });
    await failed.waitFor();
    expect(await failed.textContent()).toContain('登录失败');
    expect(await admin.page.content()).not.toContain('wrong-password-123');
    await admin.shot('agency-log');

    await admin.page.getByLabel('事件').selectOption({ label: '登录失败' });
    await admin.page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => rows.filter({ hasText: '登录成功' }).count()).toBe(0);
    await failed.waitFor();
    await admin.shot('only-failures');

    await admin.page.getByLabel('日志来源', { exact: true }).selectOption({ label: '协同中枢（案件导出）' });
    await admin.page
      .getByText(/哈希链校验通过|没有符合条件的条目/)
      .first()
      .waitFor();
    await admin.shot('hub-log');

    const liaison = await User.open(browser, system.url, 'security-log', 'union-liaison', OFFICE);
    await signIn(liaison, '工会', 'liaison', system.password);
    expect(await liaison.page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '安全日志' }).count()).toBe(0);
    await liaison.page.goto('/security-log');
    await liaison.page.getByText('安全日志仅供管理员和审计人员查看').waitFor();
    await liaison.shot('no-access');
  });
});
