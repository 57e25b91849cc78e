import { describe, expect, it } from 'vitest';
import { ruleIds, worded } from '../src/index.js';
import { cmd, ctx, days, EMPLOYERS, id, opened, T0 } from './support/fixtures.js';
import { given } from './support/given.js';
import { plainWordsProblems } from './support/plainWords.js';

/**
 * Issue 14.2: refusals in plain words that say what to do. Every rule's own refusal is checked
 * here; every refusal a decider spec provokes (with its details: dates, amounts, names) is checked
 * by given().thenThrows and givenMeeting().thenThrows, and every refusal the availability walks
 * meet by available.consistency.unit.spec.ts — the coverage spec makes sure each rule id has one.
 */
describe('refusals in plain words', () => {
  it('given every rule in the rule book, when it refuses without details, then its zh message has no ISO date, rule id or field key, and says what to do', () => {
    const problems = ruleIds.flatMap((ruleId) => plainWordsProblems(worded(ruleId).zh).map((p) => `${ruleId}: ${p}`));
    expect(ruleIds.length).toBeGreaterThan(60);
    expect(problems).toEqual([]);
  });

  it('given the checker, when a message carries an ISO time, a rule id or a field key, then it says so', () => {
    expect(plainWordsProblems('反馈期限须晚于 2026-03-01T00:00:00.000Z，请重新选择')).toContain(
      'an ISO date in 「反馈期限须晚于 2026-03-01T00:00:00.000Z，请重新选择」',
    );
    expect(plainWordsProblems('违反规则 R8.statutory-deadline，请重新填写').some((p) => p.startsWith('a rule id'))).toBe(true);
    expect(plainWordsProblems('replyDueAt 有误，请重新填写').some((p) => p.startsWith('an English word'))).toBe(true);
    expect(plainWordsProblems('反馈期限须晚于今天（2026年12月7日），请重新选择')).toEqual([]);
  });

  it('given a lead whose feedback deadline has passed, when it is transferred, then the refusal names both days in Chinese and asks for another', () => {
    const refusal = given([opened()])
      .when(cmd('TransferLead', { leadId: id(), to: 'procuratorate', summary: '线索', feedbackDueAt: days(-2).toISOString() }), ctx('union', T0))
      .thenThrows('R6.lead-deadline');
    expect(refusal.message).toBe('移送线索须写明未到期的反馈期限（所选为2026年2月28日，今天是2026年3月2日），请重新选择反馈期限');
    expect(refusal.ruleId).toBe('R6.lead-deadline');
  });

  it('given a 检察建议 with a reply deadline of its own, when it is issued, then the refusal gives the statutory day and says to leave it out', () => {
    const refusal = given([opened()])
      .when(
        cmd('IssueSupervisionLetter', {
          letterId: id(),
          kind: 'procuratorial_recommendation',
          addressee: { kind: 'enterprise', name: EMPLOYERS[0]!.name, uscc: EMPLOYERS[0]!.uscc },
          summary: '检察建议',
          replyDueAt: days(10).toISOString(),
          urgent: false,
        }),
        ctx('procuratorate', T0),
      )
      .thenThrows('R8.statutory-deadline');
    expect(refusal.message).toBe('检察建议的回复期限由规定确定，不可自行填写（按规定为2026年5月4日），请不要填写回复期限，系统会按规定计算');
  });
});
