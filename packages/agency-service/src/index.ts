export { createAgencyService, type AgencyService, type AgencyServiceOptions } from './service.js';
export { serviceDefaults } from './defaults.js';
export { participantsOf, caseStream, type Participation, type ParticipationReason } from '@hub/case-domain';
export { LEAD_INBOX, leadInboxProjection, leadsFor, type LeadDoc, type LeadEntry } from './read-models/lead-inbox/index.js';
export {
  CASE_DEADLINES,
  caseDeadlinesProjection,
  deadlinesFor,
  caseSummary,
  type InboxDeadline,
  type CaseSummary,
} from './read-models/case-deadlines/index.js';
export { CASE_PARTICIPANTS, caseParticipantsProjection, casesOf, type ParticipatedCase } from './read-models/case-participants/index.js';
export { startAgencyServer, runAgencyMain, type RunningAgencyServer } from './server.js';
export { agencyPaths } from './paths.js';
export { runAgencyCreateAdmin } from './cli/create-admin.js';
export { MEETING_STREAM_PREFIX, meetingStream, type MeetingState, type MeetingDecision } from '@hub/case-domain';
export { loadMeeting } from './meetings/meeting.js';
export { WARNING_STREAM_PREFIX, warningStream, loadWarning, type WarningState } from './warnings/warning.js';
export { AGENCY_VARIABLES } from './witness/index.js';
export {
  calendarWarnings,
  DEADLINE_POLICY_VARIABLE,
  DEPLOYMENT_DATA_VARIABLES,
  HOLIDAY_CALENDAR_VARIABLE,
  loadDeploymentDeadlines,
  loadHolidayCalendarSetting,
  NATIONAL_CALENDARS,
  warnOnce,
  type DeploymentDeadlines,
} from './deployment-data.js';
export { SignatureRepairWorker, signedByService, repairGrace, DEFAULT_REPAIR_GRACE_MS } from './repair/index.js';
export * from './register/index.js';
export * from './letters/index.js';
export {
  caseNumberSettings,
  CaseNumberSettingError,
  DEFAULT_CASE_NUMBER_PATTERN,
  formatCaseNumber,
  regionShort,
  type CaseNumberSettings,
} from './case-numbers/pattern.js';
export { OpeningCompleter } from './case-numbers/completer.js';
export { numberOldCases, type NumberedCase } from './case-numbers/backfill.js';
export { caseNumberOf, CASE_REGISTER_KIND } from './case-numbers/opening.js';
