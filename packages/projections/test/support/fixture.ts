import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore, type JsonObject } from '@hub/event-store';
import { onTestFinished } from 'vitest';
import { ProjectionRunner, type Projection, type ProjectionRunnerOptions } from '../../src/index.js';

export const FIRST_RECORDED_AT = Date.parse('2025-03-01T08:00:00.000Z');

export interface Fixture {
  dir: string;
  storePath: string;
  /** The runner's directory. */
  readModels: string;
  store: SqliteEventStore;
  /** A runner on this fixture's store and directory, stopped when the test ends. */
  runner(projections: readonly Projection[], options?: Partial<Omit<ProjectionRunnerOptions, 'store' | 'projections'>>): ProjectionRunner;
}

/**
 * A temp dir with a real SQLite store whose clock steps one second per commit, so recordedAt
 * values are predictable. Everything is stopped, closed and deleted when the test finishes.
 */
export function fixture(): Fixture {
  const dir = mkdtempSync(join(tmpdir(), 'hub-projections-'));
  const storePath = join(dir, 'events.db');
  let now = FIRST_RECORDED_AT - 1000;
  const store = new SqliteEventStore({ path: storePath, durability: 'normal', clock: () => new Date((now += 1000)) });
  const readModels = join(dir, 'read-models');
  const runners: ProjectionRunner[] = [];
  onTestFinished(async () => {
    for (const runner of runners) await runner.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    storePath,
    readModels,
    store,
    runner(projections, options = {}) {
      const runner = new ProjectionRunner({ directory: readModels, ...options, store, projections });
      runners.push(runner);
      return runner;
    },
  };
}

/**
 * Appends `count` events, `perAppend` at a time, each append to the next of `streams` streams in
 * turn (`<prefix>-0`, `<prefix>-1`, ...). Returns the last position.
 */
export async function appendEvents(
  store: EventStore,
  count: number,
  { streams = 10, perAppend = 1, prefix = 'case', type = 'Noted' }: { streams?: number; perAppend?: number; prefix?: string; type?: string } = {},
): Promise<bigint> {
  let last = 0n;
  for (let done = 0, turn = 0; done < count; turn++) {
    const size = Math.min(perAppend, count - done);
    const events = Array.from({ length: size }, (_, i) => ({ type, data: { n: done + i } satisfies JsonObject }));
    last = (await store.append(`${prefix}-${turn % streams}`, events)).position;
    done += size;
  }
  return last;
}

export async function storePositions(store: EventStore): Promise<bigint[]> {
  const positions: bigint[] = [];
  for await (const event of store.readAll()) positions.push(event.position);
  return positions;
}
