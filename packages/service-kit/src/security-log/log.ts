import type { Request } from 'express';
import { migrate, type LocalDb } from '../local-db.js';
import { entryHash, GENESIS_HASH, MIGRATIONS, toEntry, verifyChain, type Row, type SecurityLogHashAlg, type SecurityLogVerification } from './chain.js';
import {
  DEFAULT_SECURITY_LOG_RETENTION_DAYS,
  MIN_SECURITY_LOG_RETENTION_DAYS,
  SecurityLogSettingError,
  type NewSecurityEntry,
  type SecurityActor,
  type SecurityEntry,
  type SecurityKind,
} from './kinds.js';

export interface SecurityLogQuery {
  limit: number;
  /** Entries with a smaller seq (the next page, newest first). */
  before?: number;
  kinds?: readonly SecurityKind[];
  /** ISO instants, inclusive from, exclusive to. */
  from?: string;
  to?: string;
  /** A user id, or part of a display name or of the username tried. */
  actor?: string;
  /** Only this agency's actors (the hub shows an agency admin their own agency's entries). */
  agency?: string;
}

/**
 * A security log that lasts (issue 15.4): sign-ins, lockouts, user and key changes, exports,
 * downloads and reveals, in the service's own SQLite file. Append-only and hash-chained: each
 * entry's hash covers the entry and the hash before it, so an edit, an insertion or a removal in
 * the middle makes verify() name the first entry that no longer fits. Old entries go only through
 * prune(), which leaves a `log_pruned` checkpoint holding the hash of the last entry removed.
 */
export class SecurityLog {
  constructor(
    private readonly db: LocalDb,
    private readonly clock: () => Date = () => new Date(),
    /** The hash new entries are chained with: the crypto suite's (sha256 under intl, sm3 under gm). */
    private readonly hashAlg: SecurityLogHashAlg = 'sha256',
  ) {
    migrate(db, 'security-log', MIGRATIONS);
  }

  record(entry: NewSecurityEntry): SecurityEntry {
    return this.db
      .transaction(() => {
        const last = this.db.prepare('SELECT seq, hash FROM security_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
        const row: Omit<Row, 'hash'> = {
          seq: (last?.seq ?? 0) + 1,
          at: this.clock().toISOString(),
          kind: entry.kind,
          actor_id: entry.actor.userId,
          actor_name: entry.actor.name,
          actor_agency: entry.actor.agency,
          subject: entry.subject,
          source_ip: entry.sourceIp ?? null,
          forwarded_for: entry.forwardedFor ?? null,
          outcome: entry.outcome ?? 'success',
          detail: JSON.stringify(entry.detail ?? {}),
          prev_hash: last?.hash ?? GENESIS_HASH,
          hash_alg: this.hashAlg,
        };
        const full: Row = { ...row, hash: entryHash(row) };
        this.db
          .prepare(
            `INSERT INTO security_log (seq, at, kind, actor_id, actor_name, actor_agency, subject, source_ip, forwarded_for, outcome, detail, prev_hash, hash, hash_alg)
             VALUES (@seq, @at, @kind, @actor_id, @actor_name, @actor_agency, @subject, @source_ip, @forwarded_for, @outcome, @detail, @prev_hash, @hash, @hash_alg)`,
          )
          .run(full);
        return toEntry(full);
      })
      .immediate();
  }

  /** An entry for what the request's signed-in actor did; the source address is the request's. */
  recordFor(req: Request, entry: Omit<NewSecurityEntry, 'actor' | 'sourceIp' | 'forwardedFor'>): SecurityEntry {
    return this.record({ ...entry, actor: actorOf(req), ...sourceOf(req) });
  }

  /** A sign-in that worked. */
  signedIn(req: Request, user: { id: string; displayName: string; agency: string; username: string }, detail: Record<string, unknown> = {}): SecurityEntry {
    return this.record({
      kind: 'sign_in',
      actor: { userId: user.id, name: user.displayName, agency: user.agency },
      subject: `user-${user.id}`,
      ...sourceOf(req),
      detail: { username: user.username, ...detail },
    });
  }

  /** A sign-in that did not: the username tried, never the password. */
  signInFailed(req: Request, agency: string, username: string, reason = 'wrong_credentials'): SecurityEntry {
    return this.record({
      kind: 'sign_in_failed',
      actor: { userId: null, name: null, agency },
      subject: `username:${username}`,
      ...sourceOf(req),
      outcome: 'failure',
      detail: { username, reason },
    });
  }

