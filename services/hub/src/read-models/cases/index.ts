export { CASES, casesProjection, chainStages, stageOf, supervisionUnderWay, type ChainStage } from './projection.js';
export * from './query.js';
export { caseSortKeys } from './wire.js';
