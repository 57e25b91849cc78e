import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { commandCatalog } from '../src/index.js';

/**
 * Issue 14.2: what a command's input schema says about a bad field is shown next to that field in
 * the act forms, so its Chinese half is plain words — no ISO date, no field key, no English, no
 * code list. Walks every command's schema, every field down to the nested ones, with values a
 * form could send wrongly (nothing, empty, too long, not a date, not on the list…).
 */
interface Walkable {
  safeParse(value: unknown): { success: boolean; error?: { issues: readonly { message: string; code: string }[] } };
  readonly _zod: { readonly def: Record<string, unknown> & { type: string } };
}

const BAD: readonly unknown[] = [undefined, '', ' ', 'x', 'x'.repeat(20_001), -1, 1.5, 0, [], [{}], {}, '不是日期', '2026-13-45', '2026-12-07', true];

function messages(schema: Walkable, path: string, out: Map<string, string>): void {
  for (const value of BAD) {
    const result = schema.safeParse(value);
    // An unknown key is a client's mistake, not a form's: the forms send only the schema's fields.
    for (const issue of result.error?.issues ?? []) if (issue.code !== 'unrecognized_keys') out.set(issue.message, path);
  }
  const def = schema._zod.def;
  const inner = (def['innerType'] ?? def['in']) as Walkable | undefined;
  if (inner) messages(inner, path, out);
  if (def.type === 'object') for (const [key, field] of Object.entries(def['shape'] as Record<string, Walkable>)) messages(field, `${path}.${key}`, out);
  if (def.type === 'array') messages(def['element'] as Walkable, `${path}[]`, out);
  if (def.type === 'union') for (const option of def['options'] as Walkable[]) messages(option, path, out);
}

describe('the field errors of the command schemas', () => {
  it('given every field of every command, when a form sends a bad value, then the message is zh · en and its zh half is plain words', () => {
    const found = new Map<string, string>();
    for (const definition of Object.values(commandCatalog)) messages(definition.input as unknown as Walkable, definition.name, found);
    expect(found.size).toBeGreaterThan(50);
    const problems = [...found].flatMap(([message, path]) => {
      const [zh, en] = message.split(' · ');
      if (en === undefined) return [`${path}: not worded in both languages: ${message}`];
      return /[A-Za-z_]{3,}|\d{4}-\d{2}-\d{2}/.test(zh!) ? [`${path}: ${zh}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it("given a schema that words nothing itself, when a value is missing, too long or not on the list, then zod's words are plain Chinese too", () => {
    const schema = z.strictObject({ name: z.string().max(3), tags: z.array(z.string()).min(1), kind: z.enum(['a', 'b']) });
    const issues = schema.safeParse({ name: 'abcd', tags: [], kind: 'c' }).error!.issues.map((i) => i.message);
    expect(issues).toEqual([
      '请不要超过 3 个字 · at most 3 characters',
      '请至少选择或填写 1 项 · at least 1 item(s)',
      '请从列表中选择 · not one of the values offered',
    ]);
    expect(z.object({ n: z.number() }).safeParse({}).error!.issues[0]!.message).toBe('请填写此项 · required');
  });
});
