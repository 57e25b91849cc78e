import { agencyIds, type AgencyId } from '@hub/contracts';
import {
  logStoreConnection,
  AGENCY_KEY_PUBLISHED,
  agencyStream,
  publishedSessionKeys,
  signingPublicKeyFrom,
  readPublishedKeys,
  resolveTrust,
  revokedSessionOf,
  SESSION_REVOKED,
  type EndorsedKey,
  type RefusedKey,
  type RevokedSession,
  type SessionKeyResolver,
  type SessionRevocations,
  type TrustPolicy,
} from '@hub/service-kit';
import {
  StoreClosed,
  subscribeToStreamResuming,
  type EventStore,
  type RecordedEvent,
  type ResumingSubscription,
  type SubscriptionHealth,
} from '@hub/event-store';
import type { Logger } from '@hub/service-kit';

/**
 * How long a revocation is kept past the session's own expiry: longer than the clock skew the
 * session verifier tolerates (30 s), so a token in that grace is still refused as revoked.
 */
export const REVOCATION_GRACE_MS = 5 * 60_000;

export type RevocationListener = (revoked: RevokedSession) => void;

/**
 * The agency keys the hub trusts. Agencies publish their keys on the store (`agency-<id>`), but
 * the store does not stop anyone from appending there, so what is published is only a claim:
 * the trust policy's anchors (the trust file, and PUBLIC_KEYS) are trusted, and a published key
 * only once a trusted key of its agency and purpose endorsed it (service-kit's resolveTrust). A
 * key only the store vouches for is refused and reported (`refused()`), never used — unless the
 * policy says TRUST_STORE_KEYS=1 (development) and its agency and purpose have no anchor.
 * Published keys are followed live, so an endorsed rotation is trusted at once.
 *
 * The same streams carry the agencies' sign-outs (`SessionRevoked`): HubKeys keeps the revoked
 * session ids of each agency until shortly after they would have expired, and is the hub's
 * SessionVerifier `revocations`. A revocation counts only for sessions of the agency whose
 * stream (and `metadata.agency`) holds it.
 */
export class HubKeys implements SessionRevocations {
  private published: EndorsedKey[] = [];
  private resolved: { trusted: EndorsedKey[]; refused: RefusedKey[] } = { trusted: [], refused: [] };
  /** Refused session keys already logged, so a client retrying with one does not flood the log. */
  private readonly loggedRefusals = new Set<string>();
  private readonly subscriptions: ResumingSubscription[] = [];
  private following: Promise<void> | undefined;
  private closed = false;
  private resolver: SessionKeyResolver = () => undefined;
  /** Per issuing agency: revoked jti → the session's expiry (ms). */
  private readonly revoked = new Map<AgencyId, Map<string, number>>(agencyIds.map((a) => [a, new Map()]));
  private readonly listeners = new Set<RevocationListener>();

  constructor(
    private readonly store: EventStore,
    private readonly trust: TrustPolicy,
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
    this.following = Promise.all(
      agencyIds.map(async (agency) => {
        const revision = from.get(agency);
        // Resumes after the last revision it saw when the store's connection is lost: a
        // revocation published while the server restarts still reaches this hub.
        const subscription = subscribeToStreamResuming(
          this.store,
          agencyStream(agency),
          { fromRevision: revision ?? 'start' },
          {
            name: `keys:${agency}`,
            onState: logStoreConnection(this.logger, 'agency keys follower', { agency }),
          },
        );
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
            this.published = await this.untilRead(() => readPublishedKeys(this.store));
            this.rebuildResolver();
          }
        } catch (error) {
          // Only a closed store ends a resuming subscription.
          this.logger?.warn({ err: error, agency }, 'stopped following published agency keys');
        }
      }),
    ).then(() => undefined);
  }

  /** The followers' health, for /health and /metrics. */
  health(): SubscriptionHealth[] {
    return this.subscriptions.map((s) => s.health());
  }

  /** Retries a read the store failed (its server restarting) until it answers or the follower closes. */
  private async untilRead<T>(read: () => Promise<T>): Promise<T> {
    for (let delay = 100; ; delay = Math.min(5_000, delay * 2)) {
      try {
        return await read();
      } catch (error) {
        if (this.closed || error instanceof StoreClosed) throw error;
        this.logger?.warn({ err: error }, 'could not re-read the published keys; trying again');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.subscriptions.map((s) => s.close()));
    await this.following;
  }

  /** Keys to check event signatures and sessions with: the anchors, and the keys they endorsed (in a chain). */
  trusted(purpose?: 'events' | 'sessions'): EndorsedKey[] {
    return this.resolved.trusted.filter((k) => purpose === undefined || k.purpose === purpose);
  }

  /** Published keys nothing trusted vouches for: refused, and worth an auditor's attention. */
  refused(): RefusedKey[] {
    return [...this.resolved.refused];
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
      this.logger?.warn(
        { stream: event.stream, revision: event.revision.toString() },
        "ignored a SessionRevoked that is not its stream's agency's own or does not fit the catalog",
      );
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
    this.resolved = resolveTrust(this.trust, this.published);
    const keys = this.trusted('sessions');
    for (const k of keys) signingPublicKeyFrom(k.publicKey); // a malformed anchor fails here, at start
    const trusted = publishedSessionKeys(keys);
    const refused = new Map(this.resolved.refused.filter((k) => k.purpose === 'sessions').map((k) => [k.keyId, k]));
    this.resolver = (keyId) => {
      const found = trusted(keyId);
      if (found) return found;
      const untrusted = refused.get(keyId);
      if (!untrusted) return undefined;
      if (!this.loggedRefusals.has(keyId)) {
        this.loggedRefusals.add(keyId);
        this.logger?.warn(
          { agency: untrusted.agency, keyId, reason: untrusted.reason },
          'refused a session signed with a key only the event store vouches for',
        );
      }
      return { untrusted: { agency: untrusted.agency, keyId } };
    };
  }
}
