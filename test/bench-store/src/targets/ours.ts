import type { EventStore, ExpectedRevision } from '@hub/event-store';
import type { BenchEvent } from '../payload.js';
import type { BenchTarget, Engine, LiveSubscription, OnDelivered, StreamWriter } from './types.js';

/** Our engines, through the port only: what a service sees. */
export class OursTarget implements BenchTarget {
  readonly side = 'ours' as const;
  appended = 0;

  constructor(
    readonly engine: Engine,
    private readonly store: EventStore,
    private readonly describeDurability: () => Promise<string>,
  ) {}

  writer(stream: string): StreamWriter {
    let expected: ExpectedRevision = 'no_stream';
    return {
      append: async (events: BenchEvent[]) => {
        const result = await this.store.append(stream, events, { expectedRevision: expected });
        expected = result.nextExpectedRevision;
        this.appended += events.length;
      },
    };
  }

  readAll = async (): Promise<number> => {
    let count = 0;
    for await (const _event of this.store.readAll()) count++;
    return count;
  };

  subscribeLive = async (onDelivered: OnDelivered): Promise<LiveSubscription> => {
    const subscription = this.store.subscribeToAll({ fromPosition: 'end' });
    let markLive!: () => void;
    const live = new Promise<void>((resolve) => (markLive = resolve));
    const pump = (async () => {
      for await (const message of subscription) {
        if (message.kind === 'caught-up') markLive();
        else if (message.kind === 'event') onDelivered((message.event.data as { seq: number }).seq);
      }
    })();
    await live;
    return {
      close: async () => {
        await subscription.close();
        await pump;
      },
    };
  };

  verifyStream = async (stream: string): Promise<number> => {
    const result = await this.store.verifyStream(stream);
    if (!result.ok) throw new Error(`verifyStream(${stream}) failed at ${result.brokenAt}: ${result.reason}`);
    return result.events;
  };

  durability(): Promise<string> {
    return this.describeDurability();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
