import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { ConnectOptions, EventData, EventStore, RecordedEvent, SubscriptionMessage } from '../../src/index.js';

/** What an engine hands the contract suite. */
export interface ContractTarget {
  engine: string;
  /** Another instance on the same storage each call (as another process would be), with these options. */
  open(options?: ConnectOptions): Promise<EventStore>;
  /** Edits a stored event behind the store's back (plain SQL); absent where the engine cannot (EventStoreDB's log is immutable). */
  tamper?: (stream: string, revision: bigint, newDataJson: string) => Promise<void>;
  /** Largest single event the engine is configured to take, for the size-limit check. */
  maxEventBytes?: number;
}

/** A stream name no other test uses, so every test can share one store and run in parallel. */
export function streamName(prefix = 'test'): string {
  return `${prefix}-${randomUUID()}`;
}

export function event(type: string, data: EventData['data'] = {}, extra: Partial<EventData> = {}): EventData {
  return { id: randomUUID(), type, data, ...extra };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

/** Reads a subscription until `until` says stop (or the time limit passes, which fails the test). */
export async function take(
  subscription: AsyncIterable<SubscriptionMessage> & { close(): Promise<void> },
  until: (events: RecordedEvent[], messages: SubscriptionMessage[]) => boolean,
  timeoutMs = 30_000,
): Promise<{ events: RecordedEvent[]; messages: SubscriptionMessage[] }> {
  const events: RecordedEvent[] = [];
  const messages: SubscriptionMessage[] = [];
  const timer = setTimeout(() => void subscription.close(), timeoutMs);
  try {
    if (until(events, messages)) return { events, messages };
    for await (const message of subscription) {
      messages.push(message);
      if (message.kind === 'event') events.push(message.event);
      if (until(events, messages)) break;
    }
  } finally {
    clearTimeout(timer);
    await subscription.close();
  }
  if (!until(events, messages)) throw new Error(`subscription ended after ${events.length} events without reaching its goal`);
  return { events, messages };
}

/** Edits one stored event in a SQLite store file with plain SQL, on a second connection, as an operator with the file could. */
export function sqliteTamper(path: string): NonNullable<ContractTarget['tamper']> {
  return async (stream, revision, newDataJson) => {
    const db = new Database(path);
    try {
      const changed = db.prepare('UPDATE events SET data = ? WHERE stream = ? AND revision = ?').run(newDataJson, stream, revision).changes;
      if (changed !== 1) throw new Error(`tamper touched ${changed} rows`);
    } finally {
      db.close();
    }
  };
}
