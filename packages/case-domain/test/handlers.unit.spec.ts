import type { AgencyId, CaseEvent } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { evolve, type DecisionContext, type HandlerFacts, type OpenedCase, type StaffRecord } from '../src/index.js';
import { closed, cmd, ctx, feedbackGiven, id, leadTransferred, opened } from './support/fixtures.js';
import { given, stateOf } from './support/given.js';

/** 承办人 (issue 13.5): each agency taking part in a case names the person of its own who handles it. */

const liaison = (agency: AgencyId, displayName: string, overrides: Partial<StaffRecord> = {}): StaffRecord => ({
  userId: id(),
  displayName,
  agency,
  roles: ['liaison'],
  disabled: false,
  ...overrides,
});

/** The actor's context with what the service read: the case's participants, the named user, the assigner's name. */
function assigning(agency: AgencyId, assignee: StaffRecord | null, participants: readonly AgencyId[] = [agency]): DecisionContext {
  const handler: HandlerFacts = { participants: new Set(participants), assignee, assignedByName: '李科长' };
  return { ...ctx(agency, undefined, undefined, ['admin']), handler };
}

const assigned = (agency: AgencyId, who: StaffRecord, previous?: StaffRecord): CaseEvent => ({
  type: 'HandlerAssigned',
  data: {
    agency,
    handler: { userId: who.userId, displayName: who.displayName },
    assignedBy: { userId: `${agency}-liaison-1`, displayName: '李科长' },
    ...(previous ? { previous: { userId: previous.userId, displayName: previous.displayName } } : {}),
  },
});

describe('assigning a case to a handler (承办人)', () => {
  const zhang = liaison('union', '张承办');
  const wang = liaison('union', '王承办');

  it('an agency taking part names one of its active liaisons; the note is kept', () => {
    given([opened('union')])
      .when(cmd('AssignHandler', { userId: zhang.userId, note: '熟悉该企业' }), assigning('union', zhang))
      .then([{ type: 'HandlerAssigned', data: { ...(assigned('union', zhang).data as object), note: '熟悉该企业' } as never }]);
  });

  it('reassigning names the person who handled it before', () => {
    given([opened('union'), assigned('union', zhang)])
      .when(cmd('AssignHandler', { userId: wang.userId }), assigning('union', wang))
      .then([assigned('union', wang, zhang)]);
  });

  it('H1.same: reassigning to the person handling it now is refused', () => {
    given([opened('union'), assigned('union', zhang)])
      .when(cmd('AssignHandler', { userId: zhang.userId }), assigning('union', zhang))
      .thenThrows('H1.same');
  });

  it('each agency has its own: the procuratorate names its handler beside the union’s, and the union’s stays', () => {
    const li = liaison('procuratorate', '李检察官');
    const history = [opened('union'), leadTransferred('union', 'procuratorate'), assigned('union', zhang)];
    const [event] = given(history)
      .when(cmd('AssignHandler', { userId: li.userId }), assigning('procuratorate', li, ['union', 'procuratorate']))
      .then([assigned('procuratorate', li)]);
    const state = stateOf([...history, event!]) as OpenedCase;
    expect(state.handlers).toEqual({
      union: { userId: zhang.userId, displayName: '张承办' },
      procuratorate: { userId: li.userId, displayName: '李检察官' },
    });
  });

  it('H1.participant: an agency that takes no part in the case assigns no handler of it', () => {
    const li = liaison('court', '李法官');
    given([opened('union')])
      .when(cmd('AssignHandler', { userId: li.userId }), assigning('court', li, ['union']))
      .thenThrows('H1.participant');
    // Without what the service read, the decider cannot tell: refused the same way.
    given([opened('union')])
      .when(cmd('AssignHandler', { userId: li.userId }), ctx('court'))
      .thenThrows('H1.participant');
  });

  it('H1.user: the user must be one of the agency’s own (400 on userId)', () => {
    const error = given([opened('union')])
      .when(cmd('AssignHandler', { userId: id() }), assigning('union', null))
      .thenThrows('H1.user');
    expect(error.field).toBe('userId');
    // A user of another agency is no user of this one.
    const other = liaison('court', '李法官');
    given([opened('union')])
      .when(cmd('AssignHandler', { userId: other.userId }), assigning('union', other))
      .thenThrows('H1.user');
  });

  it('H1.active: a disabled account or a user who is not a liaison handles no case', () => {
    const gone = liaison('union', '赵离职', { disabled: true });
    given([opened('union')])
      .when(cmd('AssignHandler', { userId: gone.userId }), assigning('union', gone))
      .thenThrows('H1.active');
    const auditor = liaison('union', '钱审计', { roles: ['auditor'] });
    given([opened('union')])
      .when(cmd('AssignHandler', { userId: auditor.userId }), assigning('union', auditor))
      .thenThrows('H1.active');
  });

  it('CHAIN.closed: a closed case is not assigned', () => {
    given([opened('union'), feedbackGiven(), closed()])
      .when(cmd('AssignHandler', { userId: zhang.userId }), assigning('union', zhang))
      .thenThrows('CHAIN.closed');
  });

  it('is offered on an open case with the agency’s active liaisons but the one handling it as choices', () => {
    const gone = liaison('union', '赵离职', { disabled: true });
    const other = liaison('court', '李法官');
    const staff = [zhang, wang, gone, other];
    const offer = (history: CaseEvent[]) =>
      given(history)
        .offers({ agency: 'union', roles: ['liaison'] }, { staff })
        .find((c) => c.name === 'AssignHandler');
    expect(offer([opened('union')])?.choices).toEqual({
      userId: [
        { kind: 'user', value: zhang.userId, displayName: '张承办' },
        { kind: 'user', value: wang.userId, displayName: '王承办' },
      ],
    });
    expect(offer([opened('union'), assigned('union', zhang)])?.choices).toEqual({ userId: [{ kind: 'user', value: wang.userId, displayName: '王承办' }] });
    expect(offer([opened('union'), assigned('union', zhang), feedbackGiven(), closed()])).toBeUndefined();
    // Nobody left to choose: not offered.
    expect(given([opened('union'), assigned('union', zhang)]).offers({ agency: 'union', roles: ['liaison'] }, { staff: [zhang] })).not.toContainEqual(
      expect.objectContaining({ name: 'AssignHandler' }),
    );
  });

  it('evolve: a reopened case keeps its handlers', () => {
    const history = [opened('union'), assigned('union', zhang), feedbackGiven(), closed()];
    const reopened = evolve(stateOf(history), {
      type: 'CaseReopened',
      data: { reopenedBy: 'union', reason: '复发', workerFeedbackDueAt: new Date().toISOString() },
    });
    expect((reopened as OpenedCase).handlers['union']?.displayName).toBe('张承办');
  });
});
