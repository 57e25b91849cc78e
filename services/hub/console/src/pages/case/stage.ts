/** Where a case stands on 商→调→裁→执 (litigation counts as 裁), and whether 督 runs beside it. */
import type { ChainStep } from '../../components/StageChain.tsx';
import type { CaseView } from './types.ts';

const has = (record: Readonly<Record<string, unknown>>) => Object.keys(record).length > 0;

export function chainOf(c: CaseView): { current: ChainStep | null; reached: Set<ChainStep>; supervised: boolean } {
  const reached = new Set<ChainStep>();
  if (has(c.negotiations)) reached.add('negotiation');
  if (has(c.mediations)) reached.add('mediation');
  if (has(c.arbitrations) || has(c.litigations)) reached.add('arbitration');
  if (has(c.enforcements)) reached.add('enforcement');
  const order: ChainStep[] = ['enforcement', 'arbitration', 'mediation', 'negotiation'];
  const current = order.find((step) => reached.has(step)) ?? null;
  // 督: supervision letters, rectification lists, a lead the procuratorate took up, or its support of a suit.
  const supervised = has(c.letters) || c.rectificationIds.length > 0 || c.supportIds.length > 0
    || Object.values(c.leads).some((l) => l.to === 'procuratorate' && l.status !== 'declined');
  return { current, reached, supervised };
}
