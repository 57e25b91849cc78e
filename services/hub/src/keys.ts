import { agencyIds } from '@hub/contracts';
import { AGENCY_KEY_PUBLISHED, agencyStream, publishedSessionKeys, publicKeyFrom, readPublishedKeys, type PinnedKey, type PublishedKey, type SessionKeyResolver } from '@hub/service-kit';
import type { EventStore, Subscription } from '@hub/event-store';
import type { Logger } from '@hub/service-kit';

/**
 * The agency keys the hub trusts. Agencies publish their keys on the store (`agency-<id>`); the
 * store itself does not stop anyone from appending there, so configuration can pin keys
 * (PUBLIC_KEYS): once an agency has a pinned key for a purpose, only pinned keys of that agency
 * and purpose are trusted, and a published one that is not pinned is reported, not used.
 * Published keys are followed live, so a service that rotates its key is trusted at once.
 */
export class HubKeys {
  private published: PublishedKey[] = [];
  private readonly subscriptions: Subscription[] = [];
  private following: Promise<void> | undefined;
  private resolver: SessionKeyResolver = () => undefined;

  constructor(
    private readonly store: EventStore,
    private readonly pinned: readonly PinnedKey[] = [],
    private readonly logger?: Logger,
  ) {
    this.rebuildResolver();
  }

  /**
   * Reads what is published now, then follows each agency's own stream until `close`. Following
   * the four `agency-<id>` streams (not a filtered `$all`) means each wake reads only new key
   * events: a filtered subscription that matches nothing rescans from its last match.
   */
  async start(): Promise<void> {
    const from = new Map<string, bigint>();
    for (const agency of agencyIds) {
      for await (const event of this.store.readStream(agencyStream(agency), { fromRevision: 'end', direction: 'backwards', maxCount: 1 })) {
        from.set(agency, event.revision);
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
          if (message.kind !== 'event' || message.event.type !== AGENCY_KEY_PUBLISHED) continue;
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

  private rebuildResolver(): void {
    const keys = this.trusted('sessions');
    for (const k of keys) publicKeyFrom(k.publicKey); // a malformed pinned key fails here, at start
    this.resolver = publishedSessionKeys(keys);
  }
}
