export { eventTypes, evolve, initialState, type LeadDoc } from './lead.js';
export { LEAD_INBOX, leadInboxProjection } from './projection.js';
export {
  leadDeadlineStates,
  leadSortKeys,
  leadStatusFilters,
  leadsFor,
  receivedLeads,
  sentLeads,
  type LeadEntry,
  type LeadQuery,
  type LeadSortKey,
} from './query.js';
