/** How a case number reads: the deployment's pattern, checked at start, filled with the case's parts. */
import { describe, expect, it } from 'vitest';
import {
  caseNumberParts,
  caseNumberSettings,
  CaseNumberSettingError,
  DEFAULT_CASE_NUMBER_PATTERN,
  formatCaseNumber,
  regionShort,
} from '../../src/case-numbers/pattern.js';

const hotlineCase = { region: '330106', channel: 'hotline_12351', category: 'wage_arrears' } as const;

describe('case number pattern', () => {
  it('given the default pattern, when the union numbers its 12th hotline case of 2026 in 西湖区, then it reads 〔2026〕浙0106工维字第12号', () => {
    const settings = caseNumberSettings('union', {});
    expect(settings.pattern).toBe(DEFAULT_CASE_NUMBER_PATTERN);
    expect(formatCaseNumber(caseNumberParts(settings, 2026, hotlineCase), 12)).toBe('〔2026〕浙0106工维字第12号');
  });

  it('given each agency, then its own code stands in the number (工, 检, 人, 法), or the one the deployment sets', () => {
    const read = (agency: 'union' | 'procuratorate' | 'hr_bureau' | 'court', env = {}) =>
      formatCaseNumber(caseNumberParts(caseNumberSettings(agency, env), 2026, hotlineCase), 1);
    expect([read('union'), read('procuratorate'), read('hr_bureau'), read('court')]).toEqual([
      '〔2026〕浙0106工维字第1号',
      '〔2026〕浙0106检维字第1号',
      '〔2026〕浙0106人维字第1号',
      '〔2026〕浙0106法维字第1号',
    ]);
    expect(read('procuratorate', { CASE_NUMBER_AGENCY_CODE: '西检' })).toBe('〔2026〕浙0106西检维字第1号');
  });

  it('given how a case came in, then the kind is 维 for a complaint, 督 for a lead found, 移 for a referral', () => {
    const kind = (
      channel: (typeof hotlineCase)['channel'] | 'walk_in' | 'inspection' | 'public_opinion' | 'monitoring_point' | 'referral' | 'online_platform',
    ) => caseNumberParts(caseNumberSettings('union', {}), 2026, { ...hotlineCase, channel }).kind;
    expect(['hotline_12351', 'walk_in', 'online_platform'].map((c) => kind(c as never))).toEqual(['维', '维', '维']);
    expect(['monitoring_point', 'public_opinion', 'inspection'].map((c) => kind(c as never))).toEqual(['督', '督', '督']);
    expect(kind('referral')).toBe('移');
  });

  it('given a region code, then the short form is the province 简称 and the rest without trailing 00 pairs', () => {
    expect(regionShort('330106')).toBe('浙0106');
    expect(regionShort('330100')).toBe('浙01');
    expect(regionShort('330000')).toBe('浙');
    expect(regionShort('110105')).toBe('京0105');
    expect(regionShort('150102')).toBe('内0102');
    expect(regionShort('520102')).toBe('黔0102');
  });

  it('given a deployment pattern with other tokens, then they are filled (sequence without leading zeros)', () => {
    const settings = caseNumberSettings('hr_bureau', { CASE_NUMBER_PATTERN: '{regionCode}-{agency}{category}〔{year}〕{seq}号' });
    expect(formatCaseNumber(caseNumberParts(settings, 2027, { ...hotlineCase, category: 'social_insurance' }), 7)).toBe('330106-人保〔2027〕7号');
  });

  it('when the pattern names an unknown token, lacks {year}, {agency} or {seq}, is too long or has a lone brace, then the service refuses to start, naming the variable', () => {
    const refuse = (env: Record<string, string>) => () => caseNumberSettings('union', env);
    expect(refuse({ CASE_NUMBER_PATTERN: '{year}{agency}{seq}{who}' })).toThrow(CaseNumberSettingError);
    expect(refuse({ CASE_NUMBER_PATTERN: '{year}{agency}{seq}{who}' })).toThrow(/CASE_NUMBER_PATTERN 含未知占位符 \{who\}/);
    expect(refuse({ CASE_NUMBER_PATTERN: '〔{year}〕第{seq}号' })).toThrow(/须含 \{agency\}/);
    expect(refuse({ CASE_NUMBER_PATTERN: '{agency}第{seq}号' })).toThrow(/须含 \{year\}/);
    expect(refuse({ CASE_NUMBER_PATTERN: '〔{year}〕{agency}' })).toThrow(/须含 \{seq\}.*must contain \{seq\}/);
    expect(refuse({ CASE_NUMBER_PATTERN: `{year}{agency}{seq}${'号'.repeat(60)}` })).toThrow(/过长/);
    expect(refuse({ CASE_NUMBER_PATTERN: '{year}{agency}{seq}}' })).toThrow(/花括号不成对/);
    expect(refuse({ CASE_NUMBER_AGENCY_CODE: '工 会' })).toThrow(/CASE_NUMBER_AGENCY_CODE/);
  });
});
