import { describe, expect, it } from 'vitest';
import { checkDelivery, expectedPositions, owed, sumChecks, type RowFacts, type Watcher } from '../src/live/exactly-once.js';
import { clientMix } from '../src/live/mix.js';

const row = (position: number, over: Partial<RowFacts> = {}): RowFacts => ({
  position,
  kind: 'case',
  subjectId: 'c1',
  visibleTo: ',union,',
  addressedTo: '',
  ...over,
});

const liaison = (agency: Watcher['agency'], scope: Watcher['scope'], after = -1): Watcher => ({ agency, auditor: false, scope, after });

describe('what a client is owed', () => {
  const rows = [
    row(1),
    row(2, { subjectId: 'c2', visibleTo: ',hr_bureau,procuratorate,', addressedTo: ',procuratorate,' }),
    row(3, { visibleTo: ',procuratorate,union,', addressedTo: ',procuratorate,' }),
    row(4, { kind: 'meeting', subjectId: 'm1', visibleTo: '*', addressedTo: ',court,hr_bureau,procuratorate,' }),
    row(5, { subjectId: 'c2', visibleTo: ',hr_bureau,procuratorate,' }),
  ];

  it('a case feed: every event of that case, whatever its audience', () => {
    expect(expectedPositions(liaison('union', { kind: 'case', caseId: 'c1' }), rows)).toEqual([1, 3]);
    expect(expectedPositions(liaison('hr_bureau', { kind: 'case', caseId: 'c2' }), rows)).toEqual([2, 5]);
  });

  it('everything: events everyone sees, and those of the agency’s cases', () => {
    expect(expectedPositions(liaison('union', { kind: 'all' }), rows)).toEqual([1, 3, 4]);
    expect(expectedPositions(liaison('court', { kind: 'all' }), rows)).toEqual([4]);
  });

  it('an auditor’s everything-feed is every event', () => {
    expect(expectedPositions({ agency: 'court', auditor: true, scope: { kind: 'all' }, after: -1 }, rows)).toEqual([1, 2, 3, 4, 5]);
  });

  it('the inbox: addressed to the agency and visible to it', () => {
    expect(expectedPositions(liaison('procuratorate', { kind: 'inbox' }), rows)).toEqual([2, 3, 4]);
    expect(expectedPositions(liaison('union', { kind: 'inbox' }), rows)).toEqual([]);
    // Addressed to the court but not visible to it would be a leak: not owed.
    expect(owed(liaison('court', { kind: 'inbox' }), row(9, { visibleTo: ',union,', addressedTo: ',court,' }))).toBe(false);
  });

  it('only rows after the subscription’s `after`', () => {
    expect(expectedPositions(liaison('union', { kind: 'all' }, 3), rows)).toEqual([4]);
  });

  it('agency names are matched whole, not as substrings', () => {
    expect(owed(liaison('court', { kind: 'all' }), row(1, { visibleTo: ',courtyard,' }))).toBe(false);
  });
});

describe('checkDelivery', () => {
  it('exactly once, in order: all zero', () => {
    const check = checkDelivery([1, 3, 4], [1, 3, 4]);
    expect(check).toMatchObject({ expected: 3, received: 3, missed: 0, doubled: 0, unexpected: 0, outOfOrder: 0 });
  });

  it('counts a missing event, a repeat, an unowed one and one that came late', () => {
    const check = checkDelivery([1, 2, 3, 4, 5], [1, 3, 3, 2, 5, 9]);
    expect(check).toMatchObject({ received: 6, missed: 1, doubled: 1, unexpected: 1, outOfOrder: 1 });
    expect(check.examples).toEqual({ missed: [4], doubled: [3], unexpected: [9], outOfOrder: [2] });
  });

  it('a resumed subscription that repeats what it had before the reconnect counts the repeats', () => {
    expect(checkDelivery([1, 2, 3], [1, 2, 2, 3])).toMatchObject({ doubled: 1, outOfOrder: 0, missed: 0 });
  });

  it('sums checks', () => {
    const total = sumChecks([checkDelivery([1], [1, 1]), checkDelivery([1, 2], [2])]);
    expect(total).toMatchObject({ expected: 3, received: 3, missed: 1, doubled: 1, unexpected: 0, outOfOrder: 0 });
  });
});

describe('clientMix', () => {
  const cases = Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, opener: i % 3 === 0 ? ('hr_bureau' as const) : ('union' as const) }));

  it('is 70/20/10 of the total', () => {
    const specs = clientMix(1000, cases);
    expect(specs).toHaveLength(1000);
    expect(specs.filter((s) => s.scope.kind === 'case')).toHaveLength(700);
    expect(specs.filter((s) => s.scope.kind === 'inbox')).toHaveLength(200);
    expect(specs.filter((s) => s.scope.kind === 'all')).toHaveLength(100);
  });

  it('case timelines are watched by a party to the case or an auditor', () => {
    for (const s of clientMix(200, cases)) {
      if (s.scope.kind !== 'case') continue;
      const caseId = s.scope.caseId;
      const opener = cases.find((c) => c.id === caseId)!.opener;
      expect(s.role === 'auditor' || s.agency === opener).toBe(true);
    }
  });
});
