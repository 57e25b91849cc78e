import type { BenchEvent } from '../payload.js';

export type Engine = 'sqlite' | 'postgres';
export type Side = 'ours' | 'peer';

/** Appends to one stream, passing the expected version it got back last time, as a command handler would. */
export interface StreamWriter {
  append(events: BenchEvent[]): Promise<void>;
}

/** What a live subscriber hands the harness: the `seq` of each event it is given. */
export type OnDelivered = (seq: number) => void;

export interface LiveSubscription {
  close(): Promise<void>;
}

/**
 * One store under test, seen through what every workload needs. A member that is null means the
 * store has no equivalent; `why` says why, for the note under the table.
 */
export interface BenchTarget {
  readonly side: Side;
  readonly engine: Engine;
  writer(stream: string): StreamWriter;
  /** Reads the whole global log from the start; resolves to the number of events read. */
  readAll: (() => Promise<number>) | null;
  /** Starts a live subscriber that sees only events appended from now on. */
  subscribeLive: ((onDelivered: OnDelivered) => Promise<LiveSubscription>) | null;
  /** Verifies one stream's integrity; resolves to the number of events checked. */
  verifyStream: ((stream: string) => Promise<number>) | null;
  /**
   * Ways to drive this store with concurrent writers, tried in order until one completes the
   * workload. Absent: the target itself.
   */
  concurrencyTargets?(): ConcurrencyTarget[];
  /** Events appended through this target's writers so far. */
  readonly appended: number;
  /** What went wrong along the way without failing a workload (retried errors), for the notes. */
  problems?(): string[];
  /** Durability settings as read back from the store or server, for the notes. */
  durability(): Promise<string>;
  close(): Promise<void>;
}

export interface ConcurrencyTarget {
  /** How the writers reach the store, for the note: "one store instance per writer". */
  label: string;
  target: BenchTarget;
}
