export { RECTIFICATIONS, rectificationsProjection, type RectificationStatus } from './projection.js';
export * from './query.js';
