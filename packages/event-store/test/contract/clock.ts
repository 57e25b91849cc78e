import { expect, it } from 'vitest';
import { recomputeHash, type EventStore, type RecordedEvent } from '../../src/index.js';
import { collect, event, streamName, type ContractTarget } from './harness.js';

/** The store's newest event, read as any reader would. */
async function newest(store: EventStore): Promise<RecordedEvent> {
  const [last] = await collect(store.readAll({ direction: 'backwards', maxCount: 1 }));
  if (!last) throw new Error('the store is empty');
  return last;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * recordedAt comes from the `clock` option (real time by default) and never goes back in position
 * order: a reading earlier than the newest recordedAt stored gets that one. The tests never set a
 * clock ahead of real time (it would hold every later event of a shared store at that instant):
 * they read instants between the newest stored event and now, or in the past.
 */
export function clockContract(target: ContractTarget, store: () => EventStore): void {
  it('stamps recordedAt with real time by default', async () => {
    const before = Date.now();
    await store().append(streamName('clock-default'), [event('Ticked')]);
    const last = await newest(store());
    expect(Date.parse(last.metadata.recordedAt)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(last.metadata.recordedAt)).toBeLessThanOrEqual(Date.now());
  });

  it('reads recordedAt from the clock option, one reading per append, sealed into the hash', async () => {
    await store().append(streamName('clock-floor'), [event('Ticked')]);
    const floor = Date.parse((await newest(store())).metadata.recordedAt);
    await sleep(50);
    let now = floor + 10;
    const clocked = await target.open({ clock: () => new Date(now) });
    try {
      const stream = streamName('clock-option');
      await clocked.append(stream, [event('CaseOpened')]);
      now += 15;
      await clocked.append(stream, [event('LeadTransferred'), event('LeadAccepted')]);
      const events = await collect(clocked.readStream(stream));
      expect(events.map((e) => e.metadata.recordedAt)).toEqual([iso(floor + 10), iso(floor + 25), iso(floor + 25)]);
      for (const e of events) expect(recomputeHash(e)).toBe(e.metadata.hash);
      expect(await clocked.verifyStream(stream)).toMatchObject({ ok: true, events: 3 });
    } finally {
      await clocked.close();
    }
  });

  it('never goes back: a reading earlier than the newest recordedAt gets that one, in any stream', async () => {
    await store().append(streamName('clock-floor'), [event('Ticked')]);
    const start = await newest(store());
    await sleep(50);
    let now = Date.parse(start.metadata.recordedAt) + 20;
    const clocked = await target.open({ clock: () => new Date(now) });
    try {
      const [a, b] = [streamName('clock-back'), streamName('clock-back')];
      await clocked.append(a, [event('CaseOpened')]);
      now -= 86_400_000; // a day back
      await clocked.append(b, [event('CaseOpened')]);
      await clocked.append(a, [event('CaseClosed')]);
      const later = [...(await collect(clocked.readStream(a))), ...(await collect(clocked.readStream(b)))];
      expect(later.map((e) => e.metadata.recordedAt)).toEqual(Array<string>(3).fill(iso(Date.parse(start.metadata.recordedAt) + 20)));
      expect(await clocked.verifyStream(a)).toMatchObject({ ok: true, events: 2 });
      // Real time moves on from there.
      await store().append(streamName('clock-after'), [event('Ticked')]);
      const all = await collect(store().readAll({ fromPosition: start.position }));
      const times = all.map((e) => Date.parse(e.metadata.recordedAt));
      expect(times).toEqual([...times].sort((x, y) => x - y));
      expect(times.at(-1)!).toBeGreaterThan(times.at(-2)!);
    } finally {
      await clocked.close();
    }
  });

  it('clamps a backdated load into storage that already holds later events to the newest of them', async () => {
    await store().append(streamName('clock-real'), [event('Ticked')]);
    const latest = (await newest(store())).metadata.recordedAt;
    const backdated = await target.open({ clock: () => new Date(Date.parse(latest) - 40 * 86_400_000) });
    try {
      const stream = streamName('clock-backdated');
      await backdated.append(stream, [event('CaseOpened'), event('WorkerFeedbackGiven')]);
      const events = await collect(backdated.readStream(stream));
      expect(events.map((e) => e.metadata.recordedAt)).toEqual([latest, latest]);
      expect(await backdated.verifyStream(stream)).toMatchObject({ ok: true, events: 2 });
    } finally {
      await backdated.close();
    }
  });
}
