export { runBench, WORKLOADS, type BenchRecord, type BenchReport, type RunOptions, type WorkloadId } from './run.js';
export { evaluateTargets, formatReport, type TargetCheck } from './report.js';
export { FULL, QUICK, type Sizes, type SizeOverrides } from './sizes.js';
export { formatCryptoCost, measureCryptoCost, type CryptoCost } from './crypto-cost.js';
