import { v5 as uuidv5 } from 'uuid';
import type { EventStore } from '@hub/event-store';
import { keyIdOf, type AgencyKeyPair, type KeyPurpose, type KeyRing } from './keyring.js';
import {
  algorithmOfKey,
  algorithmOfPublicKeyBytes,
  signBytes,
  signingPublicKeyFrom,
  verifyBytes,
  type SignatureAlgorithm,
  type SigningPrivateKey,
  type SigningPublicKey,
} from './signature-algorithm.js';
import { endorseKey, type EndorsedKey, type KeyEndorsement } from './trust.js';

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
  /** base64 of the key as published: raw 32 bytes (Ed25519) or 04 ‖ x ‖ y, 65 bytes (SM2). */
  publicKey: string;
}

/**
 * `algorithm`: the key's (it must agree with the key's encoding: 32 bytes Ed25519, 65 bytes SM2);
 * `endorsement`: the agency's previous key of the purpose vouching for this one (trust.ts).
 */
export type AgencyKeyPublishedData = PublishedKey & { algorithm: SignatureAlgorithm; endorsement?: KeyEndorsement };

/** A key to publish, and the already trusted key (same agency and purpose) that endorses it, if any. */
export type KeyToPublish = Pick<AgencyKeyPair, 'purpose' | 'publicKeyRaw'> & { endorsedBy?: Pick<AgencyKeyPair, 'keyId' | 'privateKey'> };

export interface Signer {
  readonly keyId: string;
  /** What the records it signs name (proof, EventsSigned, witness record); Ed25519 when absent. */
  readonly algorithm?: SignatureAlgorithm;
  /** base64 signature (Ed25519, or SM2 r ‖ s) over the UTF-8 bytes of `message`. */
  sign(message: string): string;
}

export function createSigner(pair: Pick<AgencyKeyPair, 'keyId' | 'privateKey'>): Signer {
  return { keyId: pair.keyId, algorithm: algorithmOfKey(pair.privateKey), sign: (message) => signHash(pair.privateKey, message) };
}

/** The algorithm a signer's records name. */
export const signerAlgorithm = (signer: Signer): SignatureAlgorithm => signer.algorithm ?? 'Ed25519';

/** Signs an event's hash as text: the UTF-8 bytes of its hex digits, so any tool can check it. */
export function signHash(privateKey: SigningPrivateKey, hashHex: string): string {
  return signBytes(privateKey, Buffer.from(hashHex, 'utf8')).toString('base64');
}

/**
 * False for any malformed key or signature, never a throw: a verifier reports, it does not crash.
 * The key's algorithm decides how to verify; `algorithm`, the one the record names, must be it.
 */
export function verifySignature(publicKey: string | Uint8Array | SigningPublicKey, hashHex: string, signature: string, algorithm?: unknown): boolean {
  if (typeof signature !== 'string') return false;
  return verifyBytes(publicKey, Buffer.from(hashHex, 'utf8'), Buffer.from(signature, 'base64'), algorithm);
}

/** The algorithm of a published key (base64), or null when it is neither a 32-byte nor an SM2 key. */
export function algorithmOfPublishedKey(publicKey: string): SignatureAlgorithm | null {
  try {
    return algorithmOfKey(signingPublicKeyFrom(publicKey));
  } catch {
    return null;
  }
}

export function publishedKeyOf(agency: string, pair: Pick<AgencyKeyPair, 'purpose' | 'publicKeyRaw'>): PublishedKey {
  return { agency, purpose: pair.purpose, keyId: keyIdOf(pair.publicKeyRaw), publicKey: pair.publicKeyRaw.toString('base64') };
}

/**
 * Announces the agency's public keys on its stream `agency-<agency>`, one event per key. The
 * event id is derived from the keyId (and the endorsing key), and each key goes in its own
 * append, so publishing again (every start does) is answered by the store as a retry and writes
 * nothing; a key first published without an endorsement can still be published with one.
 */
