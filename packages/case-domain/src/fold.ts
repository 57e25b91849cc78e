import { agencyIdSchema, type AgencyId, type CaseEvent } from '@hub/contracts';
import { evolve, initialState, type CaseState } from './case.js';
import { participantsOf } from './participation.js';
import { caseEventOf } from './recorded.js';
import { caseIdOfStream } from './streams.js';

/** The part of a stored event the case fold reads; a RecordedEvent of @hub/event-store fits. */
export interface FoldableEvent {
  readonly stream: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: { readonly [key: string]: unknown };
}

/** A case as the models see it: the domain's folded state and every agency that took part so far. */
export interface CaseFoldState {
  readonly case: CaseState;
  /** In the order they joined; participantsOf's rule, the one the timeline's visibility uses. */
  readonly agencies: readonly AgencyId[];
}

/** What the case fold hands each model with an event of a case stream. */
export interface CaseFolded {
  readonly caseId: string;
  /** The event read as its current version; undefined when this code cannot read it. */
  readonly event: CaseEvent | undefined;
  readonly before: CaseState;
  /** The case after the event; an event evolve ignores leaves it identical to `before`. */
  readonly after: CaseState;
  readonly recorder: AgencyId | undefined;
  /** The case's agencies after the event, and those of them the event brought in. */
  readonly agencies: readonly AgencyId[];
  readonly joined: readonly AgencyId[];
}

export const recorderOf = (recorded: FoldableEvent): AgencyId | undefined => {
  const parsed = agencyIdSchema.safeParse(recorded.metadata['agency']);
  return parsed.success ? parsed.data : undefined;
};

/**
 * A fold in the projection runner's sense (@hub/projections' Fold, which this matches without
 * depending on it): every read model of a process that reads a case's state reads it from this
 * one fold, which the runner keeps once for all of them (in memory, and in a file of its own)
 * and folds once per event: the event is parsed once, the state evolved once, and no model
 * stores a copy of it. An unreadable case event still makes its recorder a party, as it always
 * has in the hub's timeline.
 */
export const caseFold = {
  name: 'case',
  version: 1,
  keyOf: (recorded: FoldableEvent): string | undefined => caseIdOfStream(recorded.stream),
  step(previous: CaseFoldState | undefined, recorded: FoldableEvent): { state: CaseFoldState; folded: CaseFolded } {
    const caseId = caseIdOfStream(recorded.stream)!;
    const recorder = recorderOf(recorded);
    const event = caseEventOf(recorded);
    const before = previous?.case ?? initialState;
    const after = event ? evolve(before, event) : before;
    let agencies = previous?.agencies ?? [];
    const joined: AgencyId[] = [];
    const parties = event ? participantsOf(event, recorder).map((p) => p.agency) : recorder ? [recorder] : [];
    for (const agency of parties) if (!agencies.includes(agency) && !joined.includes(agency)) joined.push(agency);
    if (joined.length > 0) agencies = [...agencies, ...joined];
    const state = previous && after === before && joined.length === 0 ? previous : { case: after, agencies };
    return { state, folded: { caseId, event, before, after, recorder, agencies, joined } };
  },
};
