export { CASE_PARTICIPANTS, caseParticipantsProjection, eventTypes } from './projection.js';
export { casesOf, type ParticipatedCase } from './query.js';
