import type { Projection } from './projection.js';
import type { RebuildProgress } from './progress.js';
import type { RebuildJob } from './rebuild.js';
import type { ModelWriter } from './writer.js';

export type ProjectionState = 'catching-up' | 'live' | 'rebuilding' | 'failed' | 'stopped';

export interface ProjectionStatus {
  name: string;
  version: number;
  /** The checkpoint of the model readers use; null before its first batch. */
  position: bigint | null;
  /** Head position minus `position`: an upper bound on the events still to apply (positions may have holes). */
  lag: bigint;
  state: ProjectionState;
  /** The most recent failure, kept after a restart. */
  lastError: { message: string; position: bigint | null; eventType: string | null; at: string } | null;
  rebuild: RebuildProgress | null;
}

/** `rebuilding` wins over the serving model's own state: a rebuild is what will settle it. */
export function statusOf(projection: Projection, writer: ModelWriter, rebuild: RebuildJob | undefined, head: bigint | null): ProjectionStatus {
  const error = writer.lastError;
  const position = writer.position ?? 0n;
  return {
    name: projection.name,
    version: projection.version,
    position: writer.position,
    lag: head !== null && head > position ? head - position : 0n,
    state: rebuild && writer.state !== 'stopped' ? 'rebuilding' : writer.state,
    lastError: error
      ? { message: error.error.message, position: error.error.position ?? null, eventType: error.error.eventType ?? null, at: error.at.toISOString() }
      : null,
    rebuild: rebuild ? rebuild.progress() : null,
  };
}
