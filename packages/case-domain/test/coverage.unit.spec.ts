import { readdirSync, readFileSync } from 'node:fs';
import { commandNames } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { meetingCommandNames, refusalAdvice, ruleBook, ruleIds, violation } from '../src/index.js';

const specs = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.spec.ts') && f !== 'coverage.unit.spec.ts')
  .map((f) => readFileSync(new URL(f, import.meta.url), 'utf8'))
  .join('\n');

describe('the rule book', () => {
  it('has a refused-path spec for every rule id', () => {
    // thenThrows('meeting.host', 403): the meeting specs also name the status.
    const untested = ruleIds.filter((ruleId) => !specs.includes(`thenThrows('${ruleId}')`) && !specs.includes(`thenThrows('${ruleId}', `));
    expect(untested).toEqual([]);
  });

  it('has a spec issuing every command, of the case decider and of the meeting decider', () => {
    expect(commandNames.filter((name) => !specs.includes(`cmd('${name}'`))).toEqual([]);
    expect(meetingCommandNames.filter((name) => !specs.includes(`meetingCmd('${name}'`))).toEqual([]);
  });

  it('words every rule and what to do about it in both languages, and builds a 409 from it', () => {
    for (const ruleId of ruleIds) {
      expect(ruleBook[ruleId].zh).toMatch(/\p{Script=Han}/u);
      expect(ruleBook[ruleId].en).toMatch(/^[A-Z]/);
      expect(refusalAdvice[ruleId].zh).toMatch(/\p{Script=Han}/u);
      expect(refusalAdvice[ruleId].en).toMatch(/^[A-Z].*\.$/);
    }
    const error = violation('R2.once', { zh: '线索 L-1', en: 'lead L-1' });
    expect(error).toMatchObject({
      ruleId: 'R2.once',
      status: 409,
      message: '线索只能接收或退回一次（线索 L-1），该线索已处理，无需再次办理',
      messageEn: 'A lead is accepted or declined once (lead L-1). The lead was already dealt with; nothing more to do.',
    });
  });
});
