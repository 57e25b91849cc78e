export { CASE_DEADLINES, caseDeadlinesProjection, eventTypes } from './projection.js';
export { caseSummary, deadlinesFor, type CaseSummary, type InboxDeadline } from './query.js';
