import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createSigner,
  KeyRing,
  SessionIssuer,
  SessionVerifier,
  keyIdOf,
  rawPublicKey,
  ringSessionKeys,
  signHash,
  SqliteSqlDb,
  verifySignature,
  type AgencyKeyPair,
} from '../src/index.js';
import { agencyDbEngines } from './agency-db-engines.js';

const HASH = createHash('sha256').update('event').digest('hex');

describe.each(agencyDbEngines())('key ring on $name', (engine) => {
  afterAll(() => engine.cleanup());

  it('generates a key pair per purpose on first use and keeps it', async () => {
    const db = engine.open('first-use');
    const ring = await KeyRing.open(db);
    const events = await ring.current('events');
    const sessions = await ring.current('sessions');
    expect(events.keyId).not.toBe(sessions.keyId);
    expect(events.keyId).toBe(createHash('sha256').update(events.publicKeyRaw).digest('hex').slice(0, 16));
    expect(events.publicKeyRaw).toHaveLength(32);
    expect((await (await KeyRing.open(db)).current('events')).keyId).toBe(events.keyId);
  });

  it('rotates: a new current key, the old one kept for verification', async () => {
    const ring = await KeyRing.open(engine.open('rotates'));
    const first = await ring.current('events');
    const second = await ring.rotate('events');
    expect((await ring.current('events')).keyId).toBe(second.keyId);
    expect(ring.all('events').map((k) => k.keyId)).toEqual([first.keyId, second.keyId]);
  });

  it('keeps rotation order when keys are made in the same millisecond (CI found it: ties were broken by key id)', async () => {
    const at = new Date('2026-12-07T09:00:00.000Z');
    const ring = await KeyRing.open(engine.open('same-ms'), () => at);
    const made = [await ring.current('events')];
    for (let i = 0; i < 8; i++) made.push(await ring.rotate('events'));
    expect((await ring.current('events')).keyId).toBe(made.at(-1)?.keyId);
    expect(ring.all('events').map((k) => k.keyId)).toEqual(made.map((k) => k.keyId));
  });

  it('given two replicas on one database, then a key one makes is seen by the other when it re-reads, or is asked for that key id', async () => {
    const one = await KeyRing.open(engine.open('replicas'));
    const two = await KeyRing.open(engine.open('replicas'));
    // Starting together, they agree on one current key (the ring's lock): neither made a second. (Two
    // SQLite connections of one process cannot both wait inside a transaction: one after the other there.)
    const [a, b] =
      engine.name === 'PostgreSQL'
        ? await Promise.all([one.current('sessions'), two.current('sessions')])
        : [await one.current('sessions'), await two.current('sessions')];
    expect(a.keyId).toBe(b.keyId);
    const rotated = await one.rotate('sessions');
    expect(two.known(rotated.keyId)).toBeUndefined();
    expect((await two.find(rotated.keyId))?.publicKeyRaw).toEqual(rotated.publicKeyRaw);
    expect(two.all('sessions').map((k) => k.keyId)).toEqual([a.keyId, rotated.keyId]);
    expect((await two.current('sessions')).keyId).toBe(rotated.keyId);
    const events = await two.current('events');
    expect(await one.refresh()).toBe(1);
    expect(one.known(events.keyId)?.purpose).toBe('events');
    expect(await two.find('0000000000000000')).toBeUndefined();
  });

  it('checks sessions against the ring as it is now: a sessions key another replica made is loaded before the token naming it is checked', async () => {
    const one = await KeyRing.open(engine.open('resolver'));
    const two = await KeyRing.open(engine.open('resolver'));
    let now = 0;
    const keys = ringSessionKeys('union', two, () => now);
    const made = await one.current('sessions');
    expect(keys(made.keyId)).toBeUndefined();
    await keys.load!(made.keyId);
    expect(keys(made.keyId)).toEqual({ agency: 'union', publicKey: made.publicKey });
    // End to end: a token signed at replica one with a key replica two has not seen is accepted at two.
    const rotated = await one.rotate('sessions');
    now += 1_000;
    const { token } = await new SessionIssuer(rotated, 60).issue({ id: 'u-1', agency: 'union', roles: ['liaison'], displayName: '李' });
    expect(two.known(rotated.keyId)).toBeUndefined();
    await expect(new SessionVerifier({ keys }).verify(token)).resolves.toMatchObject({ userId: 'u-1', agency: 'union' });
    // Only sessions keys: an events key of the ring does not sign sessions.
    const events = await two.current('events');
    expect(keys(events.keyId)).toBeUndefined();
  });

  it('re-reads for unknown session keys at most once a second (most are foreign or forged)', async () => {
    const one = await KeyRing.open(engine.open('throttled'));
    const two = await KeyRing.open(engine.open('throttled'));
    let now = 0;
    const keys = ringSessionKeys('union', two, () => now);
    const first = await one.current('sessions');
    await keys.load!(first.keyId);
    expect(keys(first.keyId)).toBeDefined();
    const second = await one.rotate('sessions');
    now = 500;
    await keys.load!(second.keyId);
    expect(two.known(second.keyId)).toBeUndefined();
    expect(keys(second.keyId)).toBeUndefined();
    now = 1_000;
    await keys.load!(second.keyId);
    expect(keys(second.keyId)).toEqual({ agency: 'union', publicKey: second.publicKey });
  });
});

describe('signHash / verifySignature', () => {
  let pair: AgencyKeyPair;
  beforeAll(async () => {
    pair = await (await KeyRing.open(SqliteSqlDb.open(':memory:'))).current('events');
  });

  it('signs the UTF-8 bytes of the hash; verifies with raw, base64 or PEM public keys', () => {
    const signature = signHash(pair.privateKey, HASH);
    expect(Buffer.from(signature, 'base64')).toHaveLength(64);
    expect(verifySignature(pair.publicKeyRaw, HASH, signature)).toBe(true);
    expect(verifySignature(pair.publicKeyRaw.toString('base64'), HASH, signature)).toBe(true);
    expect(verifySignature((pair.publicKey as KeyObject).export({ format: 'pem', type: 'spki' }).toString(), HASH, signature)).toBe(true);
    expect(createSigner(pair).sign(HASH)).toBe(signature);
  });

  it('rejects another hash, another key and garbage without throwing', () => {
    const signature = signHash(pair.privateKey, HASH);
    const other = generateKeyPairSync('ed25519');
    expect(verifySignature(pair.publicKeyRaw, createHash('sha256').update('another event').digest('hex'), signature)).toBe(false);
    expect(verifySignature(rawPublicKey(other.publicKey), HASH, signature)).toBe(false);
    expect(verifySignature(pair.publicKeyRaw, HASH, 'not base64 at all!')).toBe(false);
    expect(verifySignature('short', HASH, signature)).toBe(false);
    expect(keyIdOf(rawPublicKey(other.publicKey))).toMatch(/^[0-9a-f]{16}$/);
  });
});
