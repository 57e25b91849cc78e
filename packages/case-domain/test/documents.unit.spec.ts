import { mayRecord, parseEventData, type AgencyId, type CaseEvent } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { attachDocument, RuleViolation, type AttachDocumentData, type RuleId } from '../src/index.js';
import { id, opened, sealed, workerRef } from './support/fixtures.js';
import { stateOf } from './support/given.js';

const SHA = 'ab'.repeat(32);
const file = (overrides: Partial<AttachDocumentData> = {}): AttachDocumentData => ({
  documentId: id(),
  kind: 'evidence',
  fileName: '工资表.xlsx',
  mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  size: 1234,
  sha256: SHA,
  ...overrides,
});

/** given(history, with the stream's event ids).whenAttaching(data, by).then / thenThrows, as the decider specs read. */
function given(history: readonly (CaseEvent & { id?: string })[]) {
  const events = new Map(history.filter((e) => e.id !== undefined).map((e) => [e.id!, e.type]));
  return {
    whenAttaching(data: AttachDocumentData, agency: AgencyId) {
      const run = () => attachDocument(data, stateOf(history), { events }, { agency });
      return {
        then(expected: CaseEvent[]) {
          const decided = run();
          expect(decided).toEqual(expected);
          for (const e of decided) {
            expect(parseEventData(e.type, e.data)).toEqual(e.data);
            expect(mayRecord(agency, e.type, e.data)).toBe(true);
          }
        },
        thenThrows(ruleId: RuleId) {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(RuleViolation);
          expect((caught as RuleViolation).ruleId).toBe(ruleId);
          expect((caught as RuleViolation).message).toMatch(/\p{Script=Han}/u);
        },
      };
    },
  };
}

describe('attaching a document', () => {
  it('to the case: the event names the attaching agency, the hash, size, type and name', () => {
    const data = file();
    given([opened('union')])
      .whenAttaching(data, 'procuratorate')
      .then([{ type: 'DocumentAttached', data: { ...data, attachedBy: 'procuratorate' } }]);
  });

  it('to an act recorded on the case', () => {
    const feedbackId = id();
    const data = file({ actEventId: feedbackId, kind: 'record' });
    given([opened('union'), { id: feedbackId, type: 'WorkerFeedbackGiven', data: { givenBy: 'union', channel: 'phone', summary: '已告知' } }])
      .whenAttaching(data, 'union')
      .then([{ type: 'DocumentAttached', data: { ...data, attachedBy: 'union' } }]);
  });

  it('to a closed case too: papers arrive after 销号', () => {
    const data = file();
    given([
      opened('union'),
      { type: 'CaseClosed', data: { closedBy: 'union', resolution: 'settled_by_negotiation', amountRecoveredFen: 0, summary: '协商解决' } } as CaseEvent,
    ])
      .whenAttaching(data, 'union')
      .then([{ type: 'DocumentAttached', data: { ...data, attachedBy: 'union' } }]);
  });

  it('CHAIN.not-opened: no case, no documents', () => {
    given([]).whenAttaching(file(), 'union').thenThrows('CHAIN.not-opened');
  });

  it('CHAIN.document-act: an act that is not in this case, or another document, is refused', () => {
    const documentEventId = id();
    const history = [
      opened('union'),
      { id: documentEventId, type: 'DocumentAttached', data: { ...file(), attachedBy: 'union' } } as CaseEvent & { id: string },
    ];
    given(history)
      .whenAttaching(file({ actEventId: id() }), 'union')
      .thenThrows('CHAIN.document-act');
    given(history)
      .whenAttaching(file({ actEventId: documentEventId }), 'union')
      .thenThrows('CHAIN.document-act');
  });

  it("a worker's personal file, by the agency that holds the worker's vault key", () => {
    const worker = workerRef();
    const data = file({ personal: { workerId: worker.workerId }, fileName: sealed() });
    given([opened('union', { workers: [worker] })])
      .whenAttaching(data, 'union')
      .then([{ type: 'DocumentAttached', data: { ...data, attachedBy: 'union' } }]);
  });

  it('R1.vault-holder: another agency cannot encrypt under a key it does not hold', () => {
    const worker = workerRef();
    given([opened('union', { workers: [worker] })])
      .whenAttaching(file({ personal: { workerId: worker.workerId } }), 'procuratorate')
      .thenThrows('R1.vault-holder');
  });

  it('CHAIN.document-worker: not a worker of the case, or one whose data was erased', () => {
    const worker = workerRef();
    const erased: CaseEvent = {
      type: 'WorkerDataErased',
      data: { workerId: worker.workerId, erasedBy: 'union', reason: 'worker_request', fields: ['name', 'phone'] },
    };
    given([opened('union', { workers: [worker] })])
      .whenAttaching(file({ personal: { workerId: id() } }), 'union')
      .thenThrows('CHAIN.document-worker');
    given([opened('union', { workers: [worker] }), erased])
      .whenAttaching(file({ personal: { workerId: worker.workerId } }), 'union')
      .thenThrows('CHAIN.document-worker');
  });
});
