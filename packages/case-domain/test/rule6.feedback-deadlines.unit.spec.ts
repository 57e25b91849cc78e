import { describe, expect, it } from 'vitest';
import { openDeadlines } from '../src/index.js';
import { cmd, ctx, days, EMPLOYERS, feedbackGiven, hours, id, leadTransferred, opened, T0 } from './support/fixtures.js';
import { given, stateOf } from './support/given.js';

describe('R6: the worker hears back within 24 hours; a lead gets feedback by its deadline', () => {
  it('opening a case sets the worker-feedback deadline from the policy', () => {
    const caseId = id();
    const open = cmd('OpenCase', {
      caseId,
      channel: 'hotline_12351',
      category: 'wage_arrears',
      summary: '拖欠工资',
      employers: [EMPLOYERS[0]!],
      workerCount: 1,
      workers: [],
      amountClaimedFen: 500_000,
      region: '330106',
    });
    given([])
      .when(open, ctx('union'))
      .thenAppends({
        type: 'CaseOpened',
        data: { caseId, openedBy: 'union', workerFeedbackDueAt: '2026-03-03T02:00:00.000Z' },
      });
  });

  it('a missed worker-feedback deadline shows as overdue to everyone until feedback is given', () => {
    const history = [opened('union')];
    expect(openDeadlines(stateOf(history), hours(1))).toMatchObject([{ kind: 'worker_feedback', agency: 'union', status: 'due_soon' }]);
    expect(openDeadlines(stateOf(history), hours(25))).toMatchObject([{ kind: 'worker_feedback', status: 'overdue' }]);
    expect(openDeadlines(stateOf(history), days(30))).toMatchObject([{ kind: 'worker_feedback', status: 'overdue' }]);
    expect(openDeadlines(stateOf([...history, feedbackGiven()]), days(30))).toEqual([]);
  });

  it('a lead carries the feedback deadline set on transfer', () => {
    const leadId = id();
    const due = days(10).toISOString();
    given([opened()])
      .when(cmd('TransferLead', { leadId, to: 'procuratorate', summary: '线索', feedbackDueAt: due }), ctx('union'))
      .then([{ type: 'LeadTransferred', data: { leadId, from: 'union', to: 'procuratorate', summary: '线索', feedbackDueAt: due } }]);
  });

  it('R6.lead-deadline: a lead cannot be sent with a deadline already past', () => {
    const transfer = (feedbackDueAt: string) => cmd('TransferLead', { leadId: id(), to: 'procuratorate', summary: '线索', feedbackDueAt });
    given([opened()])
      .when(transfer(hours(-1).toISOString()), ctx('union'))
      .thenThrows('R6.lead-deadline');
    given([opened()]).when(transfer(T0.toISOString()), ctx('union')).thenThrows('R6.lead-deadline');
  });

  it('a lead’s missed deadline stays visible, on the receiver, until it is answered or declined', () => {
    const leadId = id();
    const history = [opened(), feedbackGiven(), leadTransferred('union', 'procuratorate', leadId, days(14).toISOString())];
    expect(openDeadlines(stateOf(history), days(15))).toMatchObject([{ kind: 'lead_feedback', ref: leadId, agency: 'procuratorate', status: 'overdue' }]);
    const accepted = [...history, { type: 'LeadAccepted' as const, data: { leadId, acceptedBy: 'procuratorate' as const } }];
    expect(openDeadlines(stateOf(accepted), days(15))).toHaveLength(1);
    const answered = [...accepted, { type: 'LeadFeedbackGiven' as const, data: { leadId, givenBy: 'procuratorate' as const, summary: '已办结' } }];
    expect(openDeadlines(stateOf(answered), days(15))).toEqual([]);
    const declined = [...history, { type: 'LeadDeclined' as const, data: { leadId, declinedBy: 'procuratorate' as const, reason: '不属管辖' } }];
    expect(openDeadlines(stateOf(declined), days(15))).toEqual([]);
  });
});
