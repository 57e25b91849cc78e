/**
 * Issue 14.6, readable on a phone: at 390 px every page fits the screen, its tables are stacked
 * cards (a card per row, each value after its column's name, the table still a table to screen
 * readers), and no text is laid out one character per line. On the office screen the same
 * tables stay tables.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, OFFICE, signIn, User, type Viewport } from '../src/browser.js';
import { apiLogin, cases } from '../src/hub-api.js';

const system = inject('system');
const PHONE: Viewport = { width: 390, height: 844 };

/** What the page looks like to the checks below, measured in the browser. */
interface Layout {
  scrollWidth: number;
  /** Tables with a header row that are on screen. */
  tables: {
    columns: number;
    /** The table ends inside the window. */
    fits: boolean;
    name: string;
    bodyRows: number;
    rowDisplays: string[];
    headerShown: boolean;
    /** Per body cell with a column header: the header's text and the label the card shows. */
    cells: { header: string; label: string; role: string | null }[];
    headerRoles: (string | null)[];
  }[];
  /** Text runs of 4+ characters that were measured. */
  measured: number;
  /** Text laid out one or two characters per line: the text, its characters, its lines. */
  squeezed: { text: string; chars: number; lines: number; width: number }[];
}

/**
 * Measures the page. A text run of 4 or more characters is "squeezed" when it is laid out on 3
 * lines or more holding fewer than 2.5 characters each on average, or when it wraps in a block
 * narrower than 3 characters (a column one character wide). A run that simply wraps once at
 * the end of a line is not. Hidden text (display:none, visually-hidden) is skipped.
 */
// Plain script: this package's TypeScript has no DOM types; it runs in the page.
const MEASURE = String.raw`(() => {
    const main = document.querySelector('main');
    const shown = (el) => {
      const r = el.getBoundingClientRect();
      if (r.width <= 2 || r.height <= 2) return false;
      for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === 'none' || s.visibility === 'hidden' || e.classList.contains('visually-hidden')) return false;
        if (s.clip !== 'auto' && s.position === 'absolute') return false;
      }
      return true;
    };
    const tables = [...main.querySelectorAll('table')]
      .filter((t) => t.tHead && shown(t))
      .map((t) => {
        const headerRow = t.tHead.rows[t.tHead.rows.length - 1];
        // A header's visible words (what is visually hidden is for screen readers, not a label).
        const visible = (c) =>
          [...c.childNodes].map((n) => (n instanceof Element ? (n.classList.contains('visually-hidden') ? '' : visible(n)) : (n.textContent ?? ''))).join('');
        const headers = [...headerRow.cells].flatMap((c) => Array.from({ length: c.colSpan }, () => visible(c).replace(/\s+/g, ' ').trim()));
        const rows = [...t.tBodies].flatMap((b) => [...b.rows]);
        const cells = rows.flatMap((row) => {
          let column = 0;
          return [...row.cells].flatMap((cell) => {
            const at = column;
            column += cell.colSpan;
            if (cell.tagName !== 'TD' || !shown(cell)) return [];
            const before = getComputedStyle(cell, '::before');
            // content is the label in quotes ("案件状态" / ""), or none.
            const label = before.display === 'none' ? '' : (/^"([^"]*)"/.exec(before.content)?.[1] ?? '');
            return [{ header: headers[at] ?? '', label, role: cell.getAttribute('role') }];
          });
        });
        return {
          columns: headers.length,
          fits: t.getBoundingClientRect().right <= document.documentElement.clientWidth + 1,
          name: t.getAttribute('aria-label') ?? t.caption?.textContent ?? t.closest('section')?.querySelector('h2,h3,h4')?.textContent ?? '',
          bodyRows: rows.length,
          rowDisplays: [...new Set(rows.map((r) => getComputedStyle(r).display))],
          headerShown: shown(t.tHead),
          cells,
          headerRoles: [...headerRow.cells].map((c) => c.getAttribute('role')),
        };
      });
    let measured = 0;
    const squeezed = [];
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      const parent = node.parentElement;
      if ([...text].length < 4 || !parent || parent.closest('svg, select, option, script, style, canvas') || !shown(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0 && r.height > 0);
      if (rects.length === 0) continue;
      // Line boxes: rects on distinct lines (a run split by an inline box shares its line).
      const lines = new Set(rects.map((r) => Math.round(r.top))).size;
      let block = parent;
      while (block.parentElement && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
      const width = block.getBoundingClientRect().width;
      const em = Number.parseFloat(getComputedStyle(parent).fontSize);
      const chars = [...text].length;
      measured++;
      if (lines >= 2 && ((lines >= 3 && chars / lines < 2.5) || width < 3 * em)) squeezed.push({ text: text.slice(0, 40), chars, lines, width: Math.round(width) });
    }
    return { scrollWidth: document.documentElement.scrollWidth, tables, measured, squeezed };
  })()`;
const measure = (page: Page): Promise<Layout> => page.evaluate<Layout>(MEASURE);

