export { categoryOf, evolve, eventTypes, initialState, type StreamSummary } from './stream-summary.js';
export { STREAM_INDEX, streamIndexProjection } from './projection.js';
export { listStreams, type ListStreamsOptions, type StreamPage } from './query.js';
