import { describe, expect, it } from 'vitest';
import { DEFAULT_LETTER_SETTINGS, LetterSettingsError, loadLetterSettings, parseLetterSettings, prefixFor } from '../../src/index.js';

describe('letter settings (LETTER_SETTINGS)', () => {
  it('given no file, then the demo’s agencies of 杭州市西湖区 with a prefix for each letter they issue', () => {
    expect(loadLetterSettings('procuratorate', {})).toEqual(DEFAULT_LETTER_SETTINGS.procuratorate);
    expect(prefixFor(DEFAULT_LETTER_SETTINGS.procuratorate, 'procuratorial_recommendation')).toBe('杭西检民建');
    expect(prefixFor(DEFAULT_LETTER_SETTINGS.hr_bureau, 'rectification_order')).toBe('西人社监令');
    for (const kind of ['reminder_letter', 'opinion_letter', 'recommendation_letter'] as const)
      expect(DEFAULT_LETTER_SETTINGS.union.prefixes[kind]).toBeDefined();
  });

  it('given a file naming one agency, then that agency’s settings replace the default and the others keep theirs', () => {
    const all = parseLetterSettings(JSON.stringify({ union: { issuerName: '某市总工会', prefixes: { reminder_letter: '某工提' } } }), 'test');
    expect(all.union).toEqual({ issuerName: '某市总工会', prefixes: { reminder_letter: '某工提' } });
    expect(all.court).toEqual(DEFAULT_LETTER_SETTINGS.court);
  });

  it('given a bad file, then it stops with the path of the bad value', () => {
    expect(() => parseLetterSettings('{', 'f.json')).toThrow(LetterSettingsError);
    expect(() => parseLetterSettings(JSON.stringify({ union: { issuerName: '' } }), 'f.json')).toThrow(/f\.json: union\.issuerName/);
    expect(() => parseLetterSettings(JSON.stringify({ union: { issuerName: '某', prefixes: { reminder_letter: '某〔2026〕' } } }), 'f.json')).toThrow(
      /union\.prefixes\.reminder_letter/,
    );
    expect(() => parseLetterSettings(JSON.stringify({ mayor: { issuerName: '某' } }), 'f.json')).toThrow(LetterSettingsError);
    expect(() => loadLetterSettings('union', { LETTER_SETTINGS: '/nonexistent/letters.json' })).toThrow(/cannot read/);
  });
});
