/**
 * JSON that remembers where each value stood, so that a deployment's data file (the deadline
 * policy, a holiday calendar) is refused with the line and column of what is wrong rather than
 * with "invalid file". Strict JSON (RFC 8259): no comments, no trailing commas, no duplicate keys.
 */

/** 1-based, as editors count; columns in UTF-16 units (one per Chinese character). */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

export type JsonNode = { readonly at?: SourcePosition } & (
  | { readonly kind: 'object'; readonly entries: readonly JsonEntry[] }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
);

export interface JsonEntry {
  readonly key: string;
  readonly keyAt?: SourcePosition;
  readonly value: JsonNode;
}

/**
 * What is wrong with a data file, in Chinese and English, with where (the file as its setting
 * names it, and the line and column when the data came from text).
 */
export class DataFileError extends Error {
  override readonly name: string = 'DataFileError';
  constructor(
    readonly zh: string,
    readonly en: string,
    readonly at?: SourcePosition,
    readonly source?: string,
  ) {
    super(DataFileError.describe(zh, en, at, source));
  }

  /** `file:line:column: 第 l 行第 c 列：… · line l, column c: …` — the file once, the place in both languages. */
  static describe(zh: string, en: string, at?: SourcePosition, source?: string): string {
    const file = source ? `${source}${at ? `:${at.line}:${at.column}` : ''}: ` : '';
    const whereZh = at ? `第 ${at.line} 行第 ${at.column} 列：` : '';
    const whereEn = at ? `line ${at.line}, column ${at.column}: ` : '';
    return `${file}${whereZh}${zh} · ${whereEn}${en}`;
  }

  /** The same error, said of the file `source` (a setting and a path). */
  in(source: string): DataFileError {
    const error = new (this.constructor as new (zh: string, en: string, at?: SourcePosition, source?: string) => DataFileError)(
      this.zh,
      this.en,
      this.at,
      source,
    );
    return error;
  }
}

/** A short, safe echo of what was found, for messages. */
export function shown(node: JsonNode): string {
  switch (node.kind) {
    case 'string':
      return JSON.stringify(node.value.length > 40 ? `${node.value.slice(0, 40)}…` : node.value);
    case 'number':
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'array':
      return 'a list [...]';
    case 'object':
      return 'an object {...}';
  }
}

/** A plain value (already parsed) as nodes without positions: one validator serves both. */
export function nodeOf(value: unknown): JsonNode {
  if (value === null) return { kind: 'null' };
  if (Array.isArray(value)) return { kind: 'array', items: value.map(nodeOf) };
  switch (typeof value) {
    case 'string':
      return { kind: 'string', value };
    case 'number':
      return { kind: 'number', value };
    case 'boolean':
      return { kind: 'boolean', value };
    case 'object':
      return { kind: 'object', entries: Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: nodeOf(v) })) };
    default:
      return { kind: 'string', value: String(value) };
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Parses `text` (a leading BOM is skipped); throws DataFileError at the first fault, with its line and column. */
export function parseJsonSource(text: string): JsonNode {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = 0;
  const here = (): SourcePosition => ({ line, column: i - lineStart + 1 });
  const fail = (zh: string, en: string, at: SourcePosition = here()): never => {
    throw new DataFileError(zh, en, at);
  };

  const skipSpace = () => {
    for (;;) {
      const c = text[i];
      if (c === '\n') {
        i++;
        line++;
        lineStart = i;
      } else if (c === ' ' || c === '\t' || c === '\r') i++;
      else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))
        fail('JSON 文件不能有注释（可写在 "note" 里）', 'JSON has no comments (put them in "note")');
      else return;
    }
  };

  const found = (): string => {
    if (i >= text.length) return 'the end of the file';
    return JSON.stringify(String.fromCodePoint(text.codePointAt(i) ?? 0));
  };

  const string = (): string => {
    const start = here();
    i++; // the opening quote
    let out = '';
    for (;;) {
      if (i >= text.length || text[i] === '\n') fail('字符串没有结束的引号', 'a string has no closing quote', start);
      const c = text[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c.charCodeAt(0) < 0x20) fail('字符串里不能有控制字符（如制表符，用 \\t）', 'a string cannot hold a control character (write \\t for a tab)');
      if (c === '\\') {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('无效的转义序列', `invalid escape sequence \\${e ?? ''}`);
        continue;
      }
      out += c;
      i++;
    }
  };

  const value = (depth: number): JsonNode => {
    skipSpace();
    const at = here();
    if (depth > 64) fail('嵌套太深', 'nested too deeply');
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: JsonEntry[] = [];
      const seen = new Set<string>();
      let comma: SourcePosition | undefined;
      skipSpace();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', entries, at };
      }
      for (;;) {
        skipSpace();
        const keyAt = here();
        if (text[i] === '}') fail('} 前多余的逗号', 'trailing comma before }', comma);
        if (text[i] === "'") fail('键名要用双引号', 'keys take double quotes');
        if (text[i] !== '"') fail(`这里应是带双引号的键名，而不是 ${found()}`, `expected a key in double quotes, found ${found()}`);
        const key = string();
        if (seen.has(key)) fail(`键 "${key}" 重复`, `the key "${key}" appears twice`, keyAt);
        seen.add(key);
        skipSpace();
        if (text[i] !== ':') fail(`键名后应是冒号，而不是 ${found()}`, `expected : after the key, found ${found()}`);
        i++;
        entries.push({ key, keyAt, value: value(depth + 1) });
        skipSpace();
        if (text[i] === ',') {
          comma = here();
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', entries, at };
        }
        fail(`这里应是逗号或 }，而不是 ${found()}`, `expected , or }, found ${found()}`);
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      let comma: SourcePosition | undefined;
      skipSpace();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', items, at };
      }
      for (;;) {
        skipSpace();
        if (text[i] === ']') fail('] 前多余的逗号', 'trailing comma before ]', comma);
        items.push(value(depth + 1));
        skipSpace();
        if (text[i] === ',') {
          comma = here();
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', items, at };
        }
        fail(`这里应是逗号或 ]，而不是 ${found()}`, `expected , or ], found ${found()}`);
      }
    }
    if (c === '"') return { kind: 'string', value: string(), at };
    if (c === "'") fail('字符串要用双引号', 'strings take double quotes');
    for (const [word, node] of [
      ['true', { kind: 'boolean', value: true }],
      ['false', { kind: 'boolean', value: false }],
      ['null', { kind: 'null' }],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { ...node, at };
      }
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) {
      i += number[0].length;
      return { kind: 'number', value: Number(number[0]), at };
    }
    if (i >= text.length) fail('文件意外结束，缺少值', 'the file ends where a value was expected');
    return fail(`这里应是一个值，而不是 ${found()}`, `expected a value, found ${found()}`);
  };

  const root = value(0);
  skipSpace();
  if (i < text.length) fail(`值之后还有多余的内容 ${found()}`, `unexpected ${found()} after the value`);
  return root;
}
