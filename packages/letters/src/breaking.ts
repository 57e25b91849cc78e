/**
 * Line breaking for Chinese text with simple 避头尾: no closing punctuation (。，、；：？！ and
 * closing brackets) at the start of a line, no opening bracket at its end. A character that would
 * break the rule moves with its neighbour to the next line.
 */
const NO_LINE_START = new Set([...'。，、；：？！）》」』】〕”’…—·.,;:?!)]}%']);
const NO_LINE_END = new Set([...'（《「『【〔“‘([{']);

/**
 * Breaks `text` into lines no wider than `width`, where `advance(ch)` is one character's width.
 * The first line may be narrower (`firstWidth`: a paragraph's indent).
 */
export function breakLines(text: string, width: number, advance: (ch: string) => number, firstWidth = width): string[] {
  const chars = [...text];
  const lines: string[][] = [];
  let line: string[] = [];
  let used = 0;
  const limit = () => (lines.length === 0 ? firstWidth : width) + 1e-6;
  for (const ch of chars) {
    const w = advance(ch);
    if (used + w > limit() && line.length > 0) {
      const carried: string[] = [];
      // 避头: the next line must not start with closing punctuation; 避尾: this one must not end with an opening bracket.
      if (NO_LINE_START.has(ch)) carried.unshift(line.pop()!);
      while (line.length > 1 && NO_LINE_END.has(line[line.length - 1]!)) carried.unshift(line.pop()!);
      lines.push(line);
      line = carried;
      used = carried.reduce((sum, c) => sum + advance(c), 0);
    }
    line.push(ch);
    used += w;
  }
  if (line.length > 0 || lines.length === 0) lines.push(line);
  return lines.map((l) => l.join(''));
}

export const isNoLineStart = (ch: string): boolean => NO_LINE_START.has(ch);
