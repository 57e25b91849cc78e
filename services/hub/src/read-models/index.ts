import type { Projection } from '@hub/projections';
import { timelineProjection } from './timeline/index.js';
import { deadlinesProjection } from './deadlines/index.js';
import { rectificationsProjection } from './rectifications/index.js';
import { casesProjection } from './cases/index.js';
import { meetingsProjection } from './meetings/index.js';
import { reportsProjection } from './reports/index.js';

/** Every read model the hub keeps, each its own checkpointed SQLite file. */
export const hubProjections: readonly Projection[] = [
  timelineProjection,
  deadlinesProjection,
  rectificationsProjection,
  casesProjection,
  meetingsProjection,
  reportsProjection,
];
