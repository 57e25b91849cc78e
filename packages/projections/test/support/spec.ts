import type { JsonObject } from '@hub/event-store';
import { expect } from 'vitest';
import type { Projection, ReadModelDb } from '../../src/index.js';
import { fixture } from './fixture.js';

export interface GivenEvent {
  stream: string;
  type: string;
  data?: JsonObject;
}

/**
 * Projection specs in the decider specs' shape:
 * `projectionSpec(p).given(events).then(query, expected)` appends the events one by one (one
 * second apart on the store's clock), runs the projection until it has applied the last one, and
 * compares what the query reads from the read model with `expected`.
 */
export function projectionSpec(projection: Projection) {
  return {
    given(events: readonly GivenEvent[]) {
      return {
        async then<T>(query: (db: ReadModelDb) => T, expected: T): Promise<void> {
          const { store, runner } = fixture();
          let last: bigint | undefined;
          for (const { stream, type, data } of events) last = (await store.append(stream, [{ type, data: data ?? {} }])).position;
          const projections = runner([projection]);
          await projections.start();
          if (last !== undefined) await projections.waitForPosition(last, 10_000);
          expect(query(projections.readModel(projection.name).db)).toEqual(expected);
        },
      };
    },
  };
}
