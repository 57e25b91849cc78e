import { randomUUID } from 'node:crypto';
import { SqliteEventStore, WrongExpectedRevision, type RecordedEvent } from '@hub/event-store';
import { afterAll, describe, expect, it } from 'vitest';
import {
  agencyStream,
  appendSigned,
  createSigner,
  EVENTS_SIGNED,
  KeyRing,
  SqliteSqlDb,
  publishKeys,
  readPublishedKeys,
  signaturesStream,
  signAppended,
  verifyStreamSignatures,
  declaredProof,
  proveEvents,
  readHead,
  type Signer,
} from '../src/index.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();
const store = new SqliteEventStore({ path: `${tmp.dir}/hub.db` });
afterAll(async () => {
  await store.close();
  tmp.cleanup();
});

const unionRing = await KeyRing.open(SqliteSqlDb.open(`${tmp.dir}/union.local.db`));
const courtRing = await KeyRing.open(SqliteSqlDb.open(`${tmp.dir}/court.local.db`));
const union = createSigner(await unionRing.current('events'));
const court = createSigner(await courtRing.current('events'));

async function readAll(stream: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of store.readStream(stream)) out.push(e);
  return out;
}

async function publishAll() {
  await publishKeys(store, 'union', [await unionRing.current('events'), await unionRing.current('sessions')]);
  await publishKeys(store, 'court', [await courtRing.current('events')]);
  return readPublishedKeys(store);
}

describe('publishKeys', () => {
  it('publishes each key once; publishing again writes nothing', async () => {
    await publishAll();
    await publishAll();
    const events = await readAll(agencyStream('union'));
    expect(events.map((e) => e.type)).toEqual(['AgencyKeyPublished', 'AgencyKeyPublished']);
    expect(events[0]!.data).toEqual({
      agency: 'union',
      purpose: 'events',
      keyId: union.keyId,
      publicKey: (await unionRing.current('events')).publicKeyRaw.toString('base64'),
      algorithm: 'Ed25519',
    });
    const keys = await readPublishedKeys(store);
    expect(keys.filter((k) => k.agency === 'union').map((k) => k.purpose)).toEqual(['events', 'sessions']);
  });

  it('ignores a key appended to an agency stream by someone else', async () => {
    const intruder = await (await KeyRing.open(SqliteSqlDb.open(':memory:'))).current('events');
    // The court (or anyone) appends a key to the union's stream: its metadata gives it away.
    await store.append(agencyStream('union'), [
      {
        type: 'AgencyKeyPublished',
        data: { agency: 'union', purpose: 'events', keyId: intruder.keyId, publicKey: intruder.publicKeyRaw.toString('base64'), algorithm: 'Ed25519' },
        metadata: { agency: 'court' },
      },
    ]);
    const keys = await readPublishedKeys(store);
    expect(keys.some((k) => k.agency === 'union' && k.keyId === intruder.keyId)).toBe(false);
  });
});

