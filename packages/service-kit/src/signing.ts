import { sign, verify, type KeyObject } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import type { EventStore } from '@hub/event-store';
import { keyIdOf, publicKeyFrom, type AgencyKeyPair, type KeyPurpose } from './keyring.js';

export const AGENCY_KEY_PUBLISHED = 'AgencyKeyPublished';

/** Names the uuid-v5 space of the hub's deterministic event ids. */
export const HUB_UUID_NAMESPACE = uuidv5('urn:labor-hub', uuidv5.URL);

/** A deterministic id in the hub's namespace: the same name always gives the same uuid (v5). */
export function hubUuid(name: string): string {
  return uuidv5(name, HUB_UUID_NAMESPACE);
}

export function agencyStream(agency: string): string {
  return `agency-${agency}`;
}

/** A public key as published on the store (and as pinned by configuration). */
export interface PublishedKey {
  agency: string;
  purpose: KeyPurpose;
  keyId: string;
  /** base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
}

export type AgencyKeyPublishedData = PublishedKey & { algorithm: 'Ed25519' };

export interface Signer {
  readonly keyId: string;
  /** base64 Ed25519 signature over the UTF-8 bytes of `message`. */
  sign(message: string): string;
}

export function createSigner(pair: Pick<AgencyKeyPair, 'keyId' | 'privateKey'>): Signer {
  return { keyId: pair.keyId, sign: (message) => signHash(pair.privateKey, message) };
}

/** Signs an event's hash as text: the UTF-8 bytes of its hex digits, so any tool can check it. */
export function signHash(privateKey: KeyObject, hashHex: string): string {
  return sign(null, Buffer.from(hashHex, 'utf8'), privateKey).toString('base64');
}

/** False for any malformed key or signature, never a throw: a verifier reports, it does not crash. */
export function verifySignature(publicKey: string | Uint8Array | KeyObject, hashHex: string, signature: string): boolean {
  try {
    const sig = Buffer.from(signature, 'base64');
    if (sig.length !== 64) return false;
    return verify(null, Buffer.from(hashHex, 'utf8'), publicKeyFrom(publicKey), sig);
  } catch {
    return false;
  }
}

export function publishedKeyOf(agency: string, pair: Pick<AgencyKeyPair, 'purpose' | 'publicKeyRaw'>): PublishedKey {
  return { agency, purpose: pair.purpose, keyId: keyIdOf(pair.publicKeyRaw), publicKey: pair.publicKeyRaw.toString('base64') };
}

/**
 * Announces the agency's public keys on its stream `agency-<agency>`, one event per key. The
 * event id is derived from the keyId, and each key goes in its own append, so publishing again
 * (every start does) is answered by the store as a retry and writes nothing.
 */
export async function publishKeys(
  store: EventStore,
  agency: string,
  keys: ReadonlyArray<Pick<AgencyKeyPair, 'purpose' | 'publicKeyRaw'>>,
): Promise<void> {
  for (const pair of keys) {
    const data: AgencyKeyPublishedData = { ...publishedKeyOf(agency, pair), algorithm: 'Ed25519' };
    await store.append(agencyStream(agency), [{
      id: uuidv5(`agency-key:${data.keyId}`, HUB_UUID_NAMESPACE),
      type: AGENCY_KEY_PUBLISHED,
      data: { ...data },
      metadata: { agency },
    }]);
  }
}

/**
 * Every key published on the store. Only events whose stream, metadata and data name the same
 * agency count. The store does not stop anyone from appending to another agency's stream, so
 * for a verdict that matters, compare these with keys pinned by configuration (PUBLIC_KEYS).
 */
export async function readPublishedKeys(store: EventStore): Promise<PublishedKey[]> {
  const keys: PublishedKey[] = [];
  for await (const event of store.readAll({ filter: { streamPrefix: 'agency-', eventTypes: [AGENCY_KEY_PUBLISHED] } })) {
    const d = event.data as Partial<AgencyKeyPublishedData> | null;
    if (!d || typeof d.agency !== 'string' || typeof d.publicKey !== 'string' || typeof d.keyId !== 'string') continue;
    if (event.stream !== agencyStream(d.agency) || event.metadata['agency'] !== d.agency) continue;
    if (d.purpose !== 'events' && d.purpose !== 'sessions') continue;
    const raw = Buffer.from(d.publicKey, 'base64');
    if (raw.length !== 32 || keyIdOf(raw) !== d.keyId) continue;
    keys.push({ agency: d.agency, purpose: d.purpose, keyId: d.keyId, publicKey: d.publicKey });
  }
  return keys;
}
