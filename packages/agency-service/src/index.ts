export { createAgencyService, type AgencyService, type AgencyServiceOptions } from './service.js';
export { serviceDefaults } from './defaults.js';
export { RuleForbidden } from './errors.js';
export { participantsOf, caseStream, type Participation, type ParticipationReason } from './participation.js';
export { LEAD_INBOX, leadInboxProjection, leadsFor, type LeadDoc, type LeadEntry } from './read-models/lead-inbox/index.js';
export { CASE_DEADLINES, caseDeadlinesProjection, deadlinesFor, caseSummary, caseState, type InboxDeadline, type CaseSummary } from './read-models/case-deadlines/index.js';
export { CASE_PARTICIPANTS, caseParticipantsProjection, casesOf, type ParticipatedCase } from './read-models/case-participants/index.js';
export { startAgencyServer, runAgencyMain, type RunningAgencyServer } from './server.js';
