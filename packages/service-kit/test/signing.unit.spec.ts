import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSigner, KeyRing, keyIdOf, openLocalDb, rawPublicKey, signHash, verifySignature } from '../src/index.js';

const HASH = createHash('sha256').update('event').digest('hex');

describe('key ring', () => {
  it('generates a key pair per purpose on first use and keeps it', () => {
    const db = openLocalDb(':memory:');
    const ring = new KeyRing(db);
    const events = ring.current('events');
    const sessions = ring.current('sessions');
    expect(events.keyId).not.toBe(sessions.keyId);
    expect(events.keyId).toBe(createHash('sha256').update(events.publicKeyRaw).digest('hex').slice(0, 16));
    expect(events.publicKeyRaw).toHaveLength(32);
    expect(new KeyRing(db).current('events').keyId).toBe(events.keyId);
  });

  it('rotates: a new current key, the old one kept for verification', () => {
    const ring = new KeyRing(openLocalDb(':memory:'));
    const first = ring.current('events');
    const second = ring.rotate('events');
    expect(ring.current('events').keyId).toBe(second.keyId);
    expect(ring.all('events').map((k) => k.keyId)).toEqual([first.keyId, second.keyId]);
  });

  it('keeps rotation order when keys are made in the same millisecond (CI found it: ties were broken by key id)', () => {
    const at = new Date('2026-12-07T09:00:00.000Z');
    const ring = new KeyRing(openLocalDb(':memory:'), () => at);
    const made = [ring.current('events')];
    for (let i = 0; i < 8; i++) made.push(ring.rotate('events'));
    expect(ring.current('events').keyId).toBe(made.at(-1)?.keyId);
    expect(ring.all('events').map((k) => k.keyId)).toEqual(made.map((k) => k.keyId));
  });
});

describe('signHash / verifySignature', () => {
  const pair = new KeyRing(openLocalDb(':memory:')).current('events');

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
