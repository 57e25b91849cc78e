import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caseOpenedV1Data, currentVersions, latestVersion, readCatalogEvent, upcast, UpcastError } from '../src/index.js';

const v1 = () => ({
  caseId: randomUUID(),
  openedBy: 'union',
  channel: 'hotline_12351',
  category: 'wage_arrears',
  summary: '工地拖欠 12 名农民工工资',
  employers: [{ name: '某建筑劳务有限公司', uscc: '91330106MA2KQ7T39F' }],
  workerCount: 12,
  workers: [],
  amountClaimedYuan: 1072.46,
  region: '330106',
  workerFeedbackDueAt: '2026-03-03T02:00:00.000Z',
});

describe('upcasting', () => {
  it('reads a CaseOpened v1 (yuan as a decimal) in integer fen, through v2 to v3', () => {
    const old = v1();
    expect(caseOpenedV1Data.safeParse(old).success).toBe(true);
    expect(latestVersion('CaseOpened')).toBe(3);
    const { amountClaimedYuan: _yuan, ...rest } = old;
    expect(upcast('CaseOpened', 1, old)).toEqual({
      ...rest,
      amountClaimedFen: 107246,
      categories: ['wage_arrears'],
      claimedItems: [{ kind: 'wages', amountFen: 107246 }],
    });
  });

  it('reads the version from the stored metadata, defaulting to 1', () => {
    const old = v1();
    expect(readCatalogEvent({ type: 'CaseOpened', data: old, metadata: { schemaVersion: 1 } }).data).toMatchObject({ amountClaimedFen: 107246 });
    expect(readCatalogEvent({ type: 'CaseOpened', data: old }).data).toMatchObject({ amountClaimedFen: 107246 });
    const { amountClaimedYuan: _yuan, ...rest } = old;
    const current = { ...rest, categories: ['wage_arrears'], amountClaimedFen: 5, claimedItems: [{ kind: 'wages', amountFen: 5 }] };
    expect(readCatalogEvent({ type: 'CaseOpened', data: current, metadata: { schemaVersion: 3 } }).data).toEqual(current);
  });

  it('passes current-version data through after validating it', () => {
    const data = { leadId: randomUUID(), acceptedBy: 'procuratorate' };
    expect(upcast('LeadAccepted', 1, data)).toEqual(data);
    expect(() => upcast('LeadAccepted', 1, { ...data, extra: 1 })).toThrow();
  });

  it('refuses versions it does not know and types outside the catalog', () => {
    expect(() => upcast('CaseOpened', 4, v1())).toThrow(UpcastError);
    expect(() => upcast('CaseOpened', 0, v1())).toThrow(UpcastError);
    expect(() => readCatalogEvent({ type: 'SomethingElse', data: {} })).toThrow(/unknown event type/);
    expect(currentVersions.CaseOpened).toBe(3);
    expect(currentVersions.CaseClosed).toBe(2);
    expect(currentVersions.CaseReopened).toBe(1);
  });
});
