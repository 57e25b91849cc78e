import { offeredCommand, type AgencyId, type CaseEvent, type CommandName, type Role } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import type { AvailabilityActor, AvailableCommand } from '../src/index.js';
import {
  agreementSigned,
  arbitrationAccepted,
  arbitrationApplied,
  closed,
  days,
  EMPLOYERS,
  feedbackGiven,
  id,
  leadTransferred,
  mediationStarted,
  opened,
  rectificationOrdered,
  T0,
  workerRef,
} from './support/fixtures.js';
import { given } from './support/given.js';

const as = (agency: AgencyId, ...roles: Role[]): AvailabilityActor => ({ agency, roles: roles.length > 0 ? roles : ['liaison'] });
const names = (offered: readonly AvailableCommand[]): CommandName[] => offered.map((c) => c.name);
/** Which of these commands are offered. */
const among = (offered: readonly AvailableCommand[], ...wanted: CommandName[]): CommandName[] => names(offered).filter((n) => wanted.includes(n));
/** The values offered for one field of one command; undefined when the command is not offered. */
const choices = (offered: readonly AvailableCommand[], name: CommandName, field: string): string[] | undefined => {
  const command = offered.find((c) => c.name === name);
  return command && (command.choices[field] ?? []).map((choice) => choice.value);
};

