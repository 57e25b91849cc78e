import { createHash } from 'node:crypto';
import { canonicalJson, SqliteEventStore, hashingWith, type RecordedEvent } from '@hub/event-store';
import { describe, expect, it } from 'vitest';
import {
  appendProven,
  checkInlineProofs,
  createSigner,
  endorseKey,
  GM_SUITE,
  INTL_SUITE,
  KeyRing,
  loadConfig,
  SqliteSqlDb,
  parseTrustFile,
  proofFor,
  proofMessage,
  publishedKeyOf,
  publishKeyRing,
  readHead,
  readPublishedKeys,
  resolveTrust,
  signWitness,
  TRUST_FORMAT,
  verifySignature,
  verifyWitnessProof,
  witnessDigest,
  witnessMessage,
} from '../src/index.js';

/** SM2 wherever a signature is, under CRYPTO_SUITE=gm, and verification by each record's own algorithm (issue 15.6). */
async function events(store: SqliteEventStore, stream: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of store.readStream(stream)) out.push(e);
  return out;
}

describe('SM2 signatures and mixed histories', () => {
  it('given a key ring that switches from intl to gm, then the Ed25519 key is retired and kept, an SM2 key is current, and publishing endorses it with the Ed25519 key so old anchors trust it', async () => {
    const db = SqliteSqlDb.open(':memory:');
    const ed = await (await KeyRing.open(db, undefined, null, INTL_SUITE)).current('events');
    expect(ed.algorithm).toBe('Ed25519');
    const gmRing = await KeyRing.open(db, undefined, null, GM_SUITE);
    const sm2 = await gmRing.current('events');
    expect(sm2.algorithm).toBe('SM2');
    expect(sm2.publicKeyRaw).toHaveLength(65);
    expect((await gmRing.current('events')).keyId).toBe(sm2.keyId);
    expect(gmRing.all('events').map((k) => k.algorithm)).toEqual(['Ed25519', 'SM2']);

    const store = new SqliteEventStore({ path: ':memory:' });
    await publishKeyRing(store, 'union', gmRing);
    const published = await readPublishedKeys(store);
    const sm2Published = published.find((k) => k.keyId === sm2.keyId)!;
    expect(sm2Published.endorsement?.keyId).toBe(ed.keyId);
    const stored = (await events(store, 'agency-union')).map((e) => (e.data as { algorithm: string }).algorithm);
    expect(stored).toContain('SM2');
    const { trusted, refused } = resolveTrust({ anchors: [publishedKeyOf('union', ed)], storeKeys: false }, published);
    expect(trusted.map((k) => k.keyId)).toContain(sm2.keyId);
    expect(refused.filter((k) => k.purpose === 'events')).toEqual([]);
    // An endorsement signed by the SM2 key of an Ed25519 successor verifies too (either direction).
    const later = await (await KeyRing.open(SqliteSqlDb.open(':memory:'))).current('events');
    const endorsement = endorseKey(sm2, publishedKeyOf('union', later));
    expect(
      resolveTrust({ anchors: [publishedKeyOf('union', sm2)], storeKeys: false }, [{ ...publishedKeyOf('union', later), endorsement }]).trusted,
    ).toHaveLength(2);
    await store.close();
  });

  it('given a stream proven first with Ed25519 and then with SM2, then both proofs verify, each by its own algorithm; a proof relabelled, or checked with the other key, fails', async () => {
    const intlKey = await (await KeyRing.open(SqliteSqlDb.open(':memory:'))).current('events');
    const gmKey = await (await KeyRing.open(SqliteSqlDb.open(':memory:'), undefined, null, GM_SUITE)).current('events');
    const store = new SqliteEventStore({ path: ':memory:' });
    await appendProven(store, 'union', createSigner(intlKey), 'case-1', [{ type: 'Opened', data: { n: 1 } }], null);
    await appendProven(hashingWith(store, 'sm3'), 'union', createSigner(gmKey), 'case-1', [{ type: 'Noted', data: { n: 2 } }], await readHead(store, 'case-1'));
    const stream = await events(store, 'case-1');
    expect(stream.map((e) => (e.metadata['proof'] as { algorithm: string }).algorithm)).toEqual(['Ed25519', 'SM2']);
    const keys = new Map([intlKey, gmKey].map((k) => [k.keyId, { publicKey: k.publicKeyRaw.toString('base64') }]));
    expect(checkInlineProofs(stream, (_agency, keyId) => keys.get(keyId))).toMatchObject({ problems: [] });
    expect(checkInlineProofs(stream, (_agency, keyId) => keys.get(keyId)).covered.size).toBe(2);

    const relabelled = stream.map((e, i) =>
      i === 1 ? { ...e, metadata: { ...e.metadata, proof: { ...(e.metadata['proof'] as object), algorithm: 'Ed25519' } } } : e,
    );
    expect(checkInlineProofs(relabelled, (_agency, keyId) => keys.get(keyId)).problems).toMatchObject([{ kind: 'bad-signature', revision: 1n }]);
    const swapped = checkInlineProofs(stream, () => ({ publicKey: intlKey.publicKeyRaw.toString('base64') }));
    expect(swapped.problems).toMatchObject([{ kind: 'bad-signature', revision: 1n }]);
    await store.close();
  });

  it('given a stream proven with Ed25519 and then SM2, and a witness record of each, then the SM2 ones digest with SM3 and the Ed25519 ones with SHA-256, as recomputed with node', async () => {
    const intlKey = await (await KeyRing.open(SqliteSqlDb.open(':memory:'))).current('events');
    const gmKey = await (await KeyRing.open(SqliteSqlDb.open(':memory:'), undefined, null, GM_SUITE)).current('events');
    const store = new SqliteEventStore({ path: ':memory:' });
    await appendProven(store, 'union', createSigner(intlKey), 'case-1', [{ type: 'Opened', data: { n: 1 } }], null);
    const head = await readHead(store, 'case-1');
    await appendProven(
      hashingWith(store, 'sm3'),
      'union',
      createSigner(gmKey),
      'case-1',
      [
        { type: 'Noted', data: { n: 2 } },
        { type: 'Noted', data: { n: 3 } },
      ],
      head,
    );
    const stream = await events(store, 'case-1');
    const digest = (alg: string, e: RecordedEvent) => {
      const { hash: _h, prevHash: _p, recordedAt: _r, hashAlg: _a, proof: _proof, ...metadata } = e.metadata as Record<string, unknown>;
      const text = canonicalJson({ data: e.data, id: e.id, metadata, revision: e.revision.toString(), stream: e.stream, type: e.type } as never);
      return createHash(alg).update(text, 'utf8').digest('hex');
    };
    const verifies = (alg: string, from: number, count: number, key: typeof intlKey) => {
      const first = stream[from]!;
      const proof = first.metadata['proof'] as { signature: string; algorithm: string };
      const message = proofMessage(
        'case-1',
        first.revision,
        first.metadata.prevHash ?? null,
        stream.slice(from, from + count).map((e) => digest(alg, e)),
      );
      return verifySignature(key.publicKeyRaw.toString('base64'), message, proof.signature, proof.algorithm);
    };
    expect([verifies('sha256', 0, 1, intlKey), verifies('sm3', 0, 1, intlKey)]).toEqual([true, false]);
    expect([verifies('sm3', 1, 2, gmKey), verifies('sha256', 1, 2, gmKey)]).toEqual([true, false]);
    await store.close();

    const unsigned = {
      agency: 'union',
      sequence: 0,
      takenAt: '2026-03-01T00:00:00.000Z',
      position: '7',
      previous: null,
      heads: [{ stream: 'case-1', revision: '3', hash: 'ab'.repeat(32) }],
    };
    const leafText = canonicalJson({ hash: 'ab'.repeat(32), revision: '3', stream: 'case-1' });
    for (const [key, alg] of [
      [gmKey, 'sm3'],
      [intlKey, 'sha256'],
    ] as const) {
      const record = signWitness(createSigner(key), unsigned);
      const proof = proofFor(record, 'case-1')!;
      expect(proof.leaves).toEqual([createHash(alg).update(leafText, 'utf8').digest('hex')]);
      expect(verifyWitnessProof(proof, key.publicKeyRaw.toString('base64'))).toBe(true);
      expect(witnessDigest(proof)).toBe(createHash(alg).update(witnessMessage(proof), 'utf8').digest('hex'));
    }
  });

  it('given an SM2 events key, then a witness record is SM2-signed and verifies; a changed byte fails; an SM2 signature never verifies as Ed25519', async () => {
    const gmKey = await (await KeyRing.open(SqliteSqlDb.open(':memory:'), undefined, null, GM_SUITE)).current('events');
    const record = signWitness(createSigner(gmKey), {
      agency: 'union',
      sequence: 0,
      takenAt: '2026-03-01T00:00:00.000Z',
      position: '7',
      previous: null,
      heads: [{ stream: 'case-1', revision: '3', hash: 'ab'.repeat(32) }],
    });
    expect(record.algorithm).toBe('SM2');
    const proof = proofFor(record, 'case-1')!;
    const publicKey = gmKey.publicKeyRaw.toString('base64');
    expect(verifyWitnessProof(proof, publicKey)).toBe(true);
    const sig = Buffer.from(proof.signature, 'base64');
    sig[10]! ^= 1;
    expect(verifyWitnessProof({ ...proof, signature: sig.toString('base64') }, publicKey)).toBe(false);
    expect(verifyWitnessProof({ ...proof, algorithm: 'Ed25519' }, publicKey)).toBe(false);
    expect(verifySignature(publicKey, 'abc', createSigner(gmKey).sign('abc'), 'Ed25519')).toBe(false);
    expect(verifySignature(publicKey, 'abc', createSigner(gmKey).sign('abc'), 'SM2')).toBe(true);
  });

  it('given PUBLIC_KEYS or a trust file naming SM2 keys (with or without the algorithm), then they load; a wrong name, length or point is refused', async () => {
    const sm2 = await (await KeyRing.open(SqliteSqlDb.open(':memory:'), undefined, null, GM_SUITE)).current('events');
    const raw = sm2.publicKeyRaw.toString('base64');
    const config = loadConfig({ PORT: '1', PUBLIC_KEYS: `court:events:${raw}, union:sessions:SM2:${raw}` });
    expect(config.publicKeys.map((k) => k.keyId)).toEqual([sm2.keyId, sm2.keyId]);
    expect(() => loadConfig({ PORT: '1', PUBLIC_KEYS: `court:events:Ed25519:${raw}` })).toThrow(/PUBLIC_KEYS entry/);
    const offCurve = Buffer.from(sm2.publicKeyRaw);
    offCurve[64]! ^= 1;
    expect(() => loadConfig({ PORT: '1', PUBLIC_KEYS: `court:events:${offCurve.toString('base64')}` })).toThrow(/PUBLIC_KEYS entry/);
    const file = parseTrustFile(
      JSON.stringify({ format: TRUST_FORMAT, anchors: [{ agency: 'union', purpose: 'events', algorithm: 'SM2', publicKey: raw }] }),
      't.json',
    );
    expect(file.anchors[0]!.keyId).toBe(sm2.keyId);
    expect(() =>
      parseTrustFile(
        JSON.stringify({ format: TRUST_FORMAT, anchors: [{ agency: 'union', purpose: 'events', algorithm: 'Ed25519', publicKey: raw }] }),
        't.json',
      ),
    ).toThrow(/is an SM2 key, not Ed25519/);
  });
});
