import { agencyIds, type AgencyId, type Role } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { defaultPolicy, prcHolidays2026, type AvailabilityActor } from '../src/index.js';
import { cmd, ctx, EMPLOYERS, id, opened, T0 } from './support/fixtures.js';
import { given } from './support/given.js';

const as = (agency: AgencyId, ...roles: Role[]): AvailabilityActor => ({ agency, roles: roles.length > 0 ? roles : ['liaison'] });
const policy = { ...defaultPolicy, calendar: prcHolidays2026 };
const employer = { kind: 'enterprise' as const, name: EMPLOYERS[0]!.name, uscc: EMPLOYERS[0]!.uscc };

const recommendation = (urgent: boolean) =>
  cmd('IssueSupervisionLetter', { letterId: id(), kind: 'procuratorial_recommendation', addressee: employer, summary: '检察建议', urgent });

/** Issue 14.1: the act forms follow the rules before the server has to refuse. */
describe('availableCommands: what the rules set and what the case already knows', () => {
  it('given a procuratorate on an open case, when it may issue a 检察建议, then the reply deadline is one the rules set, the very one decide sets, urgent or not', () => {
    const offer = given([opened()])
      .offers(as('procuratorate'), { now: T0, policy })
      .find((c) => c.name === 'IssueSupervisionLetter')!;
    expect(offer.ruleSet?.map((f) => [f.field, f.when, f.ruleId])).toEqual([
      ['replyDueAt', { kind: 'procuratorial_recommendation', urgent: false }, 'R8.statutory-deadline'],
      ['replyDueAt', { kind: 'procuratorial_recommendation', urgent: true }, 'R8.statutory-deadline'],
    ]);
    for (const urgent of [false, true]) {
      const [issued] = given([opened()])
        .when(recommendation(urgent), ctx('procuratorate', T0, policy))
        .thenAppends({ type: 'SupervisionLetterIssued' });
      const set = offer.ruleSet!.find((f) => f.when['urgent'] === urgent)!;
      expect(set.dueAt).toBe((issued!.data as { replyDueAt: string }).replyDueAt);
    }
    // Two months from 2 March 2026 (a Monday): 2 May is a holiday of the 2026 calendar, so the next working day.
    expect(offer.ruleSet![0]!.dueOn).toBe('2026-05-06');
  });

  it('given the union, whose letters carry their own deadline, when it may issue one, then no field is set by the rules', () => {
    const offer = given([opened()])
      .offers(as('union'), { now: T0, policy })
      .find((c) => c.name === 'IssueSupervisionLetter')!;
    expect(offer.ruleSet).toBeUndefined();
  });

  it('given no clock or no policy, when commands are offered, then nothing is said about what the rules set (it cannot be computed)', () => {
    for (const options of [{ now: T0 }, { policy }, {}]) {
      const offer = given([opened()])
        .offers(as('procuratorate'), options)
        .find((c) => c.name === 'IssueSupervisionLetter')!;
      expect(offer.ruleSet).toBeUndefined();
    }
  });

  it("given a case with an employer, when letters and rectification lists are offered, then the employer is the letter's addressee and each item's 责任单位", () => {
    for (const agency of agencyIds) {
      const offered = given([opened()]).offers(as(agency), { now: T0, policy });
      const letter = offered.find((c) => c.name === 'IssueSupervisionLetter');
      if (letter) expect(letter.prefill).toEqual({ addressee: employer });
      const list = offered.find((c) => c.name === 'OrderRectification');
      if (list) expect(list.prefill).toEqual({ 'items.responsibleParty': employer });
    }
    const union = given([opened()]).offers(as('union'));
    expect(union.filter((c) => c.prefill !== undefined).map((c) => c.name)).toEqual(['IssueSupervisionLetter', 'OrderRectification']);
  });

  it('given an employer without a USCC, when it is prefilled, then it is named without one', () => {
    const offered = given([opened('union', { employers: [{ name: '某工地包工头' }] })]).offers(as('union'));
    expect(offered.find((c) => c.name === 'IssueSupervisionLetter')?.prefill).toEqual({ addressee: { kind: 'enterprise', name: '某工地包工头' } });
  });
});
