export { DEADLINES, deadlinesProjection } from './projection.js';
export * from './query.js';