/** The phone checks for one page; `minTables` tables must be on screen as cards. */
async function checkPhonePage(user: User, what: string, minTables: number): Promise<Layout> {
  const layout = await measure(user.page);
  await user.shot(what);
  expect(layout.scrollWidth, `${what}: no sideways scrolling`).toBeLessThanOrEqual(PHONE.width + 1);
  expect(layout.measured, `${what}: the text check measured the page`).toBeGreaterThan(10);
  expect(layout.squeezed, `${what}: text laid out a character or two per line`).toEqual([]);
  // Tables of three columns or more are cards; a name and a value (a chart's numbers) stay a table that fits.
  const wide = layout.tables.filter((t) => t.columns >= 3);
  expect(wide.length, `${what}: tables as cards on screen`).toBeGreaterThanOrEqual(minTables);
  for (const table of layout.tables) {
    const where = `${what}, table ${table.name}`;
    expect(table.fits, `${where}: inside the window`).toBe(true);
    if (table.columns < 3) {
      for (const display of table.rowDisplays) expect(display, `${where}: a narrow table stays a table`).toBe('table-row');
      continue;
    }
    expect(table.headerShown, `${where}: the header row is not shown as a row`).toBe(false);
    expect(
      table.headerRoles.every((r) => r === 'columnheader'),
      `${where}: headers keep their role`,
    ).toBe(true);
    if (table.bodyRows === 0) continue;
    for (const display of table.rowDisplays) expect(['block', 'grid', 'flex'], `${where}: rows are cards`).toContain(display);
    const labelled = table.cells.filter((c) => c.header !== '');
    expect(labelled.length, `${where}: cells with a column header`).toBeGreaterThan(0);
    for (const cell of table.cells) expect(cell.role, `${where}: a cell keeps its role`).toBe('cell');
    // Each value shows its column's name (a header said only to screen readers labels nothing).
    for (const cell of labelled) expect(cell.label, `${where}: the card's label`).toBe(cell.header);
  }
  return layout;
}

/** Chromium's own accessibility tree: the stacked tables are still tables, rows and cells there. */
async function axRoles(page: Page): Promise<Map<string, number>> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { role?: { value?: string }; ignored?: boolean }[] };
  await cdp.detach();
  const counts = new Map<string, number>();
  for (const n of nodes) {
    const role = n.role?.value;
    if (role && !n.ignored) counts.set(role, (counts.get(role) ?? 0) + 1);
  }
  return counts;
}

