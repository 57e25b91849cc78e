/**
 * What each live client should have received, derived from the timeline rows and the visibility
 * rules (services/hub/src/access.ts, timeline/query.ts `inFeed`), written out again here rather
 * than imported, so that a feed that filtered with a broken rule would not pass a check that used
 * the same broken rule; and whether it got exactly that: none missing, none twice, in order.
 */
import type { AgencyId } from '@hub/contracts';

export type WatchScope = { kind: 'case'; caseId: string } | { kind: 'inbox' } | { kind: 'all' };

/** A timeline row as far as visibility goes. */
export interface RowFacts {
  position: number;
  kind: string;
  subjectId: string;
  /** `*` or `,agency,agency,` (access.ts audienceColumn). */
  visibleTo: string;
  /** `,agency,…,` or empty. */
  addressedTo: string;
}

export interface Watcher {
  agency: AgencyId;
  /** Auditors see every case (masked); everyone else the cases their agency takes part in. */
  auditor: boolean;
  scope: WatchScope;
  /** The subscription's `after`: only rows strictly after it are owed. */
  after: number;
}

function sees(watcher: Watcher, row: RowFacts): boolean {
  return row.visibleTo === '*' || watcher.auditor || row.visibleTo.includes(`,${watcher.agency},`);
}

/** Whether the row belongs in the watcher's feed (ignoring `after`). */
export function owed(watcher: Watcher, row: RowFacts): boolean {
  switch (watcher.scope.kind) {
    // A case feed is opened only by a party to the case (or an auditor) and shows its whole history.
    case 'case':
      return row.kind === 'case' && row.subjectId === watcher.scope.caseId;
    case 'inbox':
      return row.addressedTo.includes(`,${watcher.agency},`) && sees(watcher, row);
    case 'all':
      return sees(watcher, row);
  }
}

/** Positions the watcher is owed, ascending; `rows` must be in position order. */
export function expectedPositions(watcher: Watcher, rows: readonly RowFacts[]): number[] {
  const out: number[] = [];
  for (const row of rows) if (row.position > watcher.after && owed(watcher, row)) out.push(row.position);
  return out;
}

export interface DeliveryCheck {
  expected: number;
  /** Every event received, repeats included. */
  received: number;
  /** Owed and never received. */
  missed: number;
  /** Received more than once (each extra copy counts one). */
  doubled: number;
  /** Received but not owed: a visibility leak, or an event from before `after`. */
  unexpected: number;
  /** Received after a higher position had already been received (repeats not counted again). */
  outOfOrder: number;
  /** A few of the positions behind each problem, for the report. */
  examples: { missed: number[]; doubled: number[]; unexpected: number[]; outOfOrder: number[] };
}

const EXAMPLES = 5;

/** Compares what arrived (in arrival order, across reconnects) with what was owed (ascending). */
export function checkDelivery(expected: readonly number[], received: readonly number[]): DeliveryCheck {
  const owedSet = new Set(expected);
  const seen = new Set<number>();
  const result: DeliveryCheck = {
    expected: expected.length,
    received: received.length,
    missed: 0,
    doubled: 0,
    unexpected: 0,
    outOfOrder: 0,
    examples: { missed: [], doubled: [], unexpected: [], outOfOrder: [] },
  };
  const note = (kind: keyof DeliveryCheck['examples'], position: number) => {
    if (result.examples[kind].length < EXAMPLES) result.examples[kind].push(position);
  };
  let highest = Number.NEGATIVE_INFINITY;
  for (const position of received) {
    if (seen.has(position)) {
      result.doubled += 1;
      note('doubled', position);
      continue;
    }
    seen.add(position);
    if (!owedSet.has(position)) {
      result.unexpected += 1;
      note('unexpected', position);
    }
    if (position < highest) {
      result.outOfOrder += 1;
      note('outOfOrder', position);
    }
    highest = Math.max(highest, position);
  }
  for (const position of expected) {
    if (!seen.has(position)) {
      result.missed += 1;
      note('missed', position);
    }
  }
  return result;
}

/** Sums of several checks (examples: the first few of each kind). */
export function sumChecks(checks: readonly DeliveryCheck[]): DeliveryCheck {
  const total = checkDelivery([], []);
  for (const c of checks) {
    total.expected += c.expected;
    total.received += c.received;
    total.missed += c.missed;
    total.doubled += c.doubled;
    total.unexpected += c.unexpected;
    total.outOfOrder += c.outOfOrder;
    for (const kind of ['missed', 'doubled', 'unexpected', 'outOfOrder'] as const) {
      for (const p of c.examples[kind]) if (total.examples[kind].length < EXAMPLES) total.examples[kind].push(p);
    }
  }
  return total;
}
