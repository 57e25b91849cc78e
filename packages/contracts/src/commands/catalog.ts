import type { z } from 'zod';
import * as arbitration from './arbitration.js';
import * as opening from './case.js';
import type { CommandDefinition } from './define.js';
import * as leads from './leads.js';
import * as litigation from './litigation.js';
import * as mediation from './mediation.js';
import * as supervision from './supervision.js';

export const commandDefinitions = [
  opening.openCase,
  leads.transferLead,
  leads.acceptLead,
  leads.declineLead,
  leads.giveLeadFeedback,
  leads.holdJointReview,
  mediation.holdNegotiation,
  mediation.startMediation,
  mediation.delegateMediation,
  mediation.signMediationAgreement,
  mediation.fulfilMediationAgreement,
  mediation.failMediation,
  arbitration.applyForArbitration,
  arbitration.acceptArbitration,
  arbitration.declineArbitration,
  arbitration.extendArbitration,
  arbitration.issueArbitrationMediationDocument,
  arbitration.issueArbitrationAward,
  litigation.fileLitigation,
  litigation.issueJudgment,
  litigation.applyForEnforcement,
  litigation.completeEnforcement,
  litigation.assignLegalAid,
  litigation.supportProsecution,
  supervision.issueSupervisionLetter,
  supervision.replyToSupervisionLetter,
  supervision.listEmployerForCredit,
  supervision.orderRectification,
  supervision.reportRectificationItem,
  supervision.doFollowUp,
  supervision.recordMeetingDecision,
  opening.giveWorkerFeedback,
  opening.closeCase,
  opening.reopenCase,
  opening.eraseWorkerData,
  opening.assignHandler,
] as const;

type Definitions = (typeof commandDefinitions)[number];
export type CommandName = Definitions['name'];
export type CommandPath = Definitions['path'];

type CatalogOf<D extends readonly CommandDefinition[]> = { readonly [C in D[number] as C['name']]: C };

/** Every command keyed by name. */
export const commandCatalog = Object.fromEntries(commandDefinitions.map((c) => [c.name, c])) as CatalogOf<typeof commandDefinitions>;

/** Every command keyed by its route segment, for `POST /api/cases/{caseId}/{path}`. */
export const commandByPath: ReadonlyMap<string, CommandDefinition<CommandName, CommandPath>> = new Map(
  commandDefinitions.map((c) => [c.path, c as CommandDefinition<CommandName, CommandPath>]),
);

/** What the client POSTs for a command, after validation (defaults applied). */
export type CommandInput<N extends CommandName> = z.output<(typeof commandCatalog)[N]['input']>;
/** What the client may POST, before defaults. */
export type CommandBody<N extends CommandName> = z.input<(typeof commandCatalog)[N]['input']>;

export const commandNames: readonly CommandName[] = commandDefinitions.map((c) => c.name);