describe('availableCommands: the acts a console offers on a case', () => {
  it('on a fresh case: each agency its own acts, in catalog order, with what its agency narrows', () => {
    const fresh = given([opened('union')]);
    expect(names(fresh.offers(as('union')))).toEqual([
      'TransferLead',
      'HoldJointReview',
      'HoldNegotiation',
      'StartMediation',
      'IssueSupervisionLetter',
      'OrderRectification',
      'GiveWorkerFeedback',
      'AssignHandler',
    ]);
    expect(names(fresh.offers(as('procuratorate')))).toEqual([
      'TransferLead',
      'HoldJointReview',
      'IssueSupervisionLetter',
      'OrderRectification',
      'GiveWorkerFeedback',
      'AssignHandler',
    ]);
    expect(names(fresh.offers(as('hr_bureau')))).toEqual([
      'TransferLead',
      'HoldJointReview',
      'StartMediation',
      'ApplyForArbitration',
      'IssueSupervisionLetter',
      'ListEmployerForCredit',
      'OrderRectification',
      'GiveWorkerFeedback',
      'AssignHandler',
    ]);
    expect(names(fresh.offers(as('court')))).toEqual([
      'TransferLead',
      'HoldJointReview',
      'StartMediation',
      'FileLitigation',
      'GiveWorkerFeedback',
      'AssignHandler',
    ]);

    const union = fresh.offers(as('union'));
    // The domain names what may be chosen; the catalog's path and label, and the choices' words, are
    // added by contracts' offeredCommand (its spec, choices.unit.spec.ts).
    expect(union.find((c) => c.name === 'TransferLead')).toEqual({
      name: 'TransferLead',
      choices: { to: ['procuratorate', 'hr_bureau', 'court'].map((value) => ({ kind: 'agency', value })) },
    });
    expect(choices(union, 'TransferLead', 'to')).toEqual(['procuratorate', 'hr_bureau', 'court']);
    expect(choices(union, 'IssueSupervisionLetter', 'kind')).toEqual(['reminder_letter', 'opinion_letter', 'recommendation_letter']);
    expect(choices(fresh.offers(as('procuratorate')), 'IssueSupervisionLetter', 'kind')).toEqual(['procuratorial_recommendation']);
    expect(choices(fresh.offers(as('hr_bureau')), 'ListEmployerForCredit', 'uscc')).toEqual([EMPLOYERS[0]!.uscc]);
    // Nothing to name yet: an optional reference offers an empty list.
    expect(choices(union, 'OrderRectification', 'letterId')).toEqual([]);
  });

  it('never offers OpenCase on a case that exists, and only OpenCase on one that does not', () => {
    expect(names(given([]).offers(as('court')))).toEqual(['OpenCase']);
    for (const agency of ['union', 'procuratorate', 'hr_bureau', 'court'] as const) {
      expect(names(given([opened()]).offers(as(agency)))).not.toContain('OpenCase');
    }
  });

  it('a lead pending to the procuratorate: the procuratorate may accept or decline it, the union may not', () => {
    const leadId = id();
    const pending = [opened('union'), leadTransferred('union', 'procuratorate', leadId)];
    const procuratorate = given(pending).offers(as('procuratorate'));
    expect(choices(procuratorate, 'AcceptLead', 'leadId')).toEqual([leadId]);
    expect(choices(procuratorate, 'DeclineLead', 'leadId')).toEqual([leadId]);
    // What its label says (worded by contracts' choiceLabel): what the sender wrote, from whom, and the Shanghai day feedback is due.
    expect(procuratorate.find((c) => c.name === 'AcceptLead')?.choices['leadId']?.[0]).toEqual({
      kind: 'lead',
      value: leadId,
      summary: '线索移送',
      from: 'union',
      feedbackDueOn: '2026-03-16',
      feedbackGiven: false,
    });
    expect(names(procuratorate)).not.toContain('GiveLeadFeedback');
    for (const agency of ['union', 'hr_bureau', 'court'] as const) {
      expect(among(given(pending).offers(as(agency)), 'AcceptLead', 'DeclineLead', 'GiveLeadFeedback')).toEqual([]);
    }

    const accepted = [...pending, { type: 'LeadAccepted' as const, data: { leadId, acceptedBy: 'procuratorate' as const } }];
    const after = given(accepted).offers(as('procuratorate'));
    expect(names(after)).not.toContain('AcceptLead');
    expect(names(after)).not.toContain('DeclineLead');
    expect(choices(after, 'GiveLeadFeedback', 'leadId')).toEqual([leadId]);
    expect(names(given(accepted).offers(as('union')))).not.toContain('GiveLeadFeedback');

    // The decider takes feedback again (progress, then outcome): still offered, marked as given, after those still owed.
    const second = id();
    const answered = [
      ...accepted,
      { type: 'LeadFeedbackGiven' as const, data: { leadId, givenBy: 'procuratorate' as const, summary: '已立案审查' } },
      leadTransferred('union', 'procuratorate', second),
      { type: 'LeadAccepted' as const, data: { leadId: second, acceptedBy: 'procuratorate' as const } },
    ];
    const feedback = given(answered)
      .offers(as('procuratorate'))
      .find((c) => c.name === 'GiveLeadFeedback')!;
    expect(feedback.choices['leadId']!.map((c) => c.value)).toEqual([second, leadId]);
    expect(feedback.choices['leadId']![1]).toMatchObject({ kind: 'lead', feedbackGiven: true });

    const declined = [...pending, { type: 'LeadDeclined' as const, data: { leadId, declinedBy: 'procuratorate' as const, reason: '不属管辖' } }];
    expect(among(given(declined).offers(as('procuratorate')), 'AcceptLead', 'DeclineLead', 'GiveLeadFeedback')).toEqual([]);
  });

  it('a closed case: the owner’s liaison may only reopen it; any other taker too; its admin may still erase', () => {
    const workerId = id();
    const history = [opened('union', { workers: [workerRef(workerId)] }), feedbackGiven(), closed()];
    expect(names(given(history).offers(as('union')))).toEqual(['ReopenCase']);
    // Any agency may reopen (the decider's word): whoever finds it was closed too soon.
    expect(names(given(history).offers(as('procuratorate')))).toEqual(['ReopenCase']);
    // Erasure does not wait for a reopening, and is the vault holder's administrators' act.
    const admin = given(history).offers(as('union', 'admin'));
    expect(names(admin)).toEqual(['EraseWorkerData']);
    expect(choices(admin, 'EraseWorkerData', 'workerId')).toEqual([workerId]);
    expect(names(given(history).offers(as('court', 'admin')))).toEqual([]);
    const erased = [
      ...history,
      { type: 'WorkerDataErased' as const, data: { workerId, erasedBy: 'union' as const, reason: 'worker_request' as const, fields: ['name' as const] } },
    ];
    expect(names(given(erased).offers(as('union', 'admin')))).toEqual([]);
  });

  it('closing: only the owner, only once rule 7 is met, and only with a resolution the record bears out', () => {
    const itemId = id();
    const leadId = id();
    expect(names(given([opened('union')]).offers(as('union')))).not.toContain('CloseCase');
    const ready = [opened('union'), feedbackGiven()];
    expect(choices(given(ready).offers(as('union')), 'CloseCase', 'resolution')).toEqual(['withdrawn', 'unfounded']);
    expect(names(given(ready).offers(as('procuratorate')))).not.toContain('CloseCase');
    expect(names(given([...ready, leadTransferred('union', 'court', leadId)]).offers(as('union')))).not.toContain('CloseCase');
    const ordered = [...ready, rectificationOrdered('union', [itemId])];
    expect(names(given(ordered).offers(as('union')))).not.toContain('CloseCase');
    const verified = [...ordered, { type: 'FollowUpDone' as const, data: { followUpId: id(), results: [{ itemId, verified: true, findings: '属实' }] } }];
    expect(choices(given(verified).offers(as('union')), 'CloseCase', 'resolution')).toEqual(['rectified', 'withdrawn', 'unfounded']);
  });

  it('a mediation in progress: only its mediator is offered its acts, each in the right status', () => {
    const mediationId = id();
    const started = [opened('union'), mediationStarted(mediationId, 'union')];
    const union = given(started).offers(as('union'));
    expect(choices(union, 'SignMediationAgreement', 'mediationId')).toEqual([mediationId]);
    expect(choices(union, 'FailMediation', 'mediationId')).toEqual([mediationId]);
    expect(names(union)).not.toContain('FulfilMediationAgreement');
    for (const agency of ['hr_bureau', 'court'] as const) {
      const other = names(given(started).offers(as(agency)));
      expect(other).toContain('StartMediation'); // a mediation of its own, with a new id
      expect(among(given(started).offers(as(agency)), 'SignMediationAgreement', 'FulfilMediationAgreement', 'FailMediation')).toEqual([]);
    }
    const signed = given([...started, agreementSigned(mediationId)]).offers(as('union'));
    expect(names(signed)).not.toContain('SignMediationAgreement');
    expect(choices(signed, 'FulfilMediationAgreement', 'mediationId')).toEqual([mediationId]);
    expect(choices(signed, 'FailMediation', 'mediationId')).toEqual([mediationId]);
    const failed = given([...started, { type: 'MediationFailed' as const, data: { mediationId, reason: '调解不成' } }]).offers(as('union'));
    expect(among(failed, 'StartMediation', 'SignMediationAgreement', 'FulfilMediationAgreement', 'FailMediation')).toEqual(['StartMediation']);
  });

  it('arbitration: acceptance while applied, delegation never for a labor-relationship dispute (R4), extension once and in time', () => {
    const arbitrationId = id();
    const applied = [opened('union'), arbitrationApplied(arbitrationId)];
    const hr = given(applied).offers(as('hr_bureau'));
    expect(choices(hr, 'AcceptArbitration', 'arbitrationId')).toEqual([arbitrationId]);
    expect(choices(hr, 'DelegateMediation', 'arbitrationId')).toEqual([arbitrationId]);
    expect(names(hr)).not.toContain('IssueArbitrationAward');
    expect(names(given([opened('union'), arbitrationApplied(arbitrationId, ['labor_relationship_confirmation'])]).offers(as('hr_bureau')))).not.toContain(
      'DelegateMediation',
    );

    const accepted = [...applied, arbitrationAccepted(arbitrationId, days(45).toISOString())];
    const before = given(accepted).offers(as('hr_bureau'), { now: days(44) });
    expect(names(before)).not.toContain('AcceptArbitration');
    expect(choices(before, 'ExtendArbitration', 'arbitrationId')).toEqual([arbitrationId]);
    expect(choices(before, 'IssueArbitrationAward', 'arbitrationId')).toEqual([arbitrationId]);
    expect(names(given(accepted).offers(as('hr_bureau'), { now: days(46) }))).not.toContain('ExtendArbitration');
    // Without a clock, time narrows nothing.
    expect(names(given(accepted).offers(as('hr_bureau')))).toContain('ExtendArbitration');
    // A suit may follow the arbitration once it ran past its period (裁审衔接).
    expect(choices(given(accepted).offers(as('court'), { now: days(44) }), 'FileLitigation', 'arbitrationId')).toEqual([]);
    expect(choices(given(accepted).offers(as('court'), { now: days(46) }), 'FileLitigation', 'arbitrationId')).toEqual([arbitrationId]);
  });

  it('rectification: the responsible agency reports, any supervisor follows up, a secretary records a meeting decision', () => {
    const [toUnion, toEnterprise] = [id(), id()];
    const ordered: CaseEvent = {
      type: 'RectificationOrdered',
      data: {
        rectificationId: id(),
        orderedBy: 'procuratorate',
        items: [
          {
            itemId: toUnion,
            description: '建立女职工权益保护专项集体合同',
            deadline: days(30).toISOString(),
            responsibleParty: { kind: 'agency', name: '区总工会', agencyId: 'union' },
          },
          {
            itemId: toEnterprise,
            description: '组织女职工妇科检查',
            deadline: days(30).toISOString(),
            responsibleParty: { kind: 'enterprise', name: EMPLOYERS[0]!.name },
          },
        ],
      },
    };
    const history = [opened('union'), ordered];
    expect(choices(given(history).offers(as('union')), 'ReportRectificationItem', 'itemId')).toEqual([toUnion]);
    expect(choices(given(history).offers(as('procuratorate')), 'ReportRectificationItem', 'itemId')).toEqual([toEnterprise]);
    expect(choices(given(history).offers(as('hr_bureau')), 'DoFollowUp', 'results.itemId')).toEqual([toUnion, toEnterprise]);
    expect(names(given(history).offers(as('court')))).not.toContain('DoFollowUp');

    const reported = [...history, { type: 'RectificationItemReported' as const, data: { itemId: toUnion, summary: '已签订' } }];
    expect(names(given(reported).offers(as('union')))).not.toContain('ReportRectificationItem');
    const checked = [
      ...reported,
      { type: 'FollowUpDone' as const, data: { followUpId: id(), results: [{ itemId: toUnion, verified: true, findings: '属实' }] } },
    ];
    expect(choices(given(checked).offers(as('hr_bureau')), 'DoFollowUp', 'results.itemId')).toEqual([toEnterprise]);
    expect(choices(given(checked).offers(as('court', 'secretary')), 'RecordMeetingDecision', 'itemId')).toEqual([toEnterprise]);
  });

  it('a secretary records meeting decisions and nothing else; a liaison everything but those; an auditor nothing', () => {
    const itemId = id();
    const history = [opened('union'), rectificationOrdered('union', [itemId])];
    expect(given(history).offers(as('union', 'secretary'))).toEqual([
      {
        name: 'RecordMeetingDecision',
        choices: { itemId: [expect.objectContaining({ kind: 'item', value: itemId })] },
      },
    ]);
    const liaison = names(given(history).offers(as('union', 'liaison')));
    expect(liaison).toContain('ReportRectificationItem');
    expect(liaison).not.toContain('RecordMeetingDecision');
    expect(given(history).offers(as('union', 'auditor'))).toEqual([]);
    // No open item, no decision to record.
    expect(given([opened('union')]).offers(as('union', 'secretary'))).toEqual([]);
    // Roles add up.
    expect(names(given(history).offers(as('union', 'liaison', 'secretary')))).toEqual([
      ...liaison.slice(0, -2),
      'RecordMeetingDecision',
      'GiveWorkerFeedback',
      'AssignHandler',
    ]);
  });

  it('an agency that takes no part in the case is offered only the acts that bring a case before it', () => {
    const workerId = id();
    const itemId = id();
    const history = [opened('union', { workers: [workerRef(workerId)] }), rectificationOrdered('union', [itemId])];
    const participants = new Set<AgencyId>(['union']);
    expect(names(given(history).offers(as('hr_bureau'), { participants }))).toEqual(['ApplyForArbitration']);
    expect(names(given(history).offers(as('court'), { participants }))).toEqual(['FileLitigation']);
    expect(choices(given(history).offers(as('procuratorate'), { participants }), 'SupportProsecution', 'workerIds')).toEqual([workerId]);
    expect(names(given(history).offers(as('procuratorate'), { participants }))).toEqual(['SupportProsecution']);
    // A meeting's decision is for its host, which the meeting stream names: kept for a secretary.
    expect(names(given(history).offers(as('court', 'secretary'), { participants }))).toEqual(['RecordMeetingDecision']);
    // Taking part changes that; the participants do not narrow what a participant is offered.
    expect(given(history).offers(as('union'), { participants })).toEqual(given(history).offers(as('union')));
    expect(names(given(history).offers(as('court'), { participants: new Set(['union', 'court']) }))).toContain('GiveWorkerFeedback');
  });

  it('states facts every choice is labelled from in both languages (by contracts), without personal data', () => {
    const workerId = id();
    const history = [opened('union', { workers: [workerRef(workerId)] }), leadTransferred('procuratorate', 'union')];
    const facts = given(history).offers(as('union'), { now: T0 });
    // The words are contracts' (offeredCommand, as the agency service answers): checked here on a real case.
    const offered = facts.map(offeredCommand);
    for (const command of offered) {
      for (const list of Object.values(command.choices)) {
        for (const choice of list) {
          expect(choice.label.zh).toMatch(/\p{Script=Han}/u);
          // A lead or an item starts with the sender's own words (Chinese): the rest is English.
          expect(choice.label.en).toMatch(/[A-Z][a-z]/);
        }
      }
    }
    expect(facts.find((c) => c.name === 'AssignLegalAid')?.choices['workerIds']).toEqual([{ kind: 'worker', value: workerId, number: 1, erased: false }]);
    expect(offered.find((c) => c.name === 'AssignLegalAid')?.choices['workerIds']).toEqual([{ value: workerId, label: { zh: '职工 1', en: 'Worker 1' } }]);
  });
});
