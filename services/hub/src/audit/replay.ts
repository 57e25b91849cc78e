import { caseDeadlines, caseEventOf, evolve, initialState, type CaseState } from '@hub/case-domain';
import { occurredAtOf, recordingDelayMs } from '@hub/contracts';
import type { RecordedEvent } from '@hub/event-store';
import { NotFound } from '@hub/service-kit';
import { maskData } from '../mask.js';
import { labelOf } from '../read-models/timeline/index.js';
import { auditEntry } from './case.js';
import type { HistoryStep, ReplayAnswer, ReplayDeadline } from './wire.js';

export type { HistoryStep, ReplayAnswer, ReplayDeadline };

/**
 * Which moment to rebuild: after a stream revision, as of a global position, as of a time (by
 * when the events were recorded, or by when their acts happened), or now.
 */
export type AsOf =
  | { kind: 'revision'; revision: bigint }
  | { kind: 'position'; position: bigint }
  | { kind: 'at'; at: Date; by?: TimeBasis }
  | { kind: 'latest' };

/** 按记录时间 (the store's recordedAt) or 按发生时间 (the act's occurredAt, business time). */
export type TimeBasis = 'recorded' | 'occurred';

/**
 * The index of the last event the moment includes, -1 before the first. Time and position take
 * the stream's prefix up to the last event at or before them: the state is a fold over a prefix,
 * and a stream is ordered by revision, so an earlier-stamped event after a later one (a clock
 * stepping back) stays in its place rather than being taken out of order.
 */
function lastIncluded(events: readonly RecordedEvent[], asOf: AsOf): number {
  switch (asOf.kind) {
    case 'latest':
      return events.length - 1;
    case 'revision': {
      const index = events.findIndex((e) => e.revision === asOf.revision);
      if (index < 0) throw new NotFound(`该案件没有第 ${asOf.revision} 版`, `The case has no revision ${asOf.revision}`);
      return index;
    }
    case 'position': {
      let last = -1;
      events.forEach((e, i) => {
        if (e.position <= asOf.position) last = i;
      });
      return last;
    }
    case 'at': {
      const at = asOf.at.getTime();
      let last = -1;
      events.forEach((e, i) => {
        if (Date.parse(e.metadata.recordedAt) <= at) last = i;
      });
      return last;
    }
  }
}

/** The domain's own fold over the first `count` events; events that are not case events leave the state as it was. */
export function foldPrefix(events: readonly RecordedEvent[], count: number): CaseState {
  let state = initialState;
  for (const recorded of events.slice(0, count)) {
    const event = caseEventOf(recorded);
    if (event) state = evolve(state, event);
  }
  return state;
}

/**
 * As of a moment by business time: the acts that had happened by then, in stream order. Not a
 * prefix of the stream — an act recorded later (补录) may have happened before acts recorded
 * earlier — so the fold takes every such event, and leaves out those recorded before it that
 * happened after the moment.
 */
function happenedBy(events: readonly RecordedEvent[], at: Date): RecordedEvent[] {
  return events.filter((e) => Date.parse(occurredAtOf(e.metadata)) <= at.getTime());
}

/**
 * The case's deadlines as of the fold's end, each met one with when its act happened (business
 * time) and whether that was after it was due: 逾期完成 is its own state (issue 14.8), never a
 * plain ✓. A deadline counts as met from the first act that met it, as the hub's read models count
 * it; one owed afresh (an item whose follow-up found it not done) is open again.
 */
export function foldDeadlines(events: readonly RecordedEvent[]): ReplayDeadline[] {
  let state = initialState;
  const metAt = new Map<string, string>();
  for (const recorded of events) {
    const event = caseEventOf(recorded);
    if (!event) continue;
    state = evolve(state, event);
    for (const d of caseDeadlines(state)) {
      const key = `${d.kind}:${d.ref}`;
      if (d.met && !metAt.has(key)) metAt.set(key, occurredAtOf(recorded.metadata));
      else if (!d.met) metAt.delete(key);
    }
  }
  return caseDeadlines(state).map((d) => {
    const at = d.met ? (metAt.get(`${d.kind}:${d.ref}`) ?? null) : null;
    return { kind: d.kind, ref: d.ref, dueAt: d.dueAt, met: d.met, metAt: at, late: at !== null && Date.parse(at) > Date.parse(d.dueAt) };
  });
}

export function replay(caseId: string, events: readonly RecordedEvent[], asOf: AsOf): ReplayAnswer {
  const byOccurrence = asOf.kind === 'at' && asOf.by === 'occurred';
  const included = byOccurrence ? happenedBy(events, asOf.at) : undefined;
  const last = included?.at(-1);
  const index = included ? (last ? events.indexOf(last) : -1) : lastIncluded(events, asOf);
  const at = index >= 0 ? events[index] : undefined;
  return {
    caseId,
    asOf: at
      ? { revision: at.revision.toString(), position: at.position.toString(), recordedAt: at.metadata.recordedAt, occurredAt: occurredAtOf(at.metadata) }
      : null,
    by: asOf.kind === 'at' ? (asOf.by ?? 'recorded') : null,
    included: included ? included.length : index + 1,
    // Masking keeps the state's shape: an encrypted field becomes '***', nothing else changes.
    state: maskData(included ? foldPrefix(included, included.length) : foldPrefix(events, index + 1)) as CaseState,
    deadlines: foldDeadlines(included ?? events.slice(0, index + 1)),
    event: at ? auditEntry(at) : null,
    previousRevision: index > 0 ? events[index - 1]!.revision.toString() : null,
    nextRevision: events[index + 1]?.revision.toString() ?? null,
    events: events.length,
  };
}

export function history(events: readonly RecordedEvent[]): HistoryStep[] {
  return events.map((e) => {
    const agency = e.metadata['agency'];
    return {
      revision: e.revision.toString(),
      position: e.position.toString(),
      type: e.type,
      label: labelOf(e.type),
      recordedAt: e.metadata.recordedAt,
      occurredAt: occurredAtOf(e.metadata),
      delayMs: recordingDelayMs(e.metadata),
      agency: typeof agency === 'string' ? agency : null,
    };
  });
}
