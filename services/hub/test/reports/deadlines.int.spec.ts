import { caseStream } from '@hub/case-domain';
import { describe, expect, it } from 'vitest';
import { cmd, id, openCase } from '../support/cases.js';
import { hubFixture } from '../support/fixture.js';
import { clockTo, close, deadlines, enterprise, feedback, monthly } from './steps.js';

const item = (itemId: string, deadline: string) => ({ itemId, description: '整改事项', deadline, responsibleParty: enterprise });

describe('deadlines met, per kind, in the month each falls due', () => {
  it('tells met on time from late, moves an extension decided in time, and keeps a deadline missed before its extension', async () => {
    const fx = await hubFixture(); // 2026-03-02T02:00Z
    const [d1, d2, lead, letterId] = [id(), id(), id(), id()];
    const [i1, i2, i3, i4] = [id(), id(), id(), id()];
    const meetingId = id();

    await fx.act('union', d1, openCase(d1)); // worker feedback due 2026-03-03T02:00Z
    await fx.act('union', d2, openCase(d2));
    await fx.act('union', d1, cmd('TransferLead', { leadId: lead, to: 'procuratorate', summary: '疑似欠薪', feedbackDueAt: '2026-03-10T02:00:00.000Z' }));
    await fx.act(
      'union',
      d1,
      cmd('IssueSupervisionLetter', {
        letterId,
        kind: 'reminder_letter',
        addressee: enterprise,
        summary: '提示',
        replyDueAt: '2026-03-20T02:00:00.000Z',
        urgent: false,
      }),
    );
    await fx.act(
      'union',
      d2,
      cmd('OrderRectification', {
        rectificationId: id(),
        items: [
          item(i1, '2026-03-15T02:00:00.000Z'),
          item(i2, '2026-03-16T02:00:00.000Z'),
          item(i3, '2026-03-25T02:00:00.000Z'),
          item(i4, '2026-03-05T02:00:00.000Z'),
        ],
      }),
    );

    clockTo(fx, '2026-03-02T03:00:00.000Z');
    await feedback(fx, 'union', d1); // on time
    await fx.act('procuratorate', d1, cmd('AcceptLead', { leadId: lead }));
    clockTo(fx, '2026-03-03T08:00:00.000Z');
    await feedback(fx, 'union', d2); // six hours late
    clockTo(fx, '2026-03-09T02:00:00.000Z');
    await fx.act('procuratorate', d1, cmd('GiveLeadFeedback', { leadId: lead, summary: '已立案审查' })); // on time
    await fx.act('union', d2, cmd('ReportRectificationItem', { itemId: i1, summary: '已完成' })); // on time
    clockTo(fx, '2026-03-10T02:00:00.000Z');
    // i4 fell due on 5 March and was missed; a meeting now gives it until 30 March.
    await fx.record('union', caseStream(d2), [
      { type: 'RectificationItemDecided', data: { itemId: i4, meetingId, decision: 'extend', newDeadline: '2026-03-30T02:00:00.000Z', note: '延期' } },
    ]);
    clockTo(fx, '2026-03-12T02:00:00.000Z');
    // i3 is not yet due (25 March): extended to 10 April, it falls due in April instead.
    await fx.record('union', caseStream(d2), [
      { type: 'RectificationItemDecided', data: { itemId: i3, meetingId, decision: 'extend', newDeadline: '2026-04-10T02:00:00.000Z', note: '延期' } },
    ]);
    // i1 was already reported in time: a later extension owes nothing new.
    await fx.record('union', caseStream(d2), [
      { type: 'RectificationItemDecided', data: { itemId: i1, meetingId, decision: 'extend', newDeadline: '2026-04-20T02:00:00.000Z', note: '延期' } },
    ]);
    clockTo(fx, '2026-03-18T02:00:00.000Z');
    await fx.act('union', d2, cmd('ReportRectificationItem', { itemId: i2, summary: '已完成' })); // two days late
    // The follow-up finds i2 not done: the work reopens, but its deadline was met (late) and stays so.
    await fx.act('union', d2, cmd('DoFollowUp', { followUpId: id(), results: [{ itemId: i2, verified: false, findings: '未整改到位' }] }));
    clockTo(fx, '2026-03-20T02:00:00.000Z');
    await fx.act('union', d2, cmd('ReportRectificationItem', { itemId: i4, summary: '已完成' })); // on time for its new deadline
    clockTo(fx, '2026-03-21T02:00:00.000Z');
    await fx.act('union', d1, cmd('ReplyToSupervisionLetter', { letterId, summary: '企业已回复' })); // a day late

    // d1 closes and is reopened: the worker is owed feedback again, 24 h later, and gets it in time.
    clockTo(fx, '2026-03-25T02:00:00.000Z');
    await close(fx, 'union', d1, 'withdrawn', 0);
    clockTo(fx, '2026-03-26T02:00:00.000Z');
    const reopened = await fx.act('union', d1, cmd('ReopenCase', { reason: '职工反映仍未支付' }));
    expect(reopened.events[0]).toMatchObject({ data: { workerFeedbackDueAt: '2026-03-27T02:00:00.000Z' } });
    clockTo(fx, '2026-03-26T05:00:00.000Z');
    await feedback(fx, 'union', d1);

    // [due, met on time, met late, not met]
    expect(deadlines(await monthly(fx, '2026-03'))).toEqual({
      worker_feedback: [3, 2, 1, 0], // d1, d2 (late), d1 after reopening
      lead_feedback: [1, 1, 0, 0],
      letter_reply: [1, 0, 1, 0],
      rectification_item: [4, 2, 1, 1], // i1, i2 (late), i4 as first due (missed), i4 as extended (met)
    });
    clockTo(fx, '2026-04-01T02:00:00.000Z'); // April has come: its report may be read
    expect(deadlines(await monthly(fx, '2026-04'))).toEqual({
      worker_feedback: [0, 0, 0, 0],
      lead_feedback: [0, 0, 0, 0],
      letter_reply: [0, 0, 0, 0],
      rectification_item: [1, 0, 0, 1], // i3, moved here and still open
    });
  });
});
