/**
 * The measures of GB/T 9704-2012 《党政机关公文格式》 (clauses 5.2, 7.2–7.5), in millimetres from
 * the page's top-left corner, and the type sizes of its 号 in points.
 */
export const MM = 72 / 25.4;

export const PAGE = { width: 210, height: 297 } as const;
/** 版心 156 mm × 225 mm, top margin 37 mm, left margin 28 mm (5.2.2). */
export const AREA = { left: 28, top: 37, width: 156, height: 225 } as const;
export const AREA_RIGHT = AREA.left + AREA.width;
export const AREA_BOTTOM = AREA.top + AREA.height;
/** 22 lines of 28 characters of 3号 type (5.2.3). */
export const LINES_PER_PAGE = 22;
export const CHARS_PER_LINE = 28;
export const LINE_PITCH = AREA.height / LINES_PER_PAGE;
export const CHAR_PITCH = AREA.width / CHARS_PER_LINE;

/** 号 in points: 2号 22 pt (标题), 3号 16 pt (正文, 发文字号), 4号 14 pt (page numbers, 版记). */
export const SIZE = { h2: 22, h3: 16, h4: 14 } as const;

/** 发文机关标志: its top edge 35 mm below the type area's (7.2.3). */
export const MARK_TOP = AREA.top + 35;
/** The red separator 4 mm below the 发文字号 (7.2.6), and the page number's dash 7 mm below the type area (7.5). */
export const SEPARATOR_GAP = 4;
export const PAGE_NUMBER_TOP = AREA_BOTTOM + 7;
/** 版记 lines: thick 0.35 mm (7.4.1). */
export const RULE_THICK = 0.35;

/** The ideographic em box spans 0.88 em above the baseline and 0.12 em below (Noto CJK). */
export const ASCENT = 0.88;
export const DESCENT = 0.12;
