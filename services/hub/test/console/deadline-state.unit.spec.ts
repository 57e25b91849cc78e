import { describe, expect, it } from 'vitest';
import { deadlineState, deadlineStateWords, itemDeadlineState } from '../../console/src/components/deadlineState.js';

describe('one word for where a deadline stands (console)', () => {
  it('given an open deadline, its state is its status as of now', () => {
    expect(deadlineState({ status: 'overdue', met: false })).toBe('overdue');
    expect(deadlineState({ status: 'due_soon' })).toBe('due_soon');
  });

  it('given a deadline met after it was due, its state is met late (逾期完成) with no ✓ and never the words of met on time', () => {
    const state = deadlineState({ status: null, met: true, late: true });
    expect(state).toBe('late');
    expect(deadlineStateWords.late.label.zh).toBe('逾期完成');
    expect(deadlineStateWords.late.mark).not.toBe('✓');
    expect(deadlineStateWords.late.label).not.toEqual(deadlineStateWords.met.label);
  });

  it('given a deadline met in time, its state is met (按期完成); given nothing known, none', () => {
    expect(deadlineState({ status: null, met: true, late: false })).toBe('met');
    expect(deadlineStateWords.met.label.zh).toBe('按期完成');
    expect(deadlineState({ status: null })).toBeNull();
  });

  it('given rectification items, open ones keep their status and reported ones are met on time or late', () => {
    expect(itemDeadlineState({ deadlineStatus: 'due_today', met: null })).toBe('due_today');
    expect(itemDeadlineState({ deadlineStatus: null, met: { late: true } })).toBe('late');
    expect(itemDeadlineState({ deadlineStatus: null, met: { late: false } })).toBe('met');
    // Closed by a meeting without a report: no claim either way.
    expect(itemDeadlineState({ deadlineStatus: null, met: null })).toBeNull();
  });
});
