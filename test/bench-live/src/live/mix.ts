/**
 * Who watches what: the mix of live clients. Case timelines are what most people keep open
 * (liaisons on the cases their agency works, some auditors), then agency inboxes, then a few
 * everything-feeds (auditors, who see every case, and liaisons, who see their agency's).
 */
import { agencyIds, type AgencyId } from '@hub/contracts';
import type { ClientSpec } from './watchers.js';

export const MIX = { case: 0.7, inbox: 0.2, all: 0.1 } as const;

export interface WatchedCase {
  id: string;
  opener: AgencyId;
}

export function clientMix(total: number, cases: readonly WatchedCase[]): ClientSpec[] {
  const nCase = cases.length === 0 ? 0 : Math.round(total * MIX.case);
  const nInbox = Math.round(total * MIX.inbox);
  const nAll = total - nCase - nInbox;
  const agency = (i: number): AgencyId => agencyIds[i % agencyIds.length]!;
  const specs: ClientSpec[] = [];
  for (let i = 0; i < nCase; i++) {
    const c = cases[i % cases.length]!;
    // One in five case watchers is an auditor (of any agency); the rest are liaisons of the agency that opened the case.
    specs.push(
      i % 5 === 4
        ? { agency: agency(i), role: 'auditor', scope: { kind: 'case', caseId: c.id } }
        : { agency: c.opener, role: 'liaison', scope: { kind: 'case', caseId: c.id } },
    );
  }
  for (let i = 0; i < nInbox; i++) specs.push({ agency: agency(i), role: 'liaison', scope: { kind: 'inbox' } });
  for (let i = 0; i < nAll; i++) specs.push({ agency: agency(i >> 1), role: i % 2 === 0 ? 'auditor' : 'liaison', scope: { kind: 'all' } });
  return specs;
}

/** One line saying what the mix is. */
export function describeMix(specs: readonly ClientSpec[], watchedCases: number): string {
  const count = (f: (s: ClientSpec) => boolean) => specs.filter(f).length;
  const cases = count((s) => s.scope.kind === 'case');
  const caseAuditors = count((s) => s.scope.kind === 'case' && s.role === 'auditor');
  const inbox = count((s) => s.scope.kind === 'inbox');
  const all = count((s) => s.scope.kind === 'all');
  const allAuditors = count((s) => s.scope.kind === 'all' && s.role === 'auditor');
  return (
    `${cases} case timelines (${cases - caseAuditors} liaisons of the opening agency, ${caseAuditors} auditors) over ${watchedCases} cases being worked; ` +
    `${inbox} agency inboxes (liaisons, ${agencyIds.length} agencies); ${all} everything-feeds (${allAuditors} auditors, ${all - allAuditors} liaisons)`
  );
}