describe('the console on a phone (390 × 844)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the squeeze check finds text laid out one character per line', { timeout: 60_000 }, async () => {
    const user = await User.open(browser, system.url, 'phone-check', 'union-liaison', PHONE);
    await signIn(user, '工会', 'liaison', system.password);
    await user.page.getByRole('heading', { name: '工会工作台', level: 1 }).waitFor();
    await user.page.getByRole('region', { name: '移送给本机构的线索' }).getByRole('link').first().waitFor();
    const before = await measure(user.page);
    expect(before.squeezed).toEqual([]);
    // A column one character wide, as a table squeezed into a phone makes them.
    await user.page.evaluate(`(() => {
      const p = document.createElement('p');
      p.style.width = '1.2em';
      p.textContent = '深圳市宝安区某电子厂拖欠工资';
      document.querySelector('main').append(p);
    })()`);
    const after = await measure(user.page);
    expect(after.squeezed.map((s) => s.text)).toEqual(['深圳市宝安区某电子厂拖欠工资']);
    // A table of twelve columns kept as a table on a phone: each name two characters a line.
    await user.page.evaluate(`(() => {
      const table = document.createElement('table');
      const row = table.createTBody().insertRow();
      for (let i = 0; i < 12; i++) row.insertCell().textContent = '杭州钱塘纺织印染有限公司';
      document.querySelector('main').append(table);
    })()`);
    const squeezedTable = await measure(user.page);
    expect(squeezedTable.squeezed.filter((s) => s.text === '杭州钱塘纺织印染有限公司').length).toBe(12);
    await user.close();
  });

  it('every page fits, its tables are cards labelled by column, and no text is one character per line', { timeout: 180_000 }, async () => {
    const token = await apiLogin(system.agencyUrls['union']!, 'liaison', system.password);
    const ours = await cases(system.url, token, '&status=open&agency=union');
    const someCase = ours.find((c) => c.openRectificationItems > 0) ?? ours[0]!;
    // A document with a long Chinese name, so the case page's documents card has a row to stack.
    const fileName = `深圳市宝安区某电子有限公司二〇二六年一至六月工资支付记录及考勤表-${Date.now()}.pdf`;
    const body = Buffer.from(
      `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${fileName}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
    );
    const upload = await fetch(`${system.agencyUrls['union']}/api/cases/${someCase.caseId}/documents?${new URLSearchParams({ fileName, kind: 'evidence' })}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'idempotency-key': crypto.randomUUID() },
      body,
    });
    expect(upload.status, await upload.clone().text()).toBeLessThan(300);

    const user = await User.open(browser, system.url, 'phone', 'union-liaison', PHONE);
    const { page } = user;
    await signIn(user, '工会', 'liaison', system.password);

    // 工作台: leads, deadlines, our cases.
    await page.getByRole('heading', { name: '工会工作台', level: 1 }).waitFor();
    await page.getByRole('region', { name: '移送给本机构的线索' }).getByRole('link').first().waitFor();
    await page.getByRole('region', { name: '本机构的期限' }).getByText('已逾期').first().waitFor();
    await checkPhonePage(user, 'inbox', 2);

    // The cases list: a card per case, still a table of rows and cells to a screen reader.
    await page.goto('/cases');
    await page.getByRole('heading', { name: /^查询结果（共 \d+ 件）/ }).waitFor();
    const list = await checkPhonePage(user, 'cases', 1);
    expect(list.tables[0]!.bodyRows).toBeGreaterThan(5);
    const roles = await axRoles(page);
    expect(roles.get('table') ?? 0, 'tables in the accessibility tree').toBeGreaterThan(0);
    expect(roles.get('columnheader') ?? 0, 'column headers in the accessibility tree').toBeGreaterThan(3);
    expect(roles.get('cell') ?? 0, 'cells in the accessibility tree').toBeGreaterThan(20);
    expect(await page.getByRole('table').first().getByRole('columnheader').count()).toBeGreaterThan(3);
    // In English the cards' labels follow the headers.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('columnheader', { name: 'Employer' }).first().waitFor({ state: 'attached' });
    const english = await checkPhonePage(user, 'cases-english', 1);
    expect(english.tables[0]!.cells.map((c) => c.label)).toContain('Employer');
    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: /^查询结果/ }).waitFor();

    // The case page: summary, timeline, deadlines, documents (the long file name wraps).
    await page.goto(`/cases/${someCase.caseId}`);
    await page
      .getByRole('region', { name: /^案件动态/ })
      .getByRole('listitem')
      .first()
      .waitFor();
    const documents = page.getByRole('region', { name: '证据材料' });
    await documents.getByRole('row').filter({ hasText: fileName }).waitFor();
    await checkPhonePage(user, 'case', 1);
    const docCard = await documents.getByRole('row').filter({ hasText: fileName }).boundingBox();
    expect(docCard!.width, 'the document card fits the screen').toBeLessThanOrEqual(PHONE.width);

    // 审计回放 at the last step (the state's tables: leads, items, letters), and the checks table.
    await page.goto(`/cases/${someCase.caseId}/audit`);
    await page.getByRole('slider', { name: '回放位置' }).waitFor();
    await page.getByRole('button', { name: /最后一步/ }).click();
    await page.getByRole('button', { name: '核验', exact: true }).click();
    await page.getByRole('region', { name: '核验' }).getByText('哈希链', { exact: true }).first().waitFor();
    await checkPhonePage(user, 'audit', 3);

    // 联席会议: the rectification list and the meetings.
    await page.goto('/meetings');
    await page.getByRole('table', { name: '整改清单（逾期优先）' }).getByRole('row').nth(1).waitFor();
    await page.getByRole('region', { name: '会议列表' }).getByRole('link').first().waitFor();
    await checkPhonePage(user, 'meetings', 2);

    // A meeting held, with its minutes and decisions: the demo's, which has agenda items (other specs hold meetings of their own without any).
    await page
      .getByRole('region', { name: '会议列表' })
      .getByRole('row')
      .filter({ hasText: '女职工特殊保护专题联席会议' })
      .filter({ hasText: '已召开' })
      .first()
      .getByRole('link')
      .first()
      .click();
    await page.waitForURL(/\/meetings\/[^/]+$/);
    const agenda = page.getByRole('region', { name: '议程事项' });
    // The meeting and its items come from two read models: give a loaded machine time.
    await agenda.getByRole('table').getByRole('row').nth(1).waitFor({ timeout: 30_000 });
    await checkPhonePage(user, 'meeting', 1);

    // 统计报表, with the charts' numbers shown as tables.
    await page.goto('/reports');
    await page
      .getByRole('img', { name: /受理案件/ })
      .first()
      .waitFor();
    await page.getByLabel('显示图表数据表').check();
    await checkPhonePage(user, 'reports', 1);

    expect(user.errors).toEqual([]);
    await user.close();
  });

  it('on the office screen the same tables stay tables', { timeout: 60_000 }, async () => {
    const user = await User.open(browser, system.url, 'phone-office', 'union-liaison', OFFICE);
    await signIn(user, '工会', 'liaison', system.password);
    await user.page.goto('/cases');
    await user.page.getByRole('heading', { name: /^查询结果（共 \d+ 件）/ }).waitFor();
    const table = user.page.getByRole('table').first();
    expect(await table.evaluate((t) => t.ownerDocument.defaultView!.getComputedStyle(t).display)).toBe('table');
    expect(
      await table
        .locator('tbody tr')
        .first()
        .evaluate((r) => r.ownerDocument.defaultView!.getComputedStyle(r).display),
    ).toBe('table-row');
    expect(await table.locator('thead').evaluate((h) => h.getBoundingClientRect().height)).toBeGreaterThan(10);
    await user.shot('cases');
    await user.close();
  });
});
