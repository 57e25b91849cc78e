import { describe, expect, it } from 'vitest';
import { caseDeadlines, deadlineStatus, openDeadlines } from '../src/index.js';
import { arbitrationApplied, closed, days, feedbackGiven, id, opened, rectificationOrdered } from './support/fixtures.js';
import { stateOf } from './support/given.js';

describe('deadlineStatus', () => {
  const due = '2026-11-23T15:59:59.999Z'; // end of 23 November in Shanghai

  it('is due today on the deadline’s Shanghai day, even before UTC midnight', () => {
    expect(deadlineStatus(due, new Date('2026-11-22T16:30:00Z'))).toBe('due_today');
    expect(deadlineStatus(due, new Date('2026-11-23T15:59:59.999Z'))).toBe('due_today');
  });

  it('is overdue the moment the instant has passed', () => {
    expect(deadlineStatus(due, new Date('2026-11-23T16:00:00Z'))).toBe('overdue');
    expect(deadlineStatus('2026-11-23T02:00:00Z', new Date('2026-11-23T03:00:00Z'))).toBe('overdue');
  });

  it('is due soon within three Shanghai days, pending before; the window is configurable', () => {
    expect(deadlineStatus(due, new Date('2026-11-22T15:59:59Z'))).toBe('due_soon'); // 22 Nov in Shanghai
    expect(deadlineStatus(due, new Date('2026-11-20T00:00:00Z'))).toBe('due_soon'); // 3 days
    expect(deadlineStatus(due, new Date('2026-11-19T15:59:59Z'))).toBe('pending'); // 4 days
    expect(deadlineStatus(due, new Date('2026-11-19T15:59:59Z'), 5)).toBe('due_soon');
    expect(deadlineStatus(due, new Date('2026-11-21T00:00:00Z'), 0)).toBe('pending');
  });
});

describe('openDeadlines', () => {
  it('lists what is still owed, earliest first, with who must act', () => {
    const itemId = id();
    const arbitrationId = id();
    const letterId = id();
    const history = [
      opened('union'),
      rectificationOrdered('procuratorate', [itemId], days(30).toISOString()),
      arbitrationApplied(arbitrationId),
      {
        type: 'SupervisionLetterIssued' as const,
        data: {
          letterId,
          kind: 'procuratorial_recommendation' as const,
          issuedBy: 'procuratorate' as const,
          addressee: { kind: 'agency' as const, name: '某区人社局', agencyId: 'hr_bureau' as const },
          summary: '检察建议',
          replyDueAt: days(60).toISOString(),
          urgent: false,
        },
      },
    ];
    const list = openDeadlines(stateOf(history), days(2));
    expect(list.map((d) => [d.kind, d.agency, d.status])).toEqual([
      ['worker_feedback', 'union', 'overdue'],
      ['arbitration_acceptance', 'hr_bureau', 'due_soon'],
      ['rectification_item', 'procuratorate', 'pending'],
      ['letter_reply', 'hr_bureau', 'pending'],
    ]);
    expect(list[2]).toMatchObject({ ref: itemId, party: '某危化品物流有限公司甲' });
    expect(list[3]).not.toHaveProperty('party');
  });

  it('keeps every deadline, met or not, for reports', () => {
    const all = caseDeadlines(stateOf([opened(), feedbackGiven()]));
    expect(all).toMatchObject([{ kind: 'worker_feedback', met: true }]);
    expect(caseDeadlines(stateOf([]))).toEqual([]);
  });

  it('does not drop an unanswered letter when the case closes', () => {
    const letterId = id();
    const history = [
      opened(),
      {
        type: 'SupervisionLetterIssued' as const,
        data: {
          letterId,
          kind: 'reminder_letter' as const,
          issuedBy: 'union' as const,
          addressee: { kind: 'enterprise' as const, name: '某公司' },
          summary: '提示',
          replyDueAt: days(10).toISOString(),
          urgent: false,
        },
      },
      feedbackGiven(),
      closed(),
    ];
    expect(openDeadlines(stateOf(history), days(11))).toMatchObject([
      { kind: 'letter_reply', ref: letterId, agency: 'union', party: '某公司', status: 'overdue' },
    ]);
  });

  it('shows an agreement’s fulfilment date to its mediator until fulfilled', () => {
    const mediationId = id();
    const signed = [
      opened(),
      feedbackGiven(),
      { type: 'MediationStarted' as const, data: { mediationId, mediator: 'union' as const, delegated: false } },
      {
        type: 'MediationAgreementSigned' as const,
        data: {
          mediationId,
          amountAgreedFen: 100,
          agreedItems: [{ kind: 'wages' as const, amountFen: 100 }],
          terms: '月底前付清',
          fulfilmentDueAt: days(20).toISOString(),
        },
      },
    ];
    expect(openDeadlines(stateOf(signed), days(21))).toMatchObject([{ kind: 'agreement_fulfilment', agency: 'union', status: 'overdue' }]);
    const paid = [...signed, { type: 'MediationAgreementFulfilled' as const, data: { mediationId, amountPaidFen: 100 } }];
    expect(openDeadlines(stateOf(paid), days(21))).toEqual([]);
  });
});
