import { randomUUID } from 'node:crypto';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  agencyIds,
  caseEventTypes,
  eventCatalog,
  eventTypes,
  isCaseEventType,
  mayRecord,
  parseEventData,
  type CaseEvent,
  type EventDataOf,
} from '../src/index.js';

/** Every event DOMAIN.md lists, by the name the catalog gives it. */
const DOMAIN_EVENTS = [
  'CaseOpened',
  'LeadTransferred',
  'LeadAccepted',
  'LeadDeclined',
  'LeadFeedbackGiven',
  'JointReviewHeld',
  'NegotiationHeld',
  'MediationStarted',
  'MediationDelegated',
  'MediationAgreementSigned',
  'MediationAgreementFulfilled',
  'MediationFailed',
  'ArbitrationApplied',
  'ArbitrationAccepted',
  'ArbitrationExtended',
  'ArbitrationMediationDocumentIssued',
  'ArbitrationAwardIssued',
  'LitigationFiled',
  'JudgmentIssued',
  'EnforcementApplied',
  'EnforcementCompleted',
  'SupervisionLetterIssued',
  'SupervisionLetterReplied',
  'RectificationOrdered',
  'RectificationItemReported',
  'FollowUpDone',
  'RectificationItemDecided',
  'LegalAidAssigned',
  'ProsecutionSupported',
  'EmployerCreditListed',
  'WorkerFeedbackGiven',
  'CaseClosed',
  'CaseReopened',
  'WorkerDataErased',
  'JointMeetingScheduled',
  'JointMeetingHeld',
  'EmployerWarningRaised',
  'EmployerWarningResolved',
  'AgencyKeyPublished',
];

const letter = (kind: string, issuedBy: string) => ({
  letterId: randomUUID(),
  kind,
  issuedBy,
  addressee: { kind: 'enterprise', name: '某物流有限公司', uscc: '91330106MA2KQ7T39F' },
  summary: '未按规定组织女职工妇科检查',
  replyDueAt: '2026-12-01T15:59:59.999Z',
  urgent: false,
});

describe('the event catalog', () => {
  it('holds every event of DOMAIN.md, keyed by its past-tense type', () => {
    for (const type of DOMAIN_EVENTS) expect(eventTypes, type).toContain(type);
    for (const [key, definition] of Object.entries(eventCatalog)) {
      expect(definition.type).toBe(key);
      expect(definition.type).toMatch(/^[A-Z][A-Za-z]+$/);
    }
  });

  it('gives each event a version, labels in both languages and at least one recording agency', () => {
    for (const definition of Object.values(eventCatalog)) {
      expect(definition.version).toBeGreaterThanOrEqual(1);
      expect(definition.label.zh).toMatch(/\p{Script=Han}/u);
      expect(definition.label.en.length).toBeGreaterThan(0);
      expect(definition.recordedBy.length).toBeGreaterThan(0);
      for (const agency of definition.recordedBy) expect(agencyIds).toContain(agency);
    }
  });

  it('separates case-stream events from meeting, warning and key events', () => {
    expect(isCaseEventType('CaseClosed')).toBe(true);
    expect(isCaseEventType('JointMeetingHeld')).toBe(false);
    expect(isCaseEventType('AgencyKeyPublished')).toBe(false);
    expect(isCaseEventType('DocumentAttached')).toBe(true);
    expect(isCaseEventType('CaseNumberAssigned')).toBe(true);
    expect(isCaseEventType('NumberIssued')).toBe(false);
    expect(caseEventTypes).toHaveLength(38);
  });

  it('infers a discriminated union from the schemas', () => {
    expectTypeOf<Extract<CaseEvent, { type: 'CaseClosed' }>['data']['amountRecoveredFen']>().toEqualTypeOf<number>();
    expectTypeOf<EventDataOf<'SupervisionLetterIssued'>['kind']>().toEqualTypeOf<
      'reminder_letter' | 'opinion_letter' | 'recommendation_letter' | 'procuratorial_recommendation' | 'rectification_order'
    >();
  });
});

