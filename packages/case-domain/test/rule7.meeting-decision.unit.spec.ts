import { describe, it } from 'vitest';
import type { MeetingRecord } from '../src/index.js';
import { cmd, ctx, days, id, opened, rectificationOrdered } from './support/fixtures.js';
import { given } from './support/given.js';

describe('R7.meeting-decision: a case records only what the joint meeting decided', () => {
  const itemId = id();
  const meetingId = id();
  const caseOpened = opened('union');
  const caseId = caseOpened.data.caseId;
  const history = [caseOpened, rectificationOrdered('union', [itemId])];
  const newDeadline = days(60).toISOString();
  const held: MeetingRecord = { meetingId, decisions: [{ caseId, itemId, decision: 'extend', newDeadline, note: '延期两个月' }] };
  const secretary = (meeting?: MeetingRecord) => ({ ...ctx('union', undefined, undefined, ['secretary']), ...(meeting ? { meeting } : {}) });
  const extend = (deadline: string, meeting = meetingId) =>
    cmd('RecordMeetingDecision', { itemId, meetingId: meeting, decision: 'extend', newDeadline: deadline, note: '按会议纪要延期' });

  it('records the decision the meeting took, whatever the note says', () => {
    given(history)
      .when(extend(newDeadline), secretary(held))
      .thenAppends({ type: 'RectificationItemDecided', data: { meetingId, decision: 'extend', newDeadline } });
  });

  it('an equal instant written differently is the same deadline', () => {
    given(history)
      .when(extend(newDeadline.replace('.000Z', 'Z')), secretary(held))
      .thenAppends({ type: 'RectificationItemDecided' });
  });

  it('refuses a meeting that was not held, or not consulted', () => {
    given(history)
      .when(extend(newDeadline), secretary({ meetingId, decisions: null }))
      .thenThrows('R7.meeting-decision');
    given(history).when(extend(newDeadline), secretary()).thenThrows('R7.meeting-decision');
    given(history).when(extend(newDeadline, id()), secretary(held)).thenThrows('R7.meeting-decision');
  });

  it('refuses another decision, deadline, item or case than the meeting took', () => {
    given(history)
      .when(extend(days(61).toISOString()), secretary(held))
      .thenThrows('R7.meeting-decision');
    given(history)
      .when(cmd('RecordMeetingDecision', { itemId, meetingId, decision: 'close', note: '销项' }), secretary(held))
      .thenThrows('R7.meeting-decision');
    const otherItem = { meetingId, decisions: [{ caseId, itemId: id(), decision: 'extend' as const, newDeadline, note: '延期' }] };
    given(history).when(extend(newDeadline), secretary(otherItem)).thenThrows('R7.meeting-decision');
    const otherCase = { meetingId, decisions: [{ caseId: id(), itemId, decision: 'extend' as const, newDeadline, note: '延期' }] };
    given(history).when(extend(newDeadline), secretary(otherCase)).thenThrows('R7.meeting-decision');
  });

  it('an item no longer open is refused as before, meeting or not', () => {
    const closed = { type: 'RectificationItemDecided' as const, data: { itemId, meetingId: id(), decision: 'close' as const, note: '销项' } };
    given([...history, closed])
      .when(extend(newDeadline), secretary(held))
      .thenThrows('CHAIN.item-state');
  });
});
