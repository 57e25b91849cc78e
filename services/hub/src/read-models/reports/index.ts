export { REPORTS, reportsProjection } from './projection.js';
export { monthlyReport, reportMonths } from './monthly.js';
export { dailyWarningReport } from './daily.js';
export type * from './wire.js';
export { monthSchema, monthUpTo, dateSchema, regionPrefixSchema, shanghaiMonth, shanghaiDay } from './period.js';
export { figureLabels, reportedDeadlineLabels, mediationResultLabels } from './labels.js';
