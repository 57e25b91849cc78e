import { expect, it } from 'vitest';
import type { EventStore } from '../../src/index.js';
import { collect, event, streamName } from './harness.js';

export function readContract(store: () => EventStore): void {
  it('reads a stream from a revision, backwards, and up to a count', async () => {
    const stream = streamName();
    await store().append(
      stream,
      Array.from({ length: 7 }, (_, i) => event('Step', { i })),
    );
    const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
      (await collect(store().readStream(stream, options))).map((e) => Number(e.revision));
    expect(await revisions({ fromRevision: 3n })).toEqual([3, 4, 5, 6]);
    expect(await revisions({ direction: 'backwards' })).toEqual([6, 5, 4, 3, 2, 1, 0]);
    expect(await revisions({ direction: 'backwards', fromRevision: 2n })).toEqual([2, 1, 0]);
    expect(await revisions({ maxCount: 2 })).toEqual([0, 1]);
    expect(await collect(store().readStream(streamName('missing')))).toEqual([]);
  });

  it('takes positions and revisions beyond 64 bits as "past the end" or "before the start"', async () => {
    const stream = streamName('bounds');
    await store().append(stream, [event('A'), event('B')]);
    const huge = 2n ** 64n;
    expect(await collect(store().readStream(stream, { fromRevision: huge }))).toEqual([]);
    expect((await collect(store().readStream(stream, { direction: 'backwards', fromRevision: 2n ** 63n - 1n }))).map((e) => e.type)).toEqual(['B', 'A']);
    expect((await collect(store().readStream(stream, { fromRevision: -(2n ** 70n) }))).map((e) => e.type)).toEqual(['A', 'B']);
    expect(await collect(store().readAll({ fromPosition: huge }))).toEqual([]);
    expect(await collect(store().readAll({ fromPosition: huge, direction: 'backwards', maxCount: 1 }))).toHaveLength(1);
  });

  it('reads all from a position, backwards, and up to a count', async () => {
    const stream = streamName();
    const { position } = await store().append(
      stream,
      Array.from({ length: 5 }, (_, i) => event('Step', { i })),
    );
    const mine = (await collect(store().readAll({ fromPosition: 'start' }))).filter((e) => e.stream === stream);
    expect(mine.map((e) => e.position).at(-1)).toBe(position);
    const fromThird = await collect(store().readAll({ fromPosition: mine[2]!.position, maxCount: 2 }));
    expect(fromThird.map((e) => e.id)).toEqual(mine.slice(2, 4).map((e) => e.id));
    const back = await collect(store().readAll({ fromPosition: mine[4]!.position, direction: 'backwards', maxCount: 5 }));
    expect(back.map((e) => e.id)).toEqual([...mine].reverse().map((e) => e.id));
    const newest = await collect(store().readAll({ direction: 'backwards', maxCount: 1 }));
    expect(newest).toHaveLength(1);
    expect(newest[0]!.position >= position).toBe(true);
    expect(await store().headPosition()).not.toBeNull();
  });

  it('reads strictly after a position it gave out, both ways, with no arithmetic on positions', async () => {
    const stream = streamName('after');
    await store().append(
      stream,
      Array.from({ length: 4 }, (_, i) => event('Step', { i })),
    );
    const mine = await collect(store().readStream(stream));
    const ids = mine.map((e) => e.id);
    const after = async (position: bigint, direction: 'forwards' | 'backwards') =>
      (await collect(store().readAll({ after: position, direction, filter: { streamPrefix: stream } }))).map((e) => e.id);
    expect(await after(mine[1]!.position, 'forwards')).toEqual(ids.slice(2));
    expect(await after(mine[3]!.position, 'forwards')).toEqual([]);
    expect(await after(mine[2]!.position, 'backwards')).toEqual(ids.slice(0, 2).reverse());
    expect(await after(mine[0]!.position, 'backwards')).toEqual([]);
    const next = await collect(store().readAll({ after: mine[0]!.position, maxCount: 1 }));
    expect(next.map((e) => e.position > mine[0]!.position)).toEqual([true]);
  });

  it('filters all events by stream prefix, by event type, and by both', async () => {
    const tag = streamName('filter');
    const cases = `${tag}-case`;
    const meetings = `${tag}-meeting`;
    await store().append(`${cases}-1`, [event('CaseOpened'), event('LeadTransferred')]);
    await store().append(`${meetings}-1`, [event('MeetingScheduled'), event('LeadTransferred')]);
    await store().append(`${cases}-2`, [event('CaseOpened')]);
    const ids = async (filter: { streamPrefix?: string; eventTypes?: string[] }) =>
      (await collect(store().readAll({ filter }))).filter((e) => e.stream.startsWith(tag)).map((e) => `${e.stream.slice(tag.length + 1)}:${e.type}`);
    expect(await ids({ streamPrefix: cases })).toEqual(['case-1:CaseOpened', 'case-1:LeadTransferred', 'case-2:CaseOpened']);
    expect(await ids({ streamPrefix: tag, eventTypes: ['LeadTransferred'] })).toEqual(['case-1:LeadTransferred', 'meeting-1:LeadTransferred']);
    expect(await ids({ streamPrefix: meetings, eventTypes: ['LeadTransferred', 'CaseOpened'] })).toEqual(['meeting-1:LeadTransferred']);
    // A prefix is literal text, never a pattern.
    expect(await ids({ streamPrefix: `${tag}-%` })).toEqual([]);
  });
}
