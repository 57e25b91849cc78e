import { agencyIds, type AgencyId } from '@hub/contracts';
import {
  AGENCY_KEY_PUBLISHED, agencyStream, publishedSessionKeys, publicKeyFrom, readPublishedKeys, revokedSessionOf, SESSION_REVOKED,
  type PinnedKey, type PublishedKey, type RevokedSession, type SessionKeyResolver, type SessionRevocations,
} from '@hub/service-kit';
import type { EventStore, RecordedEvent, Subscription } from '@hub/event-store';
import type { Logger } from '@hub/service-kit';

/**
 * How long a revocation is kept past the session's own expiry: longer than the clock skew the
 * session verifier tolerates (30 s), so a token in that grace is still refused as revoked.
 */
export const REVOCATION_GRACE_MS = 5 * 60_000;

export type RevocationListener = (revoked: RevokedSession) => void;

/**
 * The agency keys the hub trusts. Agencies publish their keys on the store (`agency-<id>`); the
 * store itself does not stop anyone from appending there, so configuration can pin keys
 * (PUBLIC_KEYS): once an agency has a pinned key for a purpose, only pinned keys of that agency
 * and purpose are trusted, and a published one that is not pinned is reported, not used.
 * Published keys are followed live, so a service that rotates its key is trusted at once.
 *
 * The same streams carry the agencies' sign-outs (`SessionRevoked`): HubKeys keeps the revoked
 * session ids of each agency until shortly after they would have expired, and is the hub's
 * SessionVerifier `revocations`. A revocation counts only for sessions of the agency whose
 * stream (and `metadata.agency`) holds it.
 */
export class HubKeys implements SessionRevocations {
  private published: PublishedKey[] = [];
  private readonly subscriptions: Subscription[] = [];
  private following: Promise<void> | undefined;
  private resolver: SessionKeyResolver = () => undefined;
  /** Per issuing agency: revoked jti → the session's expiry (ms). */
  private readonly revoked = new Map<AgencyId, Map<string, number>>(agencyIds.map((a) => [a, new Map()]));
  private readonly listeners = new Set<RevocationListener>();

  constructor(
    private readonly store: EventStore,
    private readonly pinned: readonly PinnedKey[] = [],
    private readonly logger?: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.rebuildResolver();
  }

  /**
   * Reads what is published and revoked now, then follows each agency's own stream until
   * `close`. Following the four `agency-<id>` streams (not a filtered `$all`) means each wake
   * reads only new events there: a filtered subscription that matches nothing rescans from its
   * last match.
   */
  async start(): Promise<void> {
    const from = new Map<string, bigint>();
    for (const agency of agencyIds) {
      // Each stream is read whole once: its revocations, and where it ends.
      for await (const event of this.store.readStream(agencyStream(agency))) {
        from.set(agency, event.revision);
        this.recordRevocation(event, false);
      }
    }
    // Read after noting where each stream ended: a key published in between is read here and
    // seen again by the subscription, which is harmless; none can fall between the two.
    this.published = await readPublishedKeys(this.store);
    this.rebuildResolver();
    this.following = Promise.all(agencyIds.map(async (agency) => {
      const revision = from.get(agency);
      const subscription = this.store.subscribeToStream(agencyStream(agency), { fromRevision: revision ?? 'start' });
      this.subscriptions.push(subscription);
      try {
        for await (const message of subscription) {
          if (message.kind !== 'event') continue;
          if (message.event.type === SESSION_REVOKED) {
            this.recordRevocation(message.event, true);
            continue;
          }
          if (message.event.type !== AGENCY_KEY_PUBLISHED) continue;
          // readPublishedKeys holds the checks (stream, agency and key id agree); re-read rather than repeat them.
          this.published = await readPublishedKeys(this.store);
          this.rebuildResolver();
        }
      } catch (error) {
        this.logger?.warn({ err: error, agency }, 'stopped following published agency keys');
      }
    })).then(() => undefined);
  }

  async close(): Promise<void> {
    await Promise.all(this.subscriptions.map((s) => s.close()));
    await this.following;
  }

  /** Keys to check event signatures and sessions with: pinned ones, plus published ones where nothing is pinned. */
  trusted(purpose?: 'events' | 'sessions'): PublishedKey[] {
    const pinnedFor = new Set(this.pinned.map((k) => `${k.agency}:${k.purpose}`));
    const out = new Map<string, PublishedKey>();
    for (const k of this.pinned) out.set(`${k.agency}:${k.purpose}:${k.keyId}`, { ...k });
    for (const k of this.published) {
      if (!pinnedFor.has(`${k.agency}:${k.purpose}`)) out.set(`${k.agency}:${k.purpose}:${k.keyId}`, k);
    }
    return [...out.values()].filter((k) => purpose === undefined || k.purpose === purpose);
  }

  /** Published keys that a pin overrules: worth an auditor's attention. */
  untrustedPublished(): PublishedKey[] {
    const trusted = new Set(this.trusted().map((k) => `${k.agency}:${k.purpose}:${k.keyId}`));
    return this.published.filter((k) => !trusted.has(`${k.agency}:${k.purpose}:${k.keyId}`));
  }

  /** For SessionVerifier: finds a session key by id among the trusted ones. */
  readonly sessionKeys: SessionKeyResolver = (keyId) => this.resolver(keyId);

  /** For SessionVerifier (`revocations`): was this session of `agency` signed out at `agency`? */
  isRevoked(jti: string, agency: AgencyId): boolean {
    const expiresAt = this.revoked.get(agency)?.get(jti);
    return expiresAt !== undefined && expiresAt + REVOCATION_GRACE_MS >= this.clock().getTime();
  }

  /** Revoked sessions held now (for tests and metrics). */
  revokedCount(): number {
    let n = 0;
    for (const sessions of this.revoked.values()) n += sessions.size;
    return n;
  }

  /** Called with each revocation seen while following (not those read at start); returns the unsubscribe. */
  onRevoked(listener: RevocationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private recordRevocation(event: RecordedEvent, live: boolean): void {
    if (event.type !== SESSION_REVOKED) return;
    const revoked = revokedSessionOf(event);
    if (!revoked) {
      this.logger?.warn({ stream: event.stream, revision: event.revision.toString() }, 'ignored a SessionRevoked that is not its stream\'s agency\'s own or does not fit the catalog');
      return;
    }
    const now = this.clock().getTime();
    const expiresAt = revoked.expiresAt.getTime();
    if (expiresAt + REVOCATION_GRACE_MS < now) return;
    this.prune(now);
    this.revoked.get(revoked.agency)!.set(revoked.sessionId, expiresAt);
    if (!live) return;
    for (const listener of this.listeners) {
      try {
        listener(revoked);
      } catch (error) {
        this.logger?.error({ err: error }, 'a session revocation listener failed');
      }
    }
  }

  /** Drops revocations of sessions that have expired anyway (past the grace). */
  private prune(now: number): void {
    for (const sessions of this.revoked.values()) {
      for (const [jti, expiresAt] of sessions) if (expiresAt + REVOCATION_GRACE_MS < now) sessions.delete(jti);
    }
  }

  private rebuildResolver(): void {
    const keys = this.trusted('sessions');
    for (const k of keys) publicKeyFrom(k.publicKey); // a malformed pinned key fails here, at start
    this.resolver = publishedSessionKeys(keys);
  }
}
