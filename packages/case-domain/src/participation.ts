import { agencyIdSchema, type AgencyId, type CaseEvent, type CommandDefinition, type Party } from '@hub/contracts';

export type ParticipationReason =
  | 'opened'
  | 'recorded'
  | 'lead_sent'
  | 'lead_received'
  | 'letter_issued'
  | 'letter_addressed'
  | 'joint_review'
  | 'rectification_responsible'
  | 'mediation_delegated';

export interface Participation {
  readonly agency: AgencyId;
  readonly reason: ParticipationReason;
}

const partyAgency = (party: Party): AgencyId | undefined => (party.kind === 'agency' ? party.agencyId : undefined);

/**
 * The agencies an event makes parties to its case: whoever recorded it, and every hub agency the
 * event names as someone who must act or was told (a lead's receiver, a letter's addressee, a
 * joint review's members, an item's responsible party). One rule for the inbox's "my cases" and
 * for who may read a case, so the two never disagree.
 */
export function participantsOf(event: CaseEvent, recordedBy: unknown): Participation[] {
  const out: Participation[] = [];
  const recorder = agencyIdSchema.safeParse(recordedBy);
  if (recorder.success) out.push({ agency: recorder.data, reason: 'recorded' });
  const add = (agency: AgencyId | undefined, reason: ParticipationReason) => {
    if (agency !== undefined) out.push({ agency, reason });
  };
  switch (event.type) {
    case 'CaseOpened':
      add(event.data.openedBy, 'opened');
      break;
    case 'LeadTransferred':
      add(event.data.from, 'lead_sent');
      add(event.data.to, 'lead_received');
      break;
    case 'JointReviewHeld':
      for (const agency of event.data.agencies) add(agency, 'joint_review');
      break;
    case 'SupervisionLetterIssued':
      add(event.data.issuedBy, 'letter_issued');
      add(partyAgency(event.data.addressee), 'letter_addressed');
      break;
    case 'MediationDelegated':
      // Rule 4: the arbitration commission delegates only to a union mediation room.
      add('union', 'mediation_delegated');
      break;
    case 'RectificationOrdered':
      for (const item of event.data.items) add(partyAgency(item.responsibleParty), 'rectification_responsible');
      break;
    default:
      break;
  }
  return out;
}

/**
 * Acting on a case makes an agency take part in it. An agency that takes no part in it yet may do
 * only the acts by which a case comes before a new agency (`joinsCase`: an arbitration application
 * received, a suit filed, enforcement applied for, a prosecution supported), and record the decision
 * of a joint meeting when it hosted that meeting (it recorded the meeting, so it records the decision).
 */
export function mayActWithoutPart(definition: Pick<CommandDefinition, 'name' | 'joinsCase'>, hostedTheMeeting: boolean): boolean {
  return definition.joinsCase === true || (definition.name === 'RecordMeetingDecision' && hostedTheMeeting);
}
