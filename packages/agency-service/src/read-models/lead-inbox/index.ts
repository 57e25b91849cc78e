export { eventTypes, evolve, initialState, type LeadDoc } from './lead.js';
export { LEAD_INBOX, leadInboxProjection } from './projection.js';
export { leadsFor, type LeadEntry } from './query.js';