describe('rule 1: who may record what (mayRecord)', () => {
  it('lets only the court issue judgments and only the commission accept arbitration', () => {
    const judgment = {
      litigationId: randomUUID(),
      judgmentNo: '(2026)浙0106民初1号',
      amountAwardedFen: 100,
      awardedItems: [{ kind: 'wages' as const, amountFen: 100 }],
      summary: '判决支付工资',
    };
    expect(mayRecord('court', 'JudgmentIssued', judgment)).toBe(true);
    for (const other of ['union', 'procuratorate', 'hr_bureau'] as const) expect(mayRecord(other, 'JudgmentIssued', judgment)).toBe(false);
    const accepted = { arbitrationId: randomUUID(), caseNumber: '杭劳人仲案字〔2026〕1号', conclusionDueAt: '2026-12-01T15:59:59.999Z' };
    expect(mayRecord('hr_bureau', 'ArbitrationAccepted', accepted)).toBe(true);
    expect(mayRecord('court', 'ArbitrationAccepted', accepted)).toBe(false);
  });

  it('decides supervision letters by their kind', () => {
    const allowed: [string, string][] = [
      ['reminder_letter', 'union'],
      ['opinion_letter', 'union'],
      ['recommendation_letter', 'union'],
      ['procuratorial_recommendation', 'procuratorate'],
      ['rectification_order', 'hr_bureau'],
    ];
    for (const [kind, issuer] of allowed) {
      for (const agency of agencyIds) {
        const data = parseEventData('SupervisionLetterIssued', letter(kind, agency));
        expect(mayRecord(agency, 'SupervisionLetterIssued', data), `${agency} ${kind}`).toBe(agency === issuer);
      }
    }
  });

  it("describes a published key of either suite: Ed25519 (32 bytes) or SM2 (65 bytes), with its endorsement; a length that is not the named algorithm's is refused", () => {
    const ed = { agency: 'union', purpose: 'events', algorithm: 'Ed25519', keyId: 'abcd', publicKey: Buffer.alloc(32, 1).toString('base64') };
    const sm2 = { ...ed, algorithm: 'SM2', publicKey: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 2)]).toString('base64') };
    const endorsement = { keyId: 'prev', signature: Buffer.alloc(64, 3).toString('base64') };
    expect(parseEventData('AgencyKeyPublished', ed)).toMatchObject({ algorithm: 'Ed25519' });
    expect(parseEventData('AgencyKeyPublished', { ...sm2, endorsement })).toMatchObject({ algorithm: 'SM2', endorsement });
    expect(() => parseEventData('AgencyKeyPublished', { ...sm2, algorithm: 'Ed25519' })).toThrow();
    expect(() => parseEventData('AgencyKeyPublished', { ...ed, algorithm: 'SM2' })).toThrow();
  });

  it('lets an agency publish only its own key, and send only its own leads', () => {
    const key = { agency: 'union', purpose: 'events', algorithm: 'Ed25519', keyId: 'union-2026-01', publicKey: 'A'.repeat(43) } as const;
    expect(mayRecord('union', 'AgencyKeyPublished', key)).toBe(true);
    expect(mayRecord('court', 'AgencyKeyPublished', key)).toBe(false);
    const lead = { leadId: randomUUID(), from: 'union', to: 'procuratorate', summary: '线索', feedbackDueAt: '2026-12-01T00:00:00Z' } as const;
    expect(mayRecord('union', 'LeadTransferred', lead)).toBe(true);
    expect(mayRecord('procuratorate', 'LeadTransferred', lead)).toBe(false);
  });
});

describe('SessionRevoked', () => {
  const revoked = { sessionId: randomUUID(), expiresAt: '2026-03-02T10:00:00.000Z', revokedAt: '2026-03-02T03:00:00.000Z' };

  it('is an identity event any agency records (its own stream decides whose sessions it revokes)', () => {
    expect(eventCatalog.SessionRevoked).toMatchObject({ version: 1, label: { zh: '会话退出', en: 'Session revoked' } });
    expect(isCaseEventType('SessionRevoked')).toBe(false);
    for (const agency of agencyIds) expect(mayRecord(agency, 'SessionRevoked', revoked)).toBe(true);
  });

  it('names the session and its times only: no user, UTC times', () => {
    expect(parseEventData('SessionRevoked', revoked)).toEqual(revoked);
    expect(() => parseEventData('SessionRevoked', { ...revoked, userId: 'u-1' })).toThrow(/userId/);
    expect(() => parseEventData('SessionRevoked', { ...revoked, expiresAt: '2026-03-02T18:00:00+08:00' })).toThrow(/UTC/);
    expect(() => parseEventData('SessionRevoked', { ...revoked, sessionId: 'not-a-uuid' })).toThrow();
  });
});

describe('event schemas', () => {
  it('are strict: nothing beyond the catalog enters the hashed body', () => {
    const data = { reopenedBy: 'union', reason: '职工再次投诉', workerFeedbackDueAt: '2026-12-01T00:00:00Z' };
    expect(() => parseEventData('CaseReopened', data)).not.toThrow();
    expect(() => parseEventData('CaseReopened', { ...data, workerName: '张三' })).toThrow(/workerName/);
  });

  it('store time as UTC only', () => {
    const data = { reopenedBy: 'union', reason: '职工再次投诉', workerFeedbackDueAt: '2026-12-01T08:00:00+08:00' };
    expect(() => parseEventData('CaseReopened', data)).toThrow(/UTC/);
  });

  it('encode rule 3 and rule 4 in the facts themselves', () => {
    const review = { reviewId: randomUUID(), agencies: ['union'], otherParticipants: [], conclusion: '移送检察院', routeTo: 'supervision' };
    expect(() => parseEventData('JointReviewHeld', review)).toThrow(/两个机构/);
    const delegated = { mediationId: randomUUID(), arbitrationId: randomUUID(), mediationRoom: '区总工会调解室', consent: { worker: true, employer: false } };
    expect(() => parseEventData('MediationDelegated', delegated)).toThrow(/用人单位同意/);
  });

  it('need an extend decision to carry its new deadline', () => {
    const base = { itemId: randomUUID(), meetingId: randomUUID(), note: '延期一个月' };
    expect(() => parseEventData('RectificationItemDecided', { ...base, decision: 'extend' })).toThrow();
    expect(() => parseEventData('RectificationItemDecided', { ...base, decision: 'extend', newDeadline: '2026-12-31T15:59:59.999Z' })).not.toThrow();
    expect(() => parseEventData('RectificationItemDecided', { ...base, decision: 'close' })).not.toThrow();
  });
});
