import { agencyIds, commandCatalog, creditLists, letterKinds, resolutions, type AgencyId, type CommandName, type Party } from '@hub/contracts';
import type { CaseCommand, CaseState, HandlerFacts, MeetingRecord } from '../../src/index.js';
import { days, EMPLOYERS, id } from './fixtures.js';

/** A command as a client could send it, and the meeting a RecordMeetingDecision is checked against. */
export interface Probe {
  readonly command: CaseCommand;
  readonly meeting?: MeetingRecord;
  /** The agency's service's answer about the user an AssignHandler names. */
  readonly handler?: HandlerFacts;
}

/**
 * Plausible inputs for a command on a state, built from the input schemas and from what the state
 * holds — never from availableCommands: every existing thing a reference field could name (whatever
 * its status, plus one that does not exist), every value of the enums the decider narrows, and
 * everything else the way a careful clerk would fill it in (deadlines ahead, consent given, amounts
 * in fen, the recorder among the agencies of a joint review). Each is valid against the command's
 * zod input schema (checked here), so what the decider accepts among them is what a console could do.
 */
export function probes(name: CommandName, state: CaseState, agency: AgencyId, now: Date): Probe[] {
  const c = state.status === 'none' ? undefined : state;
  const ids = <T>(map: Readonly<Record<string, T>> | undefined): string[] => [...Object.keys(map ?? {}), id()];
  const future = days(30, now).toISOString();
  const other = agencyIds.find((a) => a !== agency)!;
  const make = (data: Record<string, unknown>): Probe => ({ command: { type: name, data: valid(name, data) } as CaseCommand });
  switch (name) {
    case 'OpenCase':
      return [
        {
          command: {
            type: 'OpenCase',
            data: {
              caseId: id(),
              channel: 'walk_in',
              category: 'wage_arrears',
              summary: '欠薪',
              employers: [EMPLOYERS[0]!],
              workerCount: 1,
              workers: [],
              amountClaimedFen: 0,
              region: '330106',
            },
          },
        },
      ];
    case 'TransferLead':
      return agencyIds.map((to) => make({ leadId: id(), to, summary: '线索移送', feedbackDueAt: future }));
    case 'AcceptLead':
      return ids(c?.leads).map((leadId) => make({ leadId, note: '接收' }));
    case 'DeclineLead':
      return ids(c?.leads).map((leadId) => make({ leadId, reason: '不属管辖' }));
    case 'GiveLeadFeedback':
      return ids(c?.leads).map((leadId) => make({ leadId, summary: '办理情况' }));
    case 'HoldJointReview':
      return [make({ reviewId: id(), agencies: [agency, other], otherParticipants: [], conclusion: '研判结论', routeTo: 'supervision' })];
    case 'HoldNegotiation':
      return [make({ negotiationId: id(), outcome: 'settled', amountAgreedFen: 0, summary: '协商' })];
    case 'StartMediation':
      return ids(c?.mediations).map((mediationId) => make({ mediationId }));
    case 'DelegateMediation':
      return ids(c?.arbitrations).map((arbitrationId) =>
        make({ mediationId: id(), arbitrationId, mediationRoom: '区总工会调解室', workerConsent: true, employerConsent: true }),
      );
    case 'SignMediationAgreement':
      return ids(c?.mediations).map((mediationId) => make({ mediationId, amountAgreedFen: 100, terms: '一次性支付' }));
    case 'FulfilMediationAgreement':
      return ids(c?.mediations).map((mediationId) => make({ mediationId, amountPaidFen: 100 }));
    case 'FailMediation':
      return ids(c?.mediations).map((mediationId) => make({ mediationId, reason: '调解不成' }));
    case 'ApplyForArbitration':
      return [make({ arbitrationId: id(), applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 0 })];
    case 'AcceptArbitration':
      return ids(c?.arbitrations).map((arbitrationId) => make({ arbitrationId, caseNumber: '仲案字1号' }));
    case 'DeclineArbitration':
    case 'ExtendArbitration':
      return ids(c?.arbitrations).map((arbitrationId) => make({ arbitrationId, reason: '理由' }));
    case 'IssueArbitrationMediationDocument':
      return ids(c?.arbitrations).flatMap((arbitrationId) =>
        [undefined, ...ids(c?.mediations)].map((mediationId) =>
          make({ arbitrationId, ...(mediationId ? { mediationId } : {}), documentNo: '调字1号', amountFen: 0 }),
        ),
      );
    case 'IssueArbitrationAward':
      return ids(c?.arbitrations).map((arbitrationId) => make({ arbitrationId, awardNo: '裁字1号', amountAwardedFen: 0, final: false, summary: '裁决' }));
    case 'FileLitigation':
      return [undefined, ...ids(c?.arbitrations)].map((arbitrationId) =>
        make({ litigationId: id(), plaintiff: 'worker', caseNumber: '民初1号', amountClaimedFen: 0, ...(arbitrationId ? { arbitrationId } : {}) }),
      );
    case 'IssueJudgment':
      return ids(c?.litigations).map((litigationId) => make({ litigationId, judgmentNo: '民初1号', amountAwardedFen: 0, summary: '判决' }));
    case 'ApplyForEnforcement':
      return (['judgment', 'arbitration_award', 'arbitration_mediation_document'] as const).flatMap((kind) =>
        [...ids(c?.litigations), ...ids(c?.arbitrations)].map((ref) => make({ enforcementId: id(), basis: { kind, ref }, amountFen: 0 })),
      );
    case 'CompleteEnforcement':
      return ids(c?.enforcements).map((enforcementId) => make({ enforcementId, outcome: 'full', amountRecoveredFen: 0 }));
    case 'AssignLegalAid':
      return ids(c?.workers).map((workerId) => make({ legalAidId: id(), provider: '法律援助中心', workerIds: [workerId] }));
    case 'SupportProsecution':
      return ids(c?.workers).map((workerId) => make({ supportId: id(), summary: '支持起诉', workerIds: [workerId] }));
    case 'IssueSupervisionLetter': {
      const addressees: Party[] = [
        { kind: 'enterprise', name: EMPLOYERS[0]!.name },
        { kind: 'agency', name: '某区交通运输局' },
        ...agencyIds.map((agencyId): Party => ({ kind: 'agency', name: agencyId, agencyId })),
      ];
      return letterKinds.values.flatMap((kind) =>
        addressees.map((addressee) =>
          make({
            letterId: id(),
            kind,
            addressee,
            summary: '监督文书',
            urgent: false,
            ...(kind === 'procuratorial_recommendation' ? {} : { replyDueAt: future }),
          }),
        ),
      );
    }
    case 'ReplyToSupervisionLetter':
      return ids(c?.letters).map((letterId) => make({ letterId, summary: '回复' }));
    case 'ListEmployerForCredit':
      return [...(c?.employers ?? []).map((e) => e.uscc), EMPLOYERS[3]!.uscc].flatMap((uscc) =>
        creditLists.values.map((list) => make({ uscc, list, reason: '拒不整改' })),
      );
    case 'OrderRectification':
      return [undefined, ...ids(c?.letters)].map((letterId) =>
        make({
          rectificationId: id(),
          ...(letterId ? { letterId } : {}),
          items: [{ itemId: id(), description: '整改', deadline: future, responsibleParty: { kind: 'enterprise', name: EMPLOYERS[0]!.name } }],
        }),
      );
    case 'ReportRectificationItem':
      return ids(c?.items).map((itemId) => make({ itemId, summary: '已整改' }));
    case 'DoFollowUp':
      return ids(c?.items).map((itemId) => make({ followUpId: id(), results: [{ itemId, verified: true, findings: '属实' }] }));
    case 'RecordMeetingDecision':
      // The meeting took exactly this decision on this case: only the item's state can refuse it.
      return ids(c?.items).map((itemId) => {
        const meetingId = id();
        return {
          ...make({ itemId, meetingId, decision: 'close', note: '销项' }),
          meeting: { meetingId, decisions: [{ caseId: c?.caseId ?? id(), itemId, decision: 'close', note: '销项' }] },
        };
      });
    case 'GiveWorkerFeedback':
      return [make({ channel: 'phone', summary: '反馈' })];
    case 'CloseCase':
      return resolutions.values.map((resolution) => make({ resolution, amountRecoveredFen: 0, summary: '销号' }));
    case 'ReopenCase':
      return [make({ reason: '重新办理' })];
    case 'EraseWorkerData':
      return ids(c?.workers).map((workerId) => make({ workerId, reason: 'worker_request' }));
    case 'AssignHandler': {
      // An active liaison of the agency, new to the case, and the one handling it now (if any).
      const current = c?.handlers[agency];
      const people = [{ userId: id(), displayName: '王承办' }, ...(current ? [current] : [])];
      return people.map(({ userId, displayName }) => ({
        ...make({ userId }),
        handler: {
          participants: new Set([agency]),
          assignee: { userId, displayName, agency, roles: ['liaison'], disabled: false },
          assignedByName: '李科长',
        },
      }));
    }
  }
}

/** The input as the service would hand it to the decider: parsed by the command's own schema (which must accept it). */
function valid(name: CommandName, data: Record<string, unknown>): unknown {
  const parsed = commandCatalog[name].input.safeParse(data);
  if (!parsed.success) throw new Error(`probe for ${name} is not a valid input: ${parsed.error.message}`);
  return parsed.data;
}

/** The values an input holds at a choice key: a field name or a dotted path, through arrays. */
export function valuesAt(input: unknown, path: string): string[] {
  let at: unknown[] = [input];
  for (const key of path.split('.')) {
    at = at
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .flatMap((v) => (v !== null && typeof v === 'object' && key in v ? [(v as Record<string, unknown>)[key]] : []));
  }
  return at.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string');
}
