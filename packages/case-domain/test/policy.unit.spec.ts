import { describe, expect, it } from 'vitest';
import { deadlineFrom, defaultPolicy, loadDeadlinePolicy, PolicyError, prcHolidays2026 } from '../src/index.js';

const withCalendar = { ...defaultPolicy, calendar: prcHolidays2026 };

describe('the default policy (rule 8)', () => {
  it('holds the defaults DOMAIN.md gives', () => {
    expect(defaultPolicy.workerFeedback).toEqual({ amount: 24, unit: 'hours' });
    expect(defaultPolicy.procuratorialReply).toEqual({ amount: 2, unit: 'months' });
    expect(defaultPolicy.procuratorialReplyUrgent).toEqual({ amount: 15, unit: 'calendar_days' });
    expect(defaultPolicy.arbitrationAcceptance).toEqual({ amount: 5, unit: 'calendar_days' });
    expect(defaultPolicy.arbitrationConclusion).toEqual({ amount: 45, unit: 'calendar_days' });
    expect(defaultPolicy.arbitrationExtension).toEqual({ amount: 15, unit: 'calendar_days' });
    expect(defaultPolicy.dueSoonDays).toBe(3);
  });
});

describe('deadlineFrom', () => {
  it('counts hours from the instant', () => {
    expect(deadlineFrom(new Date('2026-03-02T02:00:00Z'), defaultPolicy.workerFeedback, defaultPolicy).toISOString()).toBe('2026-03-03T02:00:00.000Z');
  });

  it('counts days from the next Shanghai day and ends at the close of the last', () => {
    // Applied Monday 2 March 10:00 Shanghai: 5 days end Saturday 7 March → rolls to Monday 9 March.
    expect(deadlineFrom(new Date('2026-03-02T02:00:00Z'), defaultPolicy.arbitrationAcceptance, defaultPolicy).toISOString()).toBe('2026-03-09T15:59:59.999Z');
    const noRoll = { ...defaultPolicy, rollOverRestDays: false };
    expect(deadlineFrom(new Date('2026-03-02T02:00:00Z'), defaultPolicy.arbitrationAcceptance, noRoll).toISOString()).toBe('2026-03-07T15:59:59.999Z');
  });

  it('moves a period ending in the National Day week to the first working day after it', () => {
    const applied = new Date('2026-09-28T02:00:00Z'); // Monday; + 5 days = 3 October
    expect(deadlineFrom(applied, defaultPolicy.arbitrationAcceptance, withCalendar).toISOString()).toBe('2026-10-08T15:59:59.999Z');
  });

  it('counts months to the corresponding day, clamped, then past rest days', () => {
    expect(deadlineFrom(new Date('2026-03-09T02:00:00Z'), defaultPolicy.procuratorialReply, withCalendar).toISOString()).toBe(
      '2026-05-09T15:59:59.999Z', // a Saturday worked in 2026
    );
    expect(deadlineFrom(new Date('2026-03-31T02:00:00Z'), defaultPolicy.procuratorialReply, withCalendar).toISOString()).toBe(
      '2026-06-01T15:59:59.999Z', // 31 May is a Sunday
    );
    expect(deadlineFrom(new Date('2025-12-31T02:00:00Z'), { amount: 2, unit: 'months' }, { ...withCalendar, rollOverRestDays: false }).toISOString()).toBe(
      '2026-02-28T15:59:59.999Z',
    );
  });

  it('counts working days on the calendar', () => {
    expect(deadlineFrom(new Date('2026-09-30T02:00:00Z'), { amount: 15, unit: 'working_days' }, withCalendar).toISOString()).toBe(
      '2026-10-27T15:59:59.999Z', // 10/8, 9, 10 (Sat, worked), then 12 more
    );
  });
});

describe('loading a deployment policy', () => {
  it('overrides what it names and keeps the rest', () => {
    const policy = loadDeadlinePolicy({ workerFeedback: { amount: 2, unit: 'working_days' }, dueSoonDays: 5 }, prcHolidays2026);
    expect(policy.workerFeedback).toEqual({ amount: 2, unit: 'working_days' });
    expect(policy.dueSoonDays).toBe(5);
    expect(policy.arbitrationConclusion).toEqual(defaultPolicy.arbitrationConclusion);
    expect(policy.calendar).toBe(prcHolidays2026);
  });

  it('refuses what it does not understand', () => {
    expect(() => loadDeadlinePolicy({ workerFeedbak: { amount: 24, unit: 'hours' } })).toThrow(PolicyError);
    expect(() => loadDeadlinePolicy({ workerFeedback: { amount: 24, unit: 'weeks' } })).toThrow(/unit/);
    expect(() => loadDeadlinePolicy({ workerFeedback: { amount: -1, unit: 'hours' } })).toThrow(/amount/);
    expect(() => loadDeadlinePolicy({ dueSoonDays: 1.5 })).toThrow(/dueSoonDays/);
    expect(() => loadDeadlinePolicy({ rollOverRestDays: 'yes' })).toThrow(/rollOverRestDays/);
    expect(() => loadDeadlinePolicy('24h')).toThrow(PolicyError);
  });
});
