/**
 * Each list page's time to interactive in Debian's chromium (playwright-core, as the browser
 * tests drive it): the page is loaded afresh (the console's script, its session restored, its
 * queries to the hub), and the time runs from the navigation's start (the page's own clock,
 * performance.now()) until the page's first rows are on screen and a task queued after them has
 * run — the main thread is free to answer input. Then one column header is clicked and the time
 * until the re-sorted rows are on screen is measured too (what a user waits for after a click).
 */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface PageSpec {
  /** What the table row says. */
  name: string;
  agency: string;
  agencyZh: string;
  username: string;
  path: string;
  /** A row of the page's main list. */
  rows: string;
  /** The name of a sortable column's header button, clicked to re-sort. */
  sortBy: string;
}

export interface PageFigures {
  name: string;
  /** Rows of the main list the page showed. */
  rowsShown: number;
  tti: number[];
  sort: number[];
  /** Of each load: navigation start → the first request to the hub's API (the console's script loaded and started). */
  boot: number[];
  /** Of each load: the first API request's start → the last API answer before the rows (the hub's answers, waterfalls included). */
  api: number[];
}

interface Load {
  tti: number;
  boot: number;
  api: number;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--lang=zh-CN', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

async function signIn(page: Page, spec: PageSpec, password: string): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('所属机构').selectOption({ label: spec.agencyZh });
  await page.getByLabel('用户名').fill(spec.username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('navigation', { name: '主导航' }).waitFor();
}

/**
 * Watches, inside the page from its first script on, for the list's first row: when it appears,
 * the page's own clock is read once a task queued after it has run (window.__listReady). Measured
 * in the page, not by polling from here, so the browser driver's round trips do not count.
 */
const watchRows = (rows: string) => `(() => {
  const check = () => {
    if (window.__listReady !== undefined || document.querySelector(${JSON.stringify(rows)}) === null) return false;
    window.__listReady = null;
    setTimeout(() => { window.__listReady = performance.now(); }, 0);
    return true;
  };
  new MutationObserver((_, observer) => { if (check()) observer.disconnect(); }).observe(document, { childList: true, subtree: true });
})()`;

/** Loads the page: ms from navigation start to rows shown and the main thread free, and where the time went. */
async function loadOnce(page: Page, spec: PageSpec): Promise<Load> {
  await page.goto(spec.path, { waitUntil: 'commit' });
  await page.waitForFunction('typeof window.__listReady === "number"', undefined, { timeout: 120_000 });
  // A page function as text: this package is compiled without the DOM's types.
  return page.evaluate(`(() => {
    const tti = window.__listReady;
    const api = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/') && e.responseEnd <= tti);
    const boot = api.length ? Math.min(...api.map((e) => e.startTime)) : tti;
    const end = api.length ? Math.max(...api.map((e) => e.responseEnd)) : tti;
    return { tti, boot, api: end - boot };
  })()`) as Promise<Load>;
}

/**
 * Clicks the header inside the page and returns ms (the page's clock) until the header says the
 * list is sorted its way (aria-sort), the table is no longer busy fetching and rows are on screen.
 */
async function sortOnce(page: Page, spec: PageSpec): Promise<number> {
  // A page function as text: this package is compiled without the DOM's types.
  return page.evaluate(`new Promise((resolve, reject) => {
    const header = () => [...document.querySelectorAll('th[aria-sort]')].find((h) => h.textContent.includes(${JSON.stringify(spec.sortBy)}));
    const th = header();
    if (!th) return reject(new Error('no sortable header ' + ${JSON.stringify(spec.sortBy)}));
    const before = th.getAttribute('aria-sort');
    const t0 = performance.now();
    th.querySelector('button').click();
    const done = () => {
      const now = header();
      return now !== undefined && now.getAttribute('aria-sort') !== before && document.querySelector('table[aria-busy="true"]') === null
        && document.querySelector(${JSON.stringify(spec.rows)}) !== null;
    };
    const wait = () => (done() ? setTimeout(() => resolve(performance.now() - t0), 0) : requestAnimationFrame(wait));
    requestAnimationFrame(wait);
    setTimeout(() => reject(new Error('the sort did not finish in 120 s')), 120000);
  })`) as Promise<number>;
}

export async function measurePage(browser: Browser, baseURL: string, password: string, spec: PageSpec, runs: number): Promise<PageFigures> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(120_000);
  await context.addInitScript(watchRows(spec.rows));
  const page = await context.newPage();
  try {
    await signIn(page, spec, password);
    // One load untimed: the browser's cache holds the console's script as a returning user's does.
    await loadOnce(page, spec);
    const figures: PageFigures = { name: spec.name, rowsShown: 0, tti: [], sort: [], boot: [], api: [] };
    for (let i = 0; i < runs; i++) {
      const load = await loadOnce(page, spec);
      figures.tti.push(load.tti);
      figures.boot.push(load.boot);
      figures.api.push(load.api);
      figures.sort.push(await sortOnce(page, spec));
    }
    figures.rowsShown = await page.locator(spec.rows).count();
    return figures;
  } finally {
    await context.close();
  }
}
