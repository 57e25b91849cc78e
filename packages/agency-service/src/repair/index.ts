import { DEFAULT_REPAIR_GRACE_MS } from './worker.js';

export { SignatureRepairWorker, signedByService, DEFAULT_REPAIR_GRACE_MS, type SignatureRepairOptions } from './worker.js';
export { repairRoutes, repairRouteDocs, RepairSignaturesRequest, RepairReportView } from './routes.js';

/** The grace to use: the option when given, else REPAIR_GRACE_MS (a non-negative integer), else 30 s. */
export function repairGrace(option: number | undefined, env: Readonly<Record<string, string | undefined>>): number {
  if (option !== undefined) return Math.max(0, option);
  const value = Number(env['REPAIR_GRACE_MS']?.trim() || 'x');
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_REPAIR_GRACE_MS;
}
