import { expect, it } from 'vitest';
import { DuplicateEventId, EventTooLarge, WrongExpectedRevision, type EventStore } from '../../src/index.js';
import { collect, event, streamName, type ContractTarget } from './harness.js';
import { badAppends } from './offline.js';

export function appendContract(target: ContractTarget, store: () => EventStore): void {
  it('appends and reads back in order, reporting next revision and position', async () => {
    const stream = streamName();
    const first = await store().append(stream, [event('CaseOpened', { n: 1 }), event('LeadTransferred', { n: 2 })], { expectedRevision: 'no_stream' });
    expect(first.nextExpectedRevision).toBe(1n);
    const second = await store().append(stream, [event('LeadAccepted', { n: 3 })], { expectedRevision: 1n });
    expect(second.nextExpectedRevision).toBe(2n);
    expect(second.position > first.position).toBe(true);
    const events = await collect(store().readStream(stream));
    expect(events.map((e) => [e.type, e.revision, (e.data as { n: number }).n])).toEqual([
      ['CaseOpened', 0n, 1],
      ['LeadTransferred', 1n, 2],
      ['LeadAccepted', 2n, 3],
    ]);
    expect(events[2]!.position).toBe(second.position);
  });

  it('enforces each kind of expected revision with a typed error', async () => {
    const stream = streamName();
    await expect(store().append(stream, [event('A')], { expectedRevision: 'stream_exists' })).rejects.toBeInstanceOf(WrongExpectedRevision);
    await expect(store().append(stream, [event('A')], { expectedRevision: 0n })).rejects.toMatchObject({ actual: 'no_stream' });
    await store().append(stream, [event('A')], { expectedRevision: 'no_stream' });
    await expect(store().append(stream, [event('B')], { expectedRevision: 'no_stream' })).rejects.toMatchObject({
      code: 'wrong_expected_revision',
      actual: 0n,
    });
    await expect(store().append(stream, [event('B')], { expectedRevision: 5n })).rejects.toBeInstanceOf(WrongExpectedRevision);
    await store().append(stream, [event('B')], { expectedRevision: 'stream_exists' });
    await store().append(stream, [event('C')], { expectedRevision: 'any' });
    expect((await collect(store().readStream(stream))).map((e) => e.type)).toEqual(['A', 'B', 'C']);
  });

  it('lets exactly one of two writers with the same expected revision win', async () => {
    for (let round = 0; round < 5; round++) {
      const stream = streamName();
      await store().append(stream, [event('Opened')]);
      const outcomes = await Promise.allSettled([
        store().append(stream, [event('WriterA')], { expectedRevision: 0n }),
        store().append(stream, [event('WriterB')], { expectedRevision: 0n }),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(WrongExpectedRevision);
      expect(await collect(store().readStream(stream))).toHaveLength(2);
    }
  });

  it('treats a re-sent append (same event ids) as already done and returns the first result', async () => {
    const stream = streamName();
    const batch = [event('CaseOpened'), event('WorkerFeedbackGiven')];
    const first = await store().append(stream, batch, { expectedRevision: 'no_stream' });
    const retry = await store().append(stream, batch, { expectedRevision: 'no_stream' });
    expect(retry).toEqual(first);
    expect(await collect(store().readStream(stream))).toHaveLength(2);
  });

  it('refuses an id the stream already holds from a different append, writing nothing of that append', async () => {
    const stream = streamName();
    const [a, b, c] = [event('A'), event('B'), event('C')];
    await store().append(stream, [a, b]);
    await expect(store().append(stream, [b, c])).rejects.toBeInstanceOf(DuplicateEventId);
    await expect(store().append(stream, [c, a])).rejects.toBeInstanceOf(DuplicateEventId);
    expect((await collect(store().readStream(stream))).map((e) => e.type)).toEqual(['A', 'B']);
    // Ids are scoped to their stream, as on EventStoreDB: another stream may hold the same id.
    const other = streamName();
    await store().append(other, [a]);
    expect((await collect(store().readStream(other))).map((e) => e.id)).toEqual([a.id]);
  });

  it('keeps one global order across streams', async () => {
    const a = streamName('order');
    const b = streamName('order');
    const written: string[] = [];
    for (let i = 0; i < 10; i++) {
      const e = event('Tick', { i });
      written.push(e.id!);
      await store().append(i % 2 === 0 ? a : b, [e]);
    }
    const read = (await collect(store().readAll({ fromPosition: 'start' }))).filter((e) => e.stream === a || e.stream === b);
    expect(read.map((e) => e.id)).toEqual(written);
    for (let i = 1; i < read.length; i++) expect(read[i]!.position > read[i - 1]!.position).toBe(true);
  });

  it('round-trips Chinese text in data, metadata and stream names', async () => {
    const stream = streamName('案件');
    const data = { employer: '某危险品物流有限公司', category: '女职工特殊保护', note: '提示函：请于15个工作日内书面回复。🙂' };
    await store().append(stream, [event('CaseOpened', data, { metadata: { correlationId: 'c-1', causationId: 'c-0', user: '张三' } })]);
    const [stored] = await collect(store().readStream(stream));
    expect(stored!.stream).toBe(stream);
    expect(stored!.data).toEqual(data);
    expect(stored!.metadata).toMatchObject({ correlationId: 'c-1', causationId: 'c-0', user: '张三' });
  });

  it('stores a 1 MB event and refuses one over the limit, writing nothing', async () => {
    const stream = streamName('big');
    const big = 'x'.repeat(1024 * 1024);
    await store().append(stream, [event('Attachment', { big })]);
    const [stored] = await collect(store().readStream(stream));
    expect((stored!.data as { big: string }).big.length).toBe(big.length);
    const limit = target.maxEventBytes ?? 4 * 1024 * 1024;
    await expect(store().append(stream, [event('Attachment', { big: 'y'.repeat(limit) })])).rejects.toBeInstanceOf(EventTooLarge);
    expect(await collect(store().readStream(stream))).toHaveLength(1);
  });

  it('refuses bad input with a typed error and writes nothing', async () => {
    const stream = streamName('bad');
    const cases = badAppends(store, stream, target.maxEventBytes ?? 4 * 1024 * 1024);
    for (const [attempt, type] of cases) await expect(attempt()).rejects.toBeInstanceOf(type);
    expect(await collect(store().readStream(stream))).toHaveLength(0);
  });
}
