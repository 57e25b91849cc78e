import type { AgencyId } from '@hub/contracts';
import type { KeyRing, SecurityLog } from '@hub/service-kit';

/**
 * Records, at start-up after publishKeyRing, each key of the agency's ring the security log does
 * not name yet: the first key of a purpose as `key_published`, each later one (made by
 * KeyRing.rotate, endorsed by the one before) as `key_rotated`. Keys older than the retention are
 * not logged again once their entries were pruned.
 */
export async function logPublishedKeys(log: SecurityLog, agency: AgencyId, keyring: KeyRing, retentionDays: number, now: Date): Promise<void> {
  const logged = new Set((await log.list({ kinds: ['key_published', 'key_rotated'], limit: 10_000 })).map((e) => e.subject));
  const oldest = now.getTime() - retentionDays * 86_400_000;
  for (const purpose of ['events', 'sessions'] as const) {
    const pairs = keyring.all(purpose);
    for (const [i, pair] of pairs.entries()) {
      const subject = `key-${pair.keyId}`;
      if (logged.has(subject) || pair.createdAt.getTime() < oldest) continue;
      const previous = i > 0 ? pairs[i - 1]! : undefined;
      await log.record({
        kind: previous ? 'key_rotated' : 'key_published',
        actor: { userId: null, name: null, agency },
        subject,
        detail: { purpose, keyId: pair.keyId, createdAt: pair.createdAt.toISOString(), ...(previous ? { replaces: previous.keyId } : {}) },
      });
    }
  }
}
