/**
 * 案号 through the agency service's API, on a real SQLite store: the open-case answer and the
 * case read carry the number; numbers run per agency and year with no gap, also when an opening
 * is refused or dies between the register and the case; old cases are numbered in opening order.
 */
import { randomUUID } from 'node:crypto';
import type { AppendOptions, EventData, EventStore } from '@hub/event-store';
import { describe, expect, it } from 'vitest';
import { numberOldCases } from '../../src/case-numbers/backfill.js';
import { caseNumberSettings, CaseNumberSettingError } from '../../src/case-numbers/pattern.js';
import { NumberRegister } from '../../src/register/index.js';
import { opened, storeGiven } from '../given.js';
import { testSigner } from '../register/support.js';
import { env, openCaseBody, streamOf } from '../support.js';

const year = Number(new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }));
const numberOf = (n: number, agency = '工', kind = '维') => `〔${year}〕浙0106${agency}${kind}字第${n}号`;

/** The store, except that the next `failures` appends to a case stream fail as a crash would leave them: not written. */
function failingCaseAppends(store: EventStore): { store: EventStore; fail(times: number): void } {
  let failures = 0;
  const proxy = new Proxy(store, {
    get(target, prop) {
      if (prop === 'append')
        return (stream: string, events: readonly EventData[], options?: AppendOptions) => {
          if (stream.startsWith('case-') && failures > 0) {
            failures--;
            return Promise.reject(new Error('simulated crash: the case append never reached the store'));
          }
          return target.append(stream, events, options);
        };
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: proxy, fail: (times) => (failures = times) };
}

describe('case numbers (案号) at the agency service', () => {
  it('given an agency, when it opens cases, then each answer and each case read carries the next number of the agency and year', async () => {
    const e = env();
    const union = await (await e.boot('union')).as(['liaison']);
    const first = await union('POST', '/api/cases', openCaseBody());
    const second = await union('POST', '/api/cases', openCaseBody({ channel: 'inspection' }));
    expect(first).toMatchObject({ status: 201, body: { caseNumber: numberOf(1), events: ['CaseOpened', 'CaseNumberAssigned'] } });
    expect(second.body.caseNumber).toBe(numberOf(2, '工', '督'));
    const read = await union('GET', `/api/cases/${first.body.caseId}`);
    expect(read.body).toMatchObject({ caseId: first.body.caseId, caseNumber: numberOf(1) });
    // The same case read at another agency's service (as a participant would) carries it as well.
    const court = await (await e.boot('court')).as(['auditor']);
    expect((await court('GET', `/api/cases/${first.body.caseId}`)).body.caseNumber).toBe(numberOf(1));
  });

  it('given two agencies, then each numbers from 1 in its own register', async () => {
    const e = env();
    const union = await (await e.boot('union')).as(['liaison']);
    const hr = await (await e.boot('hr_bureau')).as(['liaison']);
    await union('POST', '/api/cases', openCaseBody());
    await union('POST', '/api/cases', openCaseBody());
    expect((await hr('POST', '/api/cases', openCaseBody())).body.caseNumber).toBe(numberOf(1, '人'));
    expect((await union('POST', '/api/cases', openCaseBody())).body.caseNumber).toBe(numberOf(3));
  });

  it('given an opening refused (bad input, a role that may not open), then no number is issued and the next opening takes the next number', async () => {
    const e = env();
    const booted = await e.boot('union');
    const union = await booted.as(['liaison']);
    const auditor = await booted.as(['auditor']);
    expect((await union('POST', '/api/cases', openCaseBody())).body.caseNumber).toBe(numberOf(1));
    expect((await union('POST', '/api/cases', openCaseBody({ region: '990000' }))).status).toBe(400);
    expect((await union('POST', '/api/cases', openCaseBody({ employers: [{ name: '某公司', uscc: '91330106MA2KQ7T39X' }] }))).status).toBe(400);
    expect((await auditor('POST', '/api/cases', openCaseBody())).status).toBe(403);
    expect((await union('POST', '/api/cases', openCaseBody())).body.caseNumber).toBe(numberOf(2));
  });

  it('given 10 identical keyed openings in flight at once, then one case and one number', async () => {
    const e = env();
    const union = await (await e.boot('union')).as(['liaison']);
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => union('POST', '/api/cases', openCaseBody(), { 'idempotency-key': key })));
    expect(new Set(answers.map((a) => `${a.status} ${a.body.caseId} ${a.body.caseNumber}`))).toEqual(
      new Set([`201 ${answers[0]!.body.caseId} ${numberOf(1)}`]),
    );
    expect((await union('POST', '/api/cases', openCaseBody())).body.caseNumber).toBe(numberOf(2));
  });

  it('given an opening that died after its number was issued, when the client retries with its key, then the case opens with that number and the next case gets the next', async () => {
    const e = env();
    const failing = failingCaseAppends(e.store);
    const union = await (await e.boot('union', { store: failing.store })).as(['liaison']);
    const key = randomUUID();
    failing.fail(1);
    expect((await union('POST', '/api/cases', openCaseBody(), { 'idempotency-key': key })).status).toBe(500);
    const retried = await union('POST', '/api/cases', openCaseBody(), { 'idempotency-key': key });
    expect(retried).toMatchObject({ status: 201, body: { caseNumber: numberOf(1) } });
    expect((await streamOf(e.store, retried.body.caseId)).map((ev) => ev.type)).toEqual(['CaseOpened', 'CaseNumberAssigned']);
    expect((await union('POST', '/api/cases', openCaseBody())).body.caseNumber).toBe(numberOf(2));
  });

  it('given an opening that died after its number was issued and no retry, when the completer sweeps the register, then the case is opened from the register with that number, marked so', async () => {
    const e = env();
    const failing = failingCaseAppends(e.store);
    const booted = await e.boot('union', { store: failing.store, repairGraceMs: 0 });
    const union = await booted.as(['liaison']);
    failing.fail(1);
    expect((await union('POST', '/api/cases', openCaseBody())).status).toBe(500);
    // Meanwhile another case is opened: it takes number 2, number 1 is owed to the case that died.
    const next = await union('POST', '/api/cases', openCaseBody());
    expect(next.body.caseNumber).toBe(numberOf(2));

    const completed = await booted.service.openingCompleter.run();
    expect(completed).toEqual([{ caseId: expect.any(String), caseNumber: numberOf(1), sequence: 1, year }]);
    const events = await streamOf(e.store, completed[0]!.caseId);
    expect(events.map((ev) => ev.type)).toEqual(['CaseOpened', 'CaseNumberAssigned']);
    expect(events[1]!.metadata['completedBy']).toBe('register-completer');
    expect((await union('GET', `/api/cases/${completed[0]!.caseId}`)).body.caseNumber).toBe(numberOf(1));
    // Nothing left to complete, and the numbers 1..3 have their cases.
    expect(await booted.service.openingCompleter.run()).toEqual([]);
    expect((await union('POST', '/api/cases', openCaseBody())).body.caseNumber).toBe(numberOf(3));
  });

  it('given cases opened before numbering, when the one-off numbering runs, then they are numbered in opening order, once, and new cases follow them', async () => {
    const e = env();
    const signer = testSigner();
    const old = [randomUUID(), randomUUID(), randomUUID()];
    for (const caseId of old) await storeGiven(opened(caseId), { store: e.store, signer, now: new Date() });
    await storeGiven(opened(randomUUID(), 'court'), { store: e.store, signer, now: new Date() });
    const register = new NumberRegister({ store: e.store, agency: 'union', signer });
    const settings = caseNumberSettings('union', {});
    const numbered = await numberOldCases({ agency: 'union', store: e.store, signer, register, caseNumbers: settings });
    expect(numbered.map((n) => [n.caseId, n.caseNumber])).toEqual(old.map((caseId, i) => [caseId, numberOf(i + 1)]));
    const assigned = (await streamOf(e.store, old[0]!)).at(-1)!;
    expect(assigned).toMatchObject({ type: 'CaseNumberAssigned', metadata: { numberedAfterOpening: true, agency: 'union' } });
    expect(await numberOldCases({ agency: 'union', store: e.store, signer, register, caseNumbers: settings })).toEqual([]);
    // New openings continue after them.
    const union = await (await e.boot('union')).as(['liaison']);
    expect((await union('POST', '/api/cases', openCaseBody())).body.caseNumber).toBe(numberOf(4));
  });

  it('given a bad CASE_NUMBER_PATTERN, then the service does not start', async () => {
    const e = env();
    const before = process.env['CASE_NUMBER_PATTERN'];
    process.env['CASE_NUMBER_PATTERN'] = '〔{year}〕第{seq}号';
    try {
      await expect(e.boot('union')).rejects.toThrow(CaseNumberSettingError);
    } finally {
      if (before === undefined) delete process.env['CASE_NUMBER_PATTERN'];
      else process.env['CASE_NUMBER_PATTERN'] = before;
    }
  });
});
