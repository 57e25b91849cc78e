import type { RecordedEvent, SubscriptionMessage } from '@hub/event-store';
import { describe, expect, it } from 'vitest';
import { BatchReader } from '../src/batch.js';

const event = (position: number): SubscriptionMessage => ({
  kind: 'event',
  event: {
    id: `e${position}`,
    stream: 's',
    revision: BigInt(position - 1),
    position: BigInt(position),
    type: 'T',
    data: {},
    metadata: { recordedAt: '', prevHash: null, hash: '' },
  } as RecordedEvent,
});

/** A source that delivers `messages` at once, then waits until `release` is called for the rest. */
function source(now: SubscriptionMessage[], later: SubscriptionMessage[]) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  async function* messages(): AsyncGenerator<SubscriptionMessage> {
    yield* now;
    await gate;
    yield* later;
  }
  return { iterator: messages(), release };
}

const positions = (events: RecordedEvent[]) => events.map((e) => Number(e.position));

describe('BatchReader', () => {
  it('cuts at the maximum size, then at a caught-up message', async () => {
    const { iterator } = source([event(1), event(2), event(3), event(4), event(5), { kind: 'caught-up', position: 5n }], []);
    const reader = new BatchReader(iterator, 3);
    expect(await reader.next()).toMatchObject({ caughtUp: false });
    const second = await reader.next();
    expect([positions(second.events), second.caughtUp]).toEqual([[4, 5], true]);
  });

  it('commits what it has when the subscription would wait, and keeps the pending message for the next batch', async () => {
    const { iterator, release } = source([event(1), event(2)], [event(3), { kind: 'fell-behind', position: 3n }, event(4)]);
    const reader = new BatchReader(iterator, 100);
    const first = await reader.next();
    expect(positions(first.events)).toEqual([1, 2]);
    release();
    const second = await reader.next();
    expect([positions(second.events), second.fellBehind]).toEqual([[3, 4], true]);
    expect((await reader.next()).ended).toBe(true);
  });
});
