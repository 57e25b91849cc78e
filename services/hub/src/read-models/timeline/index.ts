export { TIMELINE, timelineProjection } from './projection.js';
export * from './query.js';
export * from './late.js';
