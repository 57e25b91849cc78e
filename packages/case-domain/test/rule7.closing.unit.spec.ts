import { describe, it } from 'vitest';
import { cmd, ctx, feedbackGiven, id, leadTransferred, opened, rectificationOrdered } from './support/fixtures.js';
import { given } from './support/given.js';

const close = cmd('CloseCase', { resolution: 'rectified', amountRecoveredFen: 0, summary: '整改完毕，销号' });

describe('R7: a case closes only after feedback, answered leads and checked rectification', () => {
  const itemId = id();
  const base = [opened('union'), rectificationOrdered('union', [itemId])];
  const verified = { type: 'FollowUpDone' as const, data: { followUpId: id(), results: [{ itemId, verified: true, findings: '已全部体检' }] } };

  it('closes when all three hold', () => {
    given([...base, verified, feedbackGiven()])
      .when(close, ctx('union'))
      .then([
        { type: 'CaseClosed', data: { closedBy: 'union', resolution: 'rectified', amountRecoveredFen: 0, recoveredItems: [], summary: '整改完毕，销号' } },
      ]);
  });

  it('R7.feedback: not before the worker got feedback', () => {
    given([...base, verified])
      .when(close, ctx('union'))
      .thenThrows('R7.feedback');
  });

  it('R7.leads: not while a lead waits for an answer; a declined lead is answered', () => {
    const leadId = id();
    const pending = [...base, verified, feedbackGiven(), leadTransferred('union', 'procuratorate', leadId)];
    given(pending).when(close, ctx('union')).thenThrows('R7.leads');
    const acceptedOnly = [...pending, { type: 'LeadAccepted' as const, data: { leadId, acceptedBy: 'procuratorate' as const } }];
    given(acceptedOnly).when(close, ctx('union')).thenThrows('R7.leads');
    const declined = [...pending, { type: 'LeadDeclined' as const, data: { leadId, declinedBy: 'procuratorate' as const, reason: '不属管辖' } }];
    given(declined).when(close, ctx('union')).thenAppends({ type: 'CaseClosed' });
  });

  it('R7.rectification: not while an item is only reported, or failed its follow-up', () => {
    const reported = [...base, feedbackGiven(), { type: 'RectificationItemReported' as const, data: { itemId, summary: '已整改' } }];
    given(reported).when(close, ctx('union')).thenThrows('R7.rectification');
    const failed = [...reported, { type: 'FollowUpDone' as const, data: { followUpId: id(), results: [{ itemId, verified: false, findings: '未落实' }] } }];
    given(failed).when(close, ctx('union')).thenThrows('R7.rectification');
  });

  it('an item closed by a joint-meeting decision counts', () => {
    const decided = { type: 'RectificationItemDecided' as const, data: { itemId, meetingId: id(), decision: 'close' as const, note: '联席会议决定销项' } };
    given([...base, feedbackGiven(), decided])
      .when(close, ctx('union'))
      .thenAppends({ type: 'CaseClosed' });
    const escalated = { type: 'RectificationItemDecided' as const, data: { itemId, meetingId: id(), decision: 'escalate' as const, note: '升级督办' } };
    given([...base, feedbackGiven(), escalated])
      .when(close, ctx('union'))
      .thenThrows('R7.rectification');
  });
});