describe('signAppended / verifyStreamSignatures', () => {
  it('covers every event of a case stream written by two agencies', async () => {
    const keys = await publishAll();
    const stream = `case-${randomUUID()}`;
    await appendSigned(
      store,
      'union',
      union,
      stream,
      [
        { type: 'CaseOpened', data: { n: 1 } },
        { type: 'LeadTransferred', data: {} },
      ],
      { expectedRevision: 'no_stream' },
    );
    await appendSigned(store, 'court', court, stream, [{ type: 'JudgmentIssued', data: {} }], { expectedRevision: 1n });
    const report = await verifyStreamSignatures(store, stream, keys);
    expect(report).toMatchObject({ ok: true, events: 3, problems: [] });
    expect(report.chain.ok).toBe(true);
    // The proof rides in the append's first event: no second append, no EventsSigned record.
    expect((await readAll(signaturesStream('union'))).filter((e) => (e.data as { stream: string }).stream === stream)).toEqual([]);
    const stored = await readAll(stream);
    expect(stored.map((e) => declaredProof(e))).toEqual([
      { v: 1, algorithm: 'Ed25519', keyId: union.keyId, count: 2, signature: expect.any(String) },
      null,
      { v: 1, algorithm: 'Ed25519', keyId: court.keyId, count: 1, signature: expect.any(String) },
    ]);
  });

  it('still verifies events signed by an EventsSigned record, as written before the proof moved inline, beside new ones', async () => {
    const keys = await publishAll();
    const stream = `case-${randomUUID()}`;
    const result = await store.append(stream, [
      { type: 'CaseOpened', data: {}, metadata: { agency: 'union' } },
      { type: 'LeadTransferred', data: {}, metadata: { agency: 'union' } },
    ]);
    await signAppended(store, 'union', union, stream, { result, count: 2 });
    await appendSigned(store, 'court', court, stream, [{ type: 'JudgmentIssued', data: {} }], { expectedRevision: 1n });
    expect(await verifyStreamSignatures(store, stream, keys)).toMatchObject({ ok: true, events: 3, problems: [] });
  });

  it('writes nothing new when signing a retried append again', async () => {
    const stream = `case-${randomUUID()}`;
    const events = [{ id: randomUUID(), type: 'CaseOpened', data: {}, metadata: { agency: 'union' } }];
    const result = await store.append(stream, events);
    await signAppended(store, 'union', union, stream, { result, count: 1 });
    const retried = await store.append(stream, events);
    await signAppended(store, 'union', union, stream, { result: retried, count: 1 });
    const signed = (await readAll(signaturesStream('union'))).filter((e) => (e.data as { stream: string }).stream === stream);
    expect(signed).toHaveLength(1);
  });

  it("refuses to sign another agency's events", async () => {
    const stream = `case-${randomUUID()}`;
    const result = await store.append(stream, [{ type: 'JudgmentIssued', data: {}, metadata: { agency: 'court' } }]);
    await expect(signAppended(store, 'union', union, stream, { result, count: 1 })).rejects.toThrow(/not recorded by union/);
  });

  it('reports an event not covered by any signature', async () => {
    const keys = await publishAll();
    const stream = `case-${randomUUID()}`;
    await appendSigned(store, 'union', union, stream, [{ type: 'CaseOpened', data: {} }]);
    await store.append(stream, [{ type: 'FeedbackGiven', data: {}, metadata: { agency: 'union' } }]);
    await store.append(stream, [{ type: 'Anonymous', data: {} }]);
    const report = await verifyStreamSignatures(store, stream, keys);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      { kind: 'unsigned', revision: 1n, agency: 'union' },
      { kind: 'unsigned', revision: 2n, agency: null },
    ]);
  });

  it("rejects a forged signature: a key that is not the agency's, under the agency's key id", async () => {
    const keys = await publishAll();
    const stream = `case-${randomUUID()}`;
    const result = await store.append(stream, [{ type: 'CaseOpened', data: {}, metadata: { agency: 'union' } }]);
    const forger = createSigner(await (await KeyRing.open(SqliteSqlDb.open(':memory:'))).current('events'));
    const posing: Signer = { keyId: union.keyId, sign: (m) => forger.sign(m) };
    await signAppended(store, 'union', posing, stream, { result, count: 1 });
    const report = await verifyStreamSignatures(store, stream, keys);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.kind)).toEqual(['bad-signature', 'unsigned']);
  });

  it('does not accept a court signature for a union event, nor an unknown key', async () => {
    const keys = await publishAll();
    const stream = `case-${randomUUID()}`;
    const [event] = [{ type: 'CaseOpened', data: {}, metadata: { agency: 'union' } }];
    await store.append(stream, [event!]);
    const [stored] = await readAll(stream);
    // The court signs the union's event, filed in the union's signature stream with the court's key id.
    await store.append(signaturesStream('union'), [
      {
        type: EVENTS_SIGNED,
        metadata: { agency: 'union' },
        data: {
          stream,
          fromRevision: '0',
          toRevision: '0',
          hashes: [stored!.metadata.hash],
          signature: court.sign(stored!.metadata.hash),
          keyId: court.keyId,
          algorithm: 'Ed25519',
        },
      },
    ]);
    const report = await verifyStreamSignatures(store, stream, keys);
    expect(report.problems.map((p) => p.kind)).toEqual(['unknown-key', 'unsigned']);
  });
});

describe('the proof inside the append (event-proof.ts)', () => {
  const opened = [{ type: 'CaseOpened', data: { n: 1 } }];
  const kinds = async (stream: string) => (await verifyStreamSignatures(store, stream, await publishAll())).problems.map((p) => p.kind);

  it('does not verify when an event differs from what was signed', async () => {
    const stream = `case-${randomUUID()}`;
    const [proven] = proveEvents('union', union, stream, null, opened);
    await store.append(stream, [{ ...proven!, data: { n: 2 } }], { expectedRevision: 'no_stream' });
    expect(await kinds(stream)).toEqual(['bad-signature', 'unsigned']);
  });

  it('does not verify when the events follow another head than the one signed', async () => {
    const stream = `case-${randomUUID()}`;
    await appendSigned(store, 'union', union, stream, opened);
    const head = (await readHead(store, stream))!;
    const elsewhere = proveEvents('union', union, stream, { revision: head.revision, hash: '0'.repeat(64) }, [{ type: 'FeedbackGiven', data: {} }]);
    await store.append(stream, elsewhere, { expectedRevision: head.revision });
    expect(await kinds(stream)).toEqual(['bad-signature', 'unsigned']);
  });

  it("does not take a proof made with another agency's key, nor one whose events are cut off", async () => {
    const posing = `case-${randomUUID()}`;
    await store.append(posing, proveEvents('union', court, posing, null, opened));
    expect(await kinds(posing)).toEqual(['unknown-key', 'unsigned']);
    const cut = `case-${randomUUID()}`;
    const [first] = proveEvents('union', union, cut, null, [...opened, { type: 'LeadTransferred', data: {} }]);
    await store.append(cut, [first!]);
    expect(await kinds(cut)).toEqual(['bad-signature', 'unsigned']);
  });

  it('appends nothing when the head moved since it was read', async () => {
    const stream = `case-${randomUUID()}`;
    await appendSigned(store, 'union', union, stream, opened);
    await expect(appendSigned(store, 'court', court, stream, [{ type: 'JudgmentIssued', data: {} }], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
      WrongExpectedRevision,
    );
    expect(await readAll(stream)).toHaveLength(1);
  });
});
