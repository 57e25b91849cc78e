import { describe, expect, it } from 'vitest';
import { NotOwnAct, refusalStatus, ruleIds, violation } from '../src/index.js';

describe('the rule book gives each refusal its status', () => {
  it('403 for who asks, 400 for the body alone, 409 for every other rule', () => {
    const statuses = Object.fromEntries(ruleIds.filter((id) => refusalStatus(id) !== 409).map((id) => [id, refusalStatus(id)]));
    expect(statuses).toEqual({
      R1: 403,
      'H1.participant': 403,
      'H1.user': 400,
      'meeting.host': 403,
      'meeting.agenda': 400,
      'meeting.joint': 400,
      'T1.future': 400,
      'T1.before-opened': 400,
      'T1.before-answered': 400,
    });
  });

  it('is the status a violation and rule 1 carry', () => {
    expect(violation('meeting.joint', undefined, { field: 'attendees.agencies' })).toMatchObject({ status: 400, field: 'attendees.agencies' });
    expect(violation('meeting.host').status).toBe(403);
    expect(violation('CHAIN.closed').status).toBe(409);
    expect(new NotOwnAct({ zh: '甲', en: 'a' }).status).toBe(403);
  });
});