  /**
   * For the lockout (issue 15.1): an account locked after failures. `user.id` is null for a username
   * that has no account (locked all the same, so the answer does not tell). With `req`, the actor
   * and address are the request's; without, the agency alone.
   */
  accountLocked(agency: string, user: { id: string | null; username: string }, detail: Record<string, unknown>, req?: Request): SecurityEntry {
    return this.record({
      kind: 'account_locked',
      actor: req?.actor ? actorOf(req) : { userId: null, name: null, agency },
      subject: user.id ? `user-${user.id}` : `username:${user.username}`,
      ...(req ? sourceOf(req) : {}),
      detail: { username: user.username, ...detail },
    });
  }

  /** An account unlocked: by an admin (pass the admin's request) or by the lock running out (no request; say so in `detail`). */
  accountUnlocked(agency: string, user: { id: string | null; username: string }, detail: Record<string, unknown>, req?: Request): SecurityEntry {
    return this.record({
      kind: 'account_unlocked',
      actor: req?.actor ? actorOf(req) : { userId: null, name: null, agency },
      subject: user.id ? `user-${user.id}` : `username:${user.username}`,
      ...(req ? sourceOf(req) : {}),
      detail: { username: user.username, ...detail },
    });
  }

  /** Newest first. */
  list(query: SecurityLogQuery): SecurityEntry[] {
    const where = ['seq < ?'];
    const params: unknown[] = [query.before ?? Number.MAX_SAFE_INTEGER];
    if (query.kinds && query.kinds.length > 0) {
      where.push(`kind IN (${query.kinds.map(() => '?').join(', ')})`);
      params.push(...query.kinds);
    }
    const when = (value: string | undefined, clause: string) => {
      if (value === undefined) return;
      where.push(clause);
      params.push(value);
    };
    when(query.from, 'at >= ?');
    when(query.to, 'at < ?');
    when(query.agency, 'actor_agency = ?');
    if (query.actor !== undefined) {
      where.push("(actor_id = ? OR instr(coalesce(actor_name, ''), ?) > 0 OR (kind = 'sign_in_failed' AND subject = ?))");
      params.push(query.actor, query.actor, `username:${query.actor}`);
    }
    const sql = `SELECT * FROM security_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...params, query.limit) as Row[]).map(toEntry);
  }

  /** Walks the chain from its first kept entry (or the checkpoint before it) to the head. */
  verify(): SecurityLogVerification {
    return verifyChain(this.db);
  }

  /**
   * Removes the entries older than the retention (a prefix of the chain: every seq up to the last
   * one older than the cutoff) and appends a `log_pruned` checkpoint naming how many went and the
   * hash of the last one. Refuses a retention under 180 days. Returns how many were removed.
   */
  prune(retentionDays = DEFAULT_SECURITY_LOG_RETENTION_DAYS): number {
    if (!Number.isInteger(retentionDays) || retentionDays < MIN_SECURITY_LOG_RETENTION_DAYS) {
      throw new SecurityLogSettingError(`security-log retention must be at least ${MIN_SECURITY_LOG_RETENTION_DAYS} days (six months), not ${retentionDays}`);
    }
    const now = this.clock();
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
    return this.db
      .transaction(() => {
        const last = this.db.prepare('SELECT seq, hash, at FROM security_log WHERE at < ? ORDER BY seq DESC LIMIT 1').get(cutoff) as
          | { seq: number; hash: string; at: string }
          | undefined;
        if (!last) return 0;
        const removed = this.db.prepare('DELETE FROM security_log WHERE seq <= ?').run(last.seq).changes;
        this.record({
          kind: 'log_pruned',
          actor: { userId: null, name: null, agency: null },
          subject: 'security-log',
          detail: { throughSeq: last.seq, lastPrunedHash: last.hash, lastPrunedAt: last.at, removed, retentionDays, cutoff },
        });
        return removed;
      })
      .immediate();
  }
}

export function actorOf(req: Request): SecurityActor {
  const actor = req.actor;
  return actor ? { userId: actor.userId, name: actor.name, agency: actor.agency } : { userId: null, name: null, agency: null };
}

/**
 * The request's peer address, and the X-Forwarded-For a proxy added (the hub's gateway does, so
 * through it the peer is the hub and the header names the browser's address). The header is kept
 * as claimed, never trusted in place of the peer.
 */
export function sourceOf(req: Request): { sourceIp: string | null; forwardedFor: string | null } {
  const forwarded = req.get('x-forwarded-for')?.trim().slice(0, 200);
  return { sourceIp: req.socket?.remoteAddress ?? null, forwardedFor: forwarded ? forwarded : null };
}
