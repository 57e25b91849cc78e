import type { Projection } from '@hub/projections';
import { timelineProjection } from './timeline/index.js';

/** Every read model the hub keeps, each its own checkpointed SQLite file. */
export const hubProjections: readonly Projection[] = [
  timelineProjection,
];
