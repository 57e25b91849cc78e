/**
 * 案号 in the hub's case directory: the entry carries the number from CaseNumberAssigned, and
 * search finds a case by its number, whole or in part, with the year's brackets typed any usual way,
 * or none, without 第 or 号, with full-width digits or spaces.
 */
import { describe, expect, it } from 'vitest';
import { id, openCase } from '../support/cases.js';
import { hubFixture } from '../support/fixture.js';

describe('case numbers in the hub directory', () => {
  it('given numbered cases and one opened before numbering, then entries carry the number (null before) and q finds a case by it', async () => {
    const fx = await hubFixture();
    const [a, b, old] = [id(), id(), id()];
    const numbered = [
      [a, '〔2026〕浙0106工维字第1号', 1],
      [b, '〔2026〕浙0106工维字第12号', 12],
    ] as const;
    for (const [caseId, caseNumber, sequence] of numbered) {
      await fx.act('union', caseId, openCase(caseId));
      await fx.record('union', `case-${caseId}`, [{ type: 'CaseNumberAssigned', data: { caseId, caseNumber, issuer: 'union', year: 2026, sequence } }]);
    }
    await fx.act('union', old, openCase(old));
    await fx.settle();
    const token = await fx.token('union', ['liaison']);
    const ask = async (path: string) => {
      const res = await fx.request('GET', path, token);
      expect(res.status, path).toBe(200);
      return res.body;
    };
    expect((await ask(`/api/cases/${b}`)).case.caseNumber).toBe('〔2026〕浙0106工维字第12号');
    expect((await ask(`/api/cases/${old}`)).case.caseNumber).toBeNull();
    const found = async (q: string) => ((await ask(`/api/cases?q=${encodeURIComponent(q)}`)).cases as { caseId: string }[]).map((c) => c.caseId).sort();
    expect(await found('〔2026〕浙0106工维字第12号')).toEqual([b]);
    expect(await found('[2026]浙0106工维字第12号')).toEqual([b]);
    expect(await found('（2026）浙0106工维字第1号')).toEqual([a]);
    expect(await found('第12号')).toEqual([b]);
    expect(await found('工维字')).toEqual([a, b].sort());
    expect(await found('第99号')).toEqual([]);
    // What people type instead: half-width or other brackets, no brackets, no 第 or 号, full-width digits, spaces.
    const variants = {
      '(2026)浙0106工维字第12号': [b],
      '【2026】浙0106工维字第12号': [b],
      '2026浙0106工维字第12号': [b],
      '〔2026〕浙0106工维字12号': [b],
      '〔2026〕浙0106工维字第12': [b],
      '[2026]浙0106工维字12': [b],
      '2026 浙0106 工维字 12': [b],
      浙0106工维字１２号: [b],
      工维字第1号: [a],
      工维字1: [a, b].sort(),
      工维字1号: [a],
      '2026浙0106工维字12号': [b],
      '2026浙0106': [a, b].sort(),
      '[2025]浙0106工维字第12号': [],
    } as const;
    for (const [typed, expected] of Object.entries(variants)) expect(await found(typed), typed).toEqual(expected);
    // The list shows the number beside each case.
    const listed = (await ask('/api/cases')).cases as { caseId: string; caseNumber: string | null }[];
    expect(Object.fromEntries(listed.map((c) => [c.caseId, c.caseNumber]))).toEqual({ [a]: numbered[0][1], [b]: numbered[1][1], [old]: null });
  });
});
