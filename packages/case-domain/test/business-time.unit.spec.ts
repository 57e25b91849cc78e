import type { CaseEvent } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { actTimesStep, DEFAULT_CLOCK_SKEW_MS, noActTimes, type ActTimes, type DecisionContext } from '../src/index.js';
import {
  arbitrationAccepted,
  arbitrationApplied,
  cmd,
  ctx,
  days,
  EMPLOYERS,
  hours,
  id,
  leadTransferred,
  opened,
  rectificationOrdered,
  T0,
} from './support/fixtures.js';
import { given } from './support/given.js';

/** The act times of a history whose events happened at the given instants. */
const timesOf = (history: readonly [CaseEvent, Date][]): ActTimes => history.reduce((t, [e, at]) => actTimesStep(t, e, at.toISOString()), noActTimes);

/** A context whose service clock reads `now`, for an act that says it happened at `occurredAt`. */
const at = (agency: Parameters<typeof ctx>[0], now: Date, occurredAt: Date, actTimes?: ActTimes): DecisionContext => ({
  ...ctx(agency, now),
  occurredAt,
  ...(actTimes ? { actTimes } : {}),
});

const openCase = () =>
  cmd('OpenCase', {
    caseId: id(),
    channel: 'hotline_12351',
    category: 'wage_arrears',
    summary: '电话反映拖欠工资',
    employers: [EMPLOYERS[0]!],
    workerCount: 1,
    workers: [],
    amountClaimedFen: 500_000,
    region: '330106',
  });

describe('T1: an act says when it happened (补录), within bounds', () => {
  it('T1.future: an act cannot say it happened later than now, beyond the clock skew', () => {
    given([])
      .when(openCase(), at('union', T0, new Date(T0.getTime() + DEFAULT_CLOCK_SKEW_MS + 1000)))
      .thenThrows('T1.future');
    // Within the skew between two machines' clocks it is taken as given.
    given([])
      .when(openCase(), at('union', T0, new Date(T0.getTime() + DEFAULT_CLOCK_SKEW_MS - 1000)))
      .thenAppends({ type: 'CaseOpened' });
    // The skew is a setting: with none, a second ahead is the future.
    given([])
      .when(openCase(), { ...at('union', T0, new Date(T0.getTime() + 1000)), clockSkewMs: 0 })
      .thenThrows('T1.future');
  });

  it('the refusal names the field, both times in Beijing time as Chinese dates, and what to do', () => {
    const refusal = given([])
      .when(openCase(), at('union', T0, hours(2)))
      .thenThrows('T1.future');
    expect(refusal.field).toBe('occurredAt');
    expect(refusal.message).toBe('发生时间不能晚于当前时间（所填为2026年3月2日 12:00，现在是2026年3月2日 10:00），请把发生时间改为现在或以前');
  });

  it('T1.before-opened: an act cannot have happened before the case was opened', () => {
    const case1 = opened();
    const times = timesOf([[case1, T0]]);
    const feedback = cmd('GiveWorkerFeedback', { channel: 'phone', summary: '电话告知职工受理情况' });
    given([case1])
      .when(feedback, at('union', hours(5), hours(-1), times))
      .thenThrows('T1.before-opened');
    given([case1])
      .when(feedback, at('union', hours(5), hours(1), times))
      .thenAppends({ type: 'WorkerFeedbackGiven' });
  });

  it('T1.before-answered: an act cannot have happened before the act it answers', () => {
    const case1 = opened();
    const leadId = id();
    const history: [CaseEvent, Date][] = [
      [case1, T0],
      [leadTransferred('union', 'procuratorate', leadId), hours(3)],
    ];
    const accept = cmd('AcceptLead', { leadId, note: '已立案审查' });
    given(history.map(([e]) => e))
      .when(accept, at('procuratorate', hours(8), hours(2), timesOf(history)))
      .thenThrows('T1.before-answered');
    given(history.map(([e]) => e))
      .when(accept, at('procuratorate', hours(8), hours(4), timesOf(history)))
      .thenAppends({ type: 'LeadAccepted', data: { leadId } });
  });

  it('T1.before-answered: a follow-up cannot check an item before it was ordered', () => {
    const itemId = id();
    const history: [CaseEvent, Date][] = [
      [opened(), T0],
      [rectificationOrdered('procuratorate', [itemId]), days(2)],
    ];
    const followUp = cmd('DoFollowUp', { followUpId: id(), results: [{ itemId, verified: true, findings: '已整改' }] });
    given(history.map(([e]) => e))
      .when(followUp, at('procuratorate', days(3), days(1), timesOf(history)))
      .thenThrows('T1.before-answered');
  });

  it('an act recorded later sets its deadlines from when it happened, not from when it was recorded', () => {
    // The call came in at T0; it is recorded five hours later: the worker is owed feedback 24 h after the call.
    given([])
      .when(openCase(), at('union', hours(5), T0))
      .thenAppends({ type: 'CaseOpened', data: { workerFeedbackDueAt: hours(24).toISOString() } });
  });

  it('"before it ended" is judged by when the act happened: an extension decided in time but recorded late stands', () => {
    const arbitrationId = id();
    const conclusionDue = days(45);
    const history = [opened(), arbitrationApplied(arbitrationId), arbitrationAccepted(arbitrationId, conclusionDue.toISOString())];
    const extend = cmd('ExtendArbitration', { arbitrationId, reason: '案情复杂' });
    // Decided the day before the period ended, recorded two days later.
    given(history)
      .when(extend, at('hr_bureau', days(47), days(44)))
      .thenAppends({ type: 'ArbitrationExtended' });
    // Decided after it ended: refused, whenever it is recorded.
    given(history)
      .when(extend, at('hr_bureau', days(47), days(46)))
      .thenThrows('R8.extend-before-due');
  });

  it('without occurredAt an act happened when it is decided, as before', () => {
    given([])
      .when(openCase(), ctx('union', hours(5)))
      .thenAppends({ type: 'CaseOpened', data: { workerFeedbackDueAt: hours(29).toISOString() } });
  });

  it('the act times keep the opening and the first act on each thing', () => {
    const leadId = id();
    const itemId = id();
    const times = timesOf([
      [opened(), T0],
      [leadTransferred('union', 'procuratorate', leadId), hours(1)],
      [{ type: 'LeadAccepted', data: { leadId, acceptedBy: 'procuratorate' } }, hours(2)],
      [rectificationOrdered('procuratorate', [itemId]), hours(3)],
    ]);
    expect(times.opened).toBe(T0.toISOString());
    expect(times.refs[leadId]).toBe(hours(1).toISOString());
    expect(times.refs[itemId]).toBe(hours(3).toISOString());
  });
});
