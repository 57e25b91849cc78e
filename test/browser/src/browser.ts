/**
 * Debian's chromium, driven by playwright-core (never `playwright install`). Each user gets a
 * browser context of their own (their own storage, so their own session), and every page a
 * test passes through is saved as a screenshot under test/browser/output/<test>/.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { onTestFailed } from 'vitest';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const OUTPUT_DIR = resolve(import.meta.dirname, '..', 'output');

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No chromium at ${CHROMIUM}. Install Debian's: apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--lang=zh-CN',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

export interface Viewport {
  readonly width: number;
  readonly height: number;
}
export const OFFICE: Viewport = { width: 1366, height: 768 };
export const TABLET: Viewport = { width: 820, height: 1180 };

/** A user at their own browser: a fresh context (Chinese, Beijing time) with its own screenshots. */
export class User {
  private shots = 0;
  private constructor(
    readonly name: string,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly dir: string,
  ) {}

  static async open(browser: Browser, baseURL: string, test: string, name: string, viewport: Viewport = OFFICE): Promise<User> {
    const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const dir = join(OUTPUT_DIR, test);
    await mkdir(dir, { recursive: true });
    const user = new User(name, context, page, dir);
    // When a step fails, the page as it was then is the first thing to look at.
    onTestFailed(async () => {
      if (!page.isClosed()) await user.shot('at-failure').catch(() => undefined);
    });
    page.on('pageerror', (error) => user.errors.push(error.message));
    // The browser also logs every 4xx answer as an error; those are the server's answers, which
    // the tests check on the page itself. Anything else logged as an error is a fault.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) user.errors.push(message.text());
    });
    return user;
  }

  /** Uncaught script errors and console errors seen on this user's pages. */
  readonly errors: string[] = [];

  /** Saves the page as it looks now: output/<test>/<nn>-<user>-<what>.png */
  async shot(what: string, options: { fullPage?: boolean } = {}): Promise<string> {
    const file = join(this.dir, `${String(++this.shots).padStart(2, '0')}-${this.name}-${what}.png`);
    await this.page.screenshot({ path: file, fullPage: options.fullPage ?? true });
    return file;
  }

  /** A file beside the screenshots (a PDF, a download). */
  shotPath(name: string): string {
    return join(this.dir, `${String(++this.shots).padStart(2, '0')}-${this.name}-${name}`);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** Signs in through the form, as a person does. */
export async function signIn(user: User, agencyZh: string, username: string, password: string): Promise<void> {
  const { page } = user;
  await page.goto('/signin');
  await page.getByLabel('所属机构').selectOption({ label: agencyZh });
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
}
