import type { Request } from 'express';
import type { SqlDb, SqlTransaction, SqlValue } from '../sql/index.js';
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
 * downloads and reveals, in the service's own database (SQLite, or the PostgreSQL schema its
 * replicas share). Append-only and hash-chained: each entry's hash covers the entry and the hash
 * before it, so an edit, an insertion or a removal in the middle makes verify() name the first
 * entry that no longer fits. Old entries go only through prune(), which leaves a `log_pruned`
 * checkpoint holding the hash of the last entry removed.
 */
export class SecurityLog {
  private constructor(
    private readonly db: SqlDb,
    private readonly clock: () => Date,
    private readonly hashAlg: SecurityLogHashAlg,
  ) {}

  /**
   * The log in `db`, its table made or brought up to date. `hashAlg` is what new entries are
   * chained with: the crypto suite's (sha256 under intl, sm3 under gm).
   */
  static async open(db: SqlDb, clock: () => Date = () => new Date(), hashAlg: SecurityLogHashAlg = 'sha256'): Promise<SecurityLog> {
    await db.migrate('security-log', MIGRATIONS);
    return new SecurityLog(db, clock, hashAlg);
  }

  async record(entry: NewSecurityEntry): Promise<SecurityEntry> {
    return this.db.transaction((tx) => this.append(tx, entry));
  }

  /**
   * Links the entry to the head (`head`: the head as it was before a prune removed it), in `tx`.
   * The lock comes first: two replicas appending at once
   * would otherwise both read the same head and fork the chain (the second insert failing on its
   * seq at best); under it each reads the head the other committed.
   */
  private async append(tx: SqlTransaction, entry: NewSecurityEntry, head?: Head): Promise<SecurityEntry> {
    await tx.lock('security-log');
    const last = head ?? (await headOf(tx));
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
    await tx.run(
      `INSERT INTO security_log (seq, at, kind, actor_id, actor_name, actor_agency, subject, source_ip, forwarded_for, outcome, detail, prev_hash, hash, hash_alg)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        full.seq,
        full.at,
        full.kind,
        full.actor_id,
        full.actor_name,
        full.actor_agency,
        full.subject,
        full.source_ip,
        full.forwarded_for,
        full.outcome,
        full.detail,
        full.prev_hash,
        full.hash,
        full.hash_alg,
      ],
    );
    return toEntry(full);
  }

  /** An entry for what the request's signed-in actor did; the source address is the request's. */
  recordFor(req: Request, entry: Omit<NewSecurityEntry, 'actor' | 'sourceIp' | 'forwardedFor'>): Promise<SecurityEntry> {
    return this.record({ ...entry, actor: actorOf(req), ...sourceOf(req) });
  }

  /** A sign-in that worked. */
  signedIn(
    req: Request,
    user: { id: string; displayName: string; agency: string; username: string },
    detail: Record<string, unknown> = {},
  ): Promise<SecurityEntry> {
    return this.record({
      kind: 'sign_in',
      actor: { userId: user.id, name: user.displayName, agency: user.agency },
      subject: `user-${user.id}`,
      ...sourceOf(req),
      detail: { username: user.username, ...detail },
    });
  }

  /** A sign-in that did not: the username tried, never the password. */
  signInFailed(req: Request, agency: string, username: string, reason = 'wrong_credentials'): Promise<SecurityEntry> {
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
  accountLocked(agency: string, user: { id: string | null; username: string }, detail: Record<string, unknown>, req?: Request): Promise<SecurityEntry> {
    return this.record({
      kind: 'account_locked',
      actor: req?.actor ? actorOf(req) : { userId: null, name: null, agency },
      subject: user.id ? `user-${user.id}` : `username:${user.username}`,
      ...(req ? sourceOf(req) : {}),
      detail: { username: user.username, ...detail },
    });
  }

  /** An account unlocked: by an admin (pass the admin's request) or by the lock running out (no request; say so in `detail`). */
  accountUnlocked(agency: string, user: { id: string | null; username: string }, detail: Record<string, unknown>, req?: Request): Promise<SecurityEntry> {
    return this.record({
      kind: 'account_unlocked',
      actor: req?.actor ? actorOf(req) : { userId: null, name: null, agency },
      subject: user.id ? `user-${user.id}` : `username:${user.username}`,
      ...(req ? sourceOf(req) : {}),
      detail: { username: user.username, ...detail },
    });
  }

  /** Newest first. */
  async list(query: SecurityLogQuery): Promise<SecurityEntry[]> {
    const where = ['seq < ?'];
    const params: SqlValue[] = [query.before ?? Number.MAX_SAFE_INTEGER];
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
      // Part of a display name, as typed (case and all): instr on SQLite, strpos on PostgreSQL.
      const contains = this.db.engine === 'sqlite' ? 'instr' : 'strpos';
      where.push(`(actor_id = ? OR ${contains}(coalesce(actor_name, ''), ?) > 0 OR (kind = 'sign_in_failed' AND subject = ?))`);
      params.push(query.actor, query.actor, `username:${query.actor}`);
    }
    const sql = `SELECT * FROM security_log WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`;
    return (await this.db.all<Row>(sql, [...params, query.limit])).map(toEntry);
  }

  /** Walks the chain from its first kept entry (or the checkpoint before it) to the head. */
  verify(): Promise<SecurityLogVerification> {
    return verifyChain(this.db);
  }

  /**
   * Removes the entries older than the retention (a prefix of the chain: every seq up to the last
   * one older than the cutoff) and appends a `log_pruned` checkpoint naming how many went and the
   * hash of the last one, in one transaction under the log's lock (replicas starting together
   * prune once). Refuses a retention under 180 days. Returns how many were removed.
   */
  async prune(retentionDays = DEFAULT_SECURITY_LOG_RETENTION_DAYS): Promise<number> {
    if (!Number.isInteger(retentionDays) || retentionDays < MIN_SECURITY_LOG_RETENTION_DAYS) {
      throw new SecurityLogSettingError(`security-log retention must be at least ${MIN_SECURITY_LOG_RETENTION_DAYS} days (six months), not ${retentionDays}`);
    }
    const now = this.clock();
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000).toISOString();
    return this.db.transaction(async (tx) => {
      await tx.lock('security-log');
      const last = await tx.get<{ seq: number; hash: string; at: string }>('SELECT seq, hash, at FROM security_log WHERE at < ? ORDER BY seq DESC LIMIT 1', [
        cutoff,
      ]);
      if (!last) return 0;
      // Read before the removal: when every entry is older than the cutoff, the checkpoint still
      // takes the next seq and links to the last entry removed (the chain goes on, never restarts).
      const head = await headOf(tx);
      const removed = await tx.run('DELETE FROM security_log WHERE seq <= ?', [last.seq]);
      await this.append(
        tx,
        {
          kind: 'log_pruned',
          actor: { userId: null, name: null, agency: null },
          subject: 'security-log',
          detail: { throughSeq: last.seq, lastPrunedHash: last.hash, lastPrunedAt: last.at, removed, retentionDays, cutoff },
        },
        head,
      );
      return removed;
    });
  }
}

type Head = { seq: number; hash: string };

/** The newest entry: the one the next links to. */
const headOf = (tx: SqlTransaction) => tx.get<Head>('SELECT seq, hash FROM security_log ORDER BY seq DESC LIMIT 1');

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
