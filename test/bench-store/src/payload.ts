/**
 * The one event shape every store in the benchmark writes: a labor-case event of about 550 bytes
 * of JSON, the same bytes for ours and for Emmett. Deterministic, so runs are comparable.
 */
import { randomUUID } from 'node:crypto';

export interface BenchEvent {
  type: string;
  data: {
    seq: number;
    caseId: string;
    agency: string;
    claimant: { name: string; idHash: string };
    employer: { name: string; creditCode: string };
    amountCents: number;
    filedAt: string;
    tags: string[];
    note: string;
  };
  metadata: { correlationId: string };
}

const TYPES = ['CaseFiled', 'EvidenceAdded', 'HearingScheduled', 'MediationRecorded', 'AwardIssued'] as const;
const AGENCIES = ['labor-inspection', 'mediation-center', 'arbitration-commission', 'court', 'supervision'] as const;

/** Event number `seq` of the run; `seq` travels in data so a subscriber can tell which append it sees. */
export function benchEvent(seq: number): BenchEvent {
  const n = seq >>> 0;
  return {
    type: TYPES[n % TYPES.length]!,
    data: {
      seq,
      caseId: `case-${(n % 5000).toString().padStart(6, '0')}`,
      agency: AGENCIES[n % AGENCIES.length]!,
      claimant: { name: `Claimant ${n % 997}`, idHash: ((n * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(8) },
      employer: { name: `Employer Co. ${n % 211}`, creditCode: `91${(n % 100000000).toString().padStart(16, '0')}` },
      amountCents: (n * 7919) % 10_000_000,
      filedAt: new Date(Date.UTC(2024, 0, 1) + n * 60_000).toISOString(),
      tags: ['wage-arrears', n % 2 === 0 ? 'overtime' : 'severance', `region-${n % 31}`],
      note: 'Claim for unpaid wages and overtime, evidence attached, parties notified of the hearing date.',
    },
    metadata: { correlationId: randomUUID() },
  };
}

/** `count` events numbered from `firstSeq`. */
export function benchEvents(firstSeq: number, count: number): BenchEvent[] {
  return Array.from({ length: count }, (_, i) => benchEvent(firstSeq + i));
}
