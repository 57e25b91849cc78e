/**
 * The agency's letter settings: its full name (发文机关标志 and 署名) and the 机关代字 of each kind
 * of letter it issues (the 发文字号's prefix, e.g. 杭西检民建 in 杭西检民建〔2026〕12号). A
 * deployment names a JSON file in LETTER_SETTINGS; without one, the defaults are the demo's
 * agencies of 杭州市西湖区. A bad file stops the service at start with the path of the bad value.
 */
import { readFileSync } from 'node:fs';
import { agencyIdSchema, letterKinds, textSchema, type AgencyId, type LetterKind } from '@hub/contracts';
import { z } from 'zod';

export interface LetterSettings {
  /** The agency's full name, as it heads and signs its letters. */
  readonly issuerName: string;
  /** 机关代字 by kind of letter: the 文号 is `${prefix}〔${year}〕${n}号`. */
  readonly prefixes: { readonly [K in LetterKind]?: string };
}

export const DEFAULT_LETTER_SETTINGS: { readonly [A in AgencyId]: LetterSettings } = {
  union: {
    issuerName: '杭州市西湖区总工会',
    prefixes: { reminder_letter: '西工提', opinion_letter: '西工意', recommendation_letter: '西工建' },
  },
  procuratorate: { issuerName: '杭州市西湖区人民检察院', prefixes: { procuratorial_recommendation: '杭西检民建' } },
  hr_bureau: { issuerName: '杭州市西湖区人力资源和社会保障局', prefixes: { rectification_order: '西人社监令' } },
  court: { issuerName: '杭州市西湖区人民法院', prefixes: {} },
};

// The 机关代字 stands before 〔year〕: no brackets or digits of its own, so a 文号 reads one way.
const prefixSchema = textSchema(20).regex(/^[^〔〕[\]()（）\d\s]+$/u, {
  error: '机关代字不能含括号、数字或空白 · a prefix has no brackets, digits or spaces',
});

const fileSchema = z.partialRecord(
  agencyIdSchema,
  z.strictObject({
    issuerName: textSchema(100),
    prefixes: z.partialRecord(letterKinds.schema, prefixSchema).default({}),
  }),
);

export class LetterSettingsError extends Error {
  override readonly name = 'LetterSettingsError';
}

/** The settings of every agency from a LETTER_SETTINGS file: the agencies it names replace their defaults. */
export function parseLetterSettings(text: string, source: string): { readonly [A in AgencyId]: LetterSettings } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LetterSettingsError(`${source}: not JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new LetterSettingsError(`${source}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return { ...DEFAULT_LETTER_SETTINGS, ...parsed.data } as { readonly [A in AgencyId]: LetterSettings };
}

/** This agency's settings: from the file LETTER_SETTINGS names, else the defaults. */
export function loadLetterSettings(agency: AgencyId, env: NodeJS.ProcessEnv = process.env): LetterSettings {
  const file = env['LETTER_SETTINGS']?.trim();
  if (!file) return DEFAULT_LETTER_SETTINGS[agency];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LetterSettingsError(`LETTER_SETTINGS ${file}: cannot read: ${(error as Error).message}`);
  }
  return parseLetterSettings(text, `LETTER_SETTINGS ${file}`)[agency];
}

/** The 机关代字 of a kind: the configured one, else the name's 4th and 5th characters (the district in 杭州市西湖区…) and the kind's first. */
export function prefixFor(settings: LetterSettings, kind: LetterKind): string {
  return settings.prefixes[kind] ?? `${[...settings.issuerName].slice(3, 5).join('')}${[...letterKinds.labels[kind].zh][0]}`;
}
