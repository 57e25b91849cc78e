export { ProjectionRunner, type ProjectionRunnerOptions } from './runner.js';
export type { ProjectionState, ProjectionStatus } from './status.js';
export { defineProjection, type Projection, type ReadModelDb } from './projection.js';
export { ReadModelHandle } from './handle.js';
export { estimateProgress, renderProgress, type RebuildProgress } from './progress.js';
export type { RebuildOptions } from './rebuild.js';
export { statementsPer } from './statements.js';
export * from './errors.js';
export * from './read-models/stream-index/index.js';
