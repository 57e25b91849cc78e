export { MEETINGS, meetingEventTypes, meetingsProjection } from './projection.js';
export * from './query.js';
