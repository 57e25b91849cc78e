import { shown, type DataFileError, type JsonEntry, type JsonNode, type SourcePosition } from './json-source.js';

type ErrorClass = new (zh: string, en: string, at?: SourcePosition, source?: string) => DataFileError;

/** Small readers over positioned JSON, each refusing with the position of the value it was given. */
export class NodeReader {
  constructor(private readonly ErrorOf: ErrorClass) {}

  fail(node: { readonly at?: SourcePosition } | undefined, zh: string, en: string): never {
    throw new this.ErrorOf(zh, en, node?.at);
  }

  object(node: JsonNode, zhWhat: string, enWhat: string): readonly JsonEntry[] {
    if (node.kind !== 'object') this.fail(node, `${zhWhat}应是一个对象 {…}，而不是 ${shown(node)}`, `${enWhat} must be an object {…}, not ${shown(node)}`);
    return node.entries;
  }

  /** Refuses a key not in `known`, at the key: a misspelt key must not be silently ignored. */
  onlyKeys(entries: readonly JsonEntry[], known: readonly string[], enWhat: string): void {
    for (const entry of entries) {
      if (!known.includes(entry.key)) {
        throw new this.ErrorOf(
          `未知的键 "${entry.key}"（可用的键：${known.join('、')}）`,
          `unknown ${enWhat} key "${entry.key}" (known: ${known.join(', ')})`,
          entry.keyAt,
        );
      }
    }
  }

  wholeNumber(node: JsonNode, key: string, min: number, max: number): number {
    if (node.kind !== 'number' || !Number.isInteger(node.value) || node.value < min || node.value > max) {
      this.fail(
        node,
        `${key} 应是 ${min} 到 ${max} 之间的整数，而不是 ${shown(node)}`,
        `${key} must be a whole number between ${min} and ${max}, not ${shown(node)}`,
      );
    }
    return node.value;
  }

  boolean(node: JsonNode, key: string): boolean {
    if (node.kind !== 'boolean') this.fail(node, `${key} 只能是 true 或 false，而不是 ${shown(node)}`, `${key} must be true or false, not ${shown(node)}`);
    return node.value;
  }

  text(node: JsonNode, key: string, maxLength = 2000): string {
    if (node.kind !== 'string' || node.value.length > maxLength) {
      this.fail(node, `${key} 应是不超过 ${maxLength} 字的文字`, `${key} must be text of at most ${maxLength} characters, not ${shown(node)}`);
    }
    return node.value;
  }

  list(node: JsonNode, key: string): readonly JsonNode[] {
    if (node.kind !== 'array') this.fail(node, `${key} 应是一个列表 […]，而不是 ${shown(node)}`, `${key} must be a list […], not ${shown(node)}`);
    return node.items;
  }
}

export const entryOf = (entries: readonly JsonEntry[], key: string): JsonEntry | undefined => entries.find((e) => e.key === key);
