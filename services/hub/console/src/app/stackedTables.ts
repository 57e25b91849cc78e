/**
 * Tables on a phone (issue 14.6). At PHONE widths a table with a header row is laid out as stacked
 * cards, one per body row (styles.css, "Tables on a phone"). CSS does the layout; this names the
 * cells, for every table the pages render, without each page having to:
 *
 * - a table with a header row and three columns or more is marked data-stacked (the style sheet lays it out as cards);
 * - each body cell gets data-label, its column's header text (the card shows it before the value);
 *   a header whose words are only for screen readers (a "下载" column) labels nothing visibly;
 * - the table's parts get their roles written out (table, rowgroup, row, columnheader, rowheader,
 *   cell): a table laid out as blocks loses its implicit table semantics in some browsers, and the
 *   explicit roles keep each cell tied to its column header for screen readers.
 *
 * Nothing is done at wider screens: the desktop tables stay as they are, with no extra work.
 */
export const PHONE = '(max-width: 640px)';
/** Tables of fewer columns stay tables on a phone. */
export const MIN_COLUMNS = 3;

function setAttr(el: Element, name: string, value: string): void {
  if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** A header's visible words: what is in .visually-hidden is said to screen readers only. */
function visibleText(cell: Element): string {
  let text = '';
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? '';
    else if (node instanceof Element && !node.classList.contains('visually-hidden')) node.childNodes.forEach(walk);
  };
  cell.childNodes.forEach(walk);
  return text.replace(/\s+/g, ' ').trim();
}

/** Labels one table's cells from its header row (the last row of its thead), column spans counted. */
export function labelTable(table: HTMLTableElement): void {
  const head = table.tHead;
  if (!head) return;
  const headerRow = head.rows[head.rows.length - 1];
  if (!headerRow) return;
  const labels: string[] = [];
  for (const th of Array.from(headerRow.cells)) {
    const text = visibleText(th);
    for (let i = 0; i < Math.max(1, th.colSpan); i++) labels.push(text);
  }
  // A name and one value (a chart's numbers) fit a phone as they are: only wider tables stack.
  if (labels.length < MIN_COLUMNS) {
    if (table.hasAttribute('data-stacked')) table.removeAttribute('data-stacked');
    return;
  }
  setAttr(table, 'role', 'table');
  setAttr(table, 'data-stacked', '');
  for (const section of [head, ...Array.from(table.tBodies), ...(table.tFoot ? [table.tFoot] : [])]) {
    setAttr(section, 'role', 'rowgroup');
    for (const row of Array.from(section.rows)) {
      setAttr(row, 'role', 'row');
      let column = 0;
      for (const cell of Array.from(row.cells)) {
        if (section === head) setAttr(cell, 'role', 'columnheader');
        else if (cell.tagName === 'TH') setAttr(cell, 'role', 'rowheader');
        else {
          setAttr(cell, 'role', 'cell');
          setAttr(cell, 'data-label', labels[column] ?? '');
        }
        column += Math.max(1, cell.colSpan);
      }
    }
  }
}

/** Keeps every table under `root` labelled while the screen is phone-sized; returns a stop function. */
export function stackTablesOnPhones(root: HTMLElement = document.body): () => void {
  const phone = window.matchMedia(PHONE);
  const labelAll = () => {
    if (!phone.matches) return;
    for (const table of Array.from(root.getElementsByTagName('table'))) labelTable(table);
  };
  // Rows arrive, pages change, the language switches (header text changes): label again before paint.
  const observer = new MutationObserver(labelAll);
  const watch = () => {
    observer.disconnect();
    if (!phone.matches) return;
    labelAll();
    observer.observe(root, { childList: true, subtree: true, characterData: true });
  };
  phone.addEventListener('change', watch);
  watch();
  return () => {
    phone.removeEventListener('change', watch);
    observer.disconnect();
  };
}
