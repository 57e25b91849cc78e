export { REPORTS, reportsProjection } from './projection.js';
export { monthlyReport, reportMonths, type MonthlyReport, type Breakdown, type DeadlineFigure } from './monthly.js';
export { dailyWarningReport, type DailyWarningReport } from './daily.js';
export { monthSchema, dateSchema, regionPrefixSchema, shanghaiMonth, shanghaiDay } from './period.js';
export { figureLabels, reportedDeadlineLabels, mediationResultLabels } from './labels.js';
