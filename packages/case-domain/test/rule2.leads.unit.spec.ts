import { describe, it } from 'vitest';
import { cmd, ctx, id, leadTransferred, opened } from './support/fixtures.js';
import { given } from './support/given.js';

describe('R2: a lead is accepted or declined only by the agency it was sent to, once', () => {
  const leadId = id();
  const history = [opened('union'), leadTransferred('union', 'procuratorate', leadId)];
  const accept = cmd('AcceptLead', { leadId, note: '已立案审查' });
  const decline = cmd('DeclineLead', { leadId, reason: '不属于检察监督范围' });

  it('the receiver accepts', () => {
    given(history)
      .when(accept, ctx('procuratorate'))
      .then([{ type: 'LeadAccepted', data: { leadId, acceptedBy: 'procuratorate', note: '已立案审查' } }]);
  });

  it('the receiver declines, with a reason', () => {
    given(history)
      .when(decline, ctx('procuratorate'))
      .then([{ type: 'LeadDeclined', data: { leadId, declinedBy: 'procuratorate', reason: '不属于检察监督范围' } }]);
  });

  it('R2.receiver: no one else accepts or declines, not even the sender', () => {
    for (const agency of ['union', 'hr_bureau', 'court'] as const) {
      given(history).when(accept, ctx(agency)).thenThrows('R2.receiver');
      given(history).when(decline, ctx(agency)).thenThrows('R2.receiver');
    }
  });

  it('R2.once: not twice, and not one after the other', () => {
    const accepted = [...history, { type: 'LeadAccepted' as const, data: { leadId, acceptedBy: 'procuratorate' as const } }];
    given(accepted).when(accept, ctx('procuratorate')).thenThrows('R2.once');
    given(accepted).when(decline, ctx('procuratorate')).thenThrows('R2.once');
    const declined = [...history, { type: 'LeadDeclined' as const, data: { leadId, declinedBy: 'procuratorate' as const, reason: '重复线索' } }];
    given(declined).when(accept, ctx('procuratorate')).thenThrows('R2.once');
  });

  it('feedback goes back from the receiver, after accepting', () => {
    const feedback = cmd('GiveLeadFeedback', { leadId, summary: '已发出检察建议' });
    const accepted = [...history, { type: 'LeadAccepted' as const, data: { leadId, acceptedBy: 'procuratorate' as const } }];
    given(accepted)
      .when(feedback, ctx('procuratorate'))
      .then([{ type: 'LeadFeedbackGiven', data: { leadId, givenBy: 'procuratorate', summary: '已发出检察建议' } }]);
    given(accepted).when(feedback, ctx('union')).thenThrows('R2.receiver');
    given(history).when(feedback, ctx('procuratorate')).thenThrows('CHAIN.lead-not-accepted');
  });

  it('a lead never transferred cannot be accepted', () => {
    given([opened()]).when(accept, ctx('procuratorate')).thenThrows('CHAIN.unknown-ref');
  });
});
