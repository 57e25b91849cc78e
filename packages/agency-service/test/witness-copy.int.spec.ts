import { SqliteEventStore } from '@hub/event-store';
import { createLogger, createSigner, KeyRing, signWitness, SqliteSqlDb, type Signer, type WitnessRecord } from '@hub/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyDbEngines } from '../../service-kit/test/agency-db-engines.js';
import { SignatureRepairWorker } from '../src/repair/index.js';
import { WitnessCopy, type KeptRecord } from '../src/witness/index.js';

/** The agency's own witness copy and repair cursor in its database: SQLite always, PostgreSQL with DATABASE_URL. */
let signer: Signer;
beforeAll(async () => {
  signer = createSigner(await (await KeyRing.open(SqliteSqlDb.open(':memory:'))).current('events'));
});

const head = (n: number) => ({ stream: `case-0000000${n}-0000-4000-8000-000000000000`, revision: String(n), hash: `${n}`.repeat(64).slice(0, 64) });

/** What Witness.runOnce makes: each record chained to the one kept before it. */
const chained =
  (position: bigint, heads: ReturnType<typeof head>[][]) =>
  (previous: KeptRecord | undefined, i: number): WitnessRecord =>
    signWitness(signer, {
      agency: 'union',
      sequence: previous ? previous.record.sequence + 1 : 0,
      takenAt: '2026-12-07T10:00:00.000Z',
      position: position.toString(),
      previous: previous ? previous.digest : null,
      heads: heads[i]!,
    });

describe.each(agencyDbEngines())('the witness copy and the repair cursor on $name', (engine) => {
  afterAll(() => engine.cleanup());

  it('keeps records chained with the cursor, lists those the store has not acknowledged, and finds them by stream, latest first', async () => {
    const copy = await WitnessCopy.open(engine.open('copy'));
    expect(await copy.scanned()).toBeNull();
    expect(await copy.last()).toBeUndefined();
    const made = await copy.keep(10n, 2, chained(10n, [[head(1), head(2)], [head(3)]]));
    expect(made.map((k) => [k.record.sequence, k.record.previous])).toEqual([
      [0, null],
      [1, made[0]!.digest],
    ]);
    expect(await copy.scanned()).toBe(10n);
    expect((await copy.pending()).map((k) => k.record.sequence)).toEqual([0, 1]);
    await copy.markAppended(0, '2026-12-07T10:00:01.000Z');
    expect((await copy.pending()).map((k) => k.record.sequence)).toEqual([1]);
    const next = await copy.keep(20n, 1, chained(20n, [[head(1)]]));
    expect(next[0]!.record.previous).toBe(made[1]!.digest);
    const forOne = await copy.forStream(head(1).stream);
    expect(forOne.map((k) => [k.record.sequence, k.inStore])).toEqual([
      [2, false],
      [0, true],
    ]);
    expect(forOne[1]!.record).toEqual(made[0]!.record);
    expect(await copy.forStream(head(9).stream)).toEqual([]);
    await copy.setScanned(25n);
    // Opened again (a restart): the same copy.
    const again = await WitnessCopy.open(engine.open('copy'));
    expect(await again.scanned()).toBe(25n);
    expect((await again.last())?.digest).toBe(next[0]!.digest);
  });

  it('given two replicas keeping records for the same heads, then the chain never forks and the heads are recorded once', async () => {
    const [one, two] = [await WitnessCopy.open(engine.open('replicas')), await WitnessCopy.open(engine.open('replicas'))];
    // Two SQLite connections of one process cannot both wait inside a transaction: one after the other there.
    const both =
      engine.name === 'PostgreSQL'
        ? await Promise.all([one.keep(5n, 1, chained(5n, [[head(1)]])), two.keep(5n, 1, chained(5n, [[head(1)]]))])
        : [await one.keep(5n, 1, chained(5n, [[head(1)]])), await two.keep(5n, 1, chained(5n, [[head(1)]]))];
    expect(both.map((made) => made.length).sort()).toEqual([0, 1]);
    const later = await two.keep(8n, 1, chained(8n, [[head(2)]]));
    expect(later[0]!.record.sequence).toBe(1);
    expect(later[0]!.record.previous).toBe(both.flat()[0]!.digest);
    expect((await one.pending()).map((k) => k.record.sequence)).toEqual([0, 1]);
  });

  it('the repair worker keeps its checkpoint there: none before the first scan, then where the next scan resumes', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const options = {
      agency: 'union',
      store,
      signer,
      db: engine.open('repair'),
      clock: () => new Date(),
      logger: createLogger({ name: 'repair', level: 'silent' }),
      graceMs: 0,
    };
    const worker = await SignatureRepairWorker.open(options);
    expect(await worker.checkpoint()).toBeNull();
    expect(await worker.checkpointExclusive()).toBe(false);
    await store.append('case-x', [{ type: 'Noted', data: {}, metadata: { agency: 'court' } }]);
    const report = await worker.run('admin', 'checkpoint');
    expect(await worker.checkpoint()).toBe(BigInt(report.resumeFrom));
    expect(await worker.checkpointExclusive()).toBe(report.resumeExclusive);
    const reopened = await SignatureRepairWorker.open({ ...options, db: engine.open('repair') });
    expect(await reopened.checkpoint()).toBe(BigInt(report.resumeFrom));
    await store.close();
  });
});
