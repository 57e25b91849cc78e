import { expect, it } from 'vitest';
import { EventTooLarge, InvalidEvent, InvalidReadOptions, InvalidStreamName, StoreClosed, type EventStore } from '../../src/index.js';
import { collect, event, streamName, type ContractTarget } from './harness.js';

/**
 * Appends every engine refuses before it writes anything: the full contract checks that the
 * stream stays empty afterwards, the offline one only that the refusal comes, typed.
 */
export function badAppends(store: () => EventStore, stream: string, maxEventBytes: number): Array<[() => Promise<unknown>, new (...args: never[]) => Error]> {
  const cyclic: Record<string, unknown> = {};
  cyclic['self'] = cyclic;
  return [
    [() => store().append('', [event('A')]), InvalidStreamName],
    [() => store().append('$system', [event('A')]), InvalidStreamName],
    [() => store().append('has space', [event('A')]), InvalidStreamName],
    [() => store().append('case-\uD800', [event('A')]), InvalidStreamName],
    [() => store().append(stream, []), InvalidEvent],
    [() => store().append(stream, [{ type: 'A', data: { when: new Date() } as never }]), InvalidEvent],
    [() => store().append(stream, [{ type: 'A', data: { n: Number.NaN } }]), InvalidEvent],
    [() => store().append(stream, [{ type: 'A', data: { f: (() => 1) as never } }]), InvalidEvent],
    [() => store().append(stream, [{ type: 'A', data: { big: 1n as never } }]), InvalidEvent],
    [() => store().append(stream, [{ type: 'A', data: cyclic as never }]), InvalidEvent],
    [() => store().append(stream, [{ type: 'A', data: undefined as never }]), InvalidEvent],
    [() => store().append(stream, [{ type: '1bad type', data: {} }]), InvalidEvent],
    [() => store().append(stream, [{ id: 'not-a-uuid', type: 'A', data: {} }]), InvalidEvent],
    [() => store().append(stream, [event('A'), { type: 'B', data: {}, metadata: { hash: 'forged' } }]), InvalidEvent],
    [() => store().append(stream, [{ type: 'A', data: {}, metadata: { $correlationId: 'x' } }]), InvalidEvent],
    [() => store().append(stream, [event('Attachment', { big: 'y'.repeat(maxEventBytes) })]), EventTooLarge],
  ];
}

/**
 * What every engine decides on its own, before it asks its storage anything. The esdb engine runs
 * these against the real @eventstore/db-client pointed at a closed port, so a client upgrade that
 * changes how an option is sent shows here, with no server.
 */
export function offlineContract(target: ContractTarget, store: () => EventStore): void {
  it('refuses bad appends with a typed error before anything is sent', async () => {
    for (const [attempt, type] of badAppends(store, streamName('bad'), target.maxEventBytes ?? 4 * 1024 * 1024)) {
      await expect(attempt()).rejects.toBeInstanceOf(type);
    }
  });

  it('refuses malformed read options and stream names with a typed error', async () => {
    const refusals = [
      () => store().readStream(streamName(), { maxCount: 2.5 }),
      () => store().readStream(streamName(), { maxCount: -1 }),
      () => store().readStream(streamName(), { maxCount: Number.NaN }),
      () => store().readStream(streamName(), { maxCount: '3' as never }),
      () => store().readAll({ maxCount: -1 }),
      () => store().readAll({ maxCount: 2.5, direction: 'backwards' }),
      () => store().readAll({ fromPosition: 'start', after: 0n }),
    ];
    for (const read of refusals) await expect(collect(read())).rejects.toBeInstanceOf(InvalidReadOptions);
    await expect(collect(store().readStream('case-\uD800'))).rejects.toBeInstanceOf(InvalidStreamName);
  });

  it('reads nothing forwards from past the largest 64-bit position or revision, and reads nothing for maxCount 0', async () => {
    const huge = 2n ** 64n;
    expect(await collect(store().readStream(streamName('bounds'), { fromRevision: huge }))).toEqual([]);
    expect(await collect(store().readAll({ fromPosition: huge }))).toEqual([]);
    expect(await collect(store().readAll({ after: huge }))).toEqual([]);
    expect(await collect(store().readAll({ maxCount: 0 }))).toEqual([]);
    expect(await collect(store().readAll({ fromPosition: 'start', direction: 'backwards' }))).toEqual([]);
  });

  it('answers StoreClosed, through the promise or the iterator, for anything asked of a closed store', async () => {
    const closed = await target.open();
    await closed.close();
    await expect(closed.append(streamName('closed'), [event('A')])).rejects.toBeInstanceOf(StoreClosed);
    await expect(collect(closed.readStream(streamName('closed')))).rejects.toBeInstanceOf(StoreClosed);
    await expect(collect(closed.readAll())).rejects.toBeInstanceOf(StoreClosed);
    for (const subscription of [closed.subscribeToAll({ fromPosition: 'end' }), closed.subscribeToStream(streamName('closed'))]) {
      await expect(subscription[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(StoreClosed);
      await subscription.close();
    }
  });
}