export async function publishKeys(store: EventStore, agency: string, keys: readonly KeyToPublish[]): Promise<void> {
  // Published already (every start publishes the ring again): skipped here, not left to the
  // store's id check, which on EventStoreDB looks only at a stream's newest events, and the
  // agency stream also takes a SessionRevoked per sign-out.
  const published = new Set<string>();
  for await (const event of store.readStream(agencyStream(agency))) if (event.type === AGENCY_KEY_PUBLISHED) published.add(event.id);
  for (const pair of keys) {
    const key = publishedKeyOf(agency, pair);
    const endorsement = pair.endorsedBy ? endorseKey(pair.endorsedBy, key) : undefined;
    const algorithm = algorithmOfPublicKeyBytes(pair.publicKeyRaw);
    if (!algorithm) throw new Error(`key ${key.keyId}: neither an Ed25519 nor an SM2 public key`);
    const data: AgencyKeyPublishedData = { ...key, algorithm, ...(endorsement ? { endorsement } : {}) };
    const id = uuidv5(endorsement ? `agency-key:${key.keyId}:endorsed-by:${endorsement.keyId}` : `agency-key:${key.keyId}`, HUB_UUID_NAMESPACE);
    if (published.has(id)) continue;
    await store.append(agencyStream(agency), [
      {
        id,
        type: AGENCY_KEY_PUBLISHED,
        data: { ...key, algorithm: data.algorithm, ...(endorsement ? { endorsement: { ...endorsement } } : {}) },
        metadata: { agency },
      },
    ]);
  }
}

/**
 * Publishes every key of the agency's key ring, oldest first, each later key of a purpose
 * endorsed by the one before it: the chain from the keys in the trust file to the current ones.
 */
export async function publishKeyRing(store: EventStore, agency: string, keyring: KeyRing): Promise<void> {
  for (const purpose of ['events', 'sessions'] as const) {
    const pairs = keyring.all(purpose);
    await publishKeys(
      store,
      agency,
      pairs.map((pair, i) => (i === 0 ? pair : { ...pair, endorsedBy: pairs[i - 1]! })),
    );
  }
}

/**
 * Every key published on the store. Only events whose stream, metadata and data name the same
 * agency count. The store does not stop anyone from appending to another agency's stream, so
 * these are claims: resolveTrust (trust.ts) decides which of them the trust file vouches for.
 */
export async function readPublishedKeys(store: EventStore): Promise<EndorsedKey[]> {
  const keys: EndorsedKey[] = [];
  for await (const event of store.readAll({ filter: { streamPrefix: 'agency-', eventTypes: [AGENCY_KEY_PUBLISHED] } })) {
    const d = event.data as Partial<AgencyKeyPublishedData> | null;
    if (!d || typeof d.agency !== 'string' || typeof d.publicKey !== 'string' || typeof d.keyId !== 'string') continue;
    if (event.stream !== agencyStream(d.agency) || event.metadata['agency'] !== d.agency) continue;
    if (d.purpose !== 'events' && d.purpose !== 'sessions') continue;
    const raw = Buffer.from(d.publicKey, 'base64');
    const algorithm = algorithmOfPublishedKey(d.publicKey);
    // Records from before issue 15.6 are Ed25519 and say so; one naming another algorithm than its key's is not a key.
    if (algorithm === null || (d.algorithm ?? 'Ed25519') !== algorithm || keyIdOf(raw) !== d.keyId) continue;
    const e = d.endorsement;
    const endorsement = e && typeof e.keyId === 'string' && typeof e.signature === 'string' ? { keyId: e.keyId, signature: e.signature } : undefined;
    keys.push({ agency: d.agency, purpose: d.purpose, keyId: d.keyId, publicKey: d.publicKey, ...(endorsement ? { endorsement } : {}) });
  }
  return keys;
}
