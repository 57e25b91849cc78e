import { migrate, type LocalDb } from '../local-db.js';
import type { AgencyId } from '../request-context.js';
import { AUTH_MIGRATIONS } from './schema.js';

/** A session as its person sees it in the list of their sessions. */
export interface ActiveSession {
  sessionId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  address: string | null;
}

/** What the verifier learns of a token's session: live, ended (logged out, ended from the list), idle too long. */
export type SessionState = 'live' | 'ended' | 'idle';

interface SessionRow {
  jti: string;
  agency: AgencyId;
  user_id: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ended_at: number | null;
  user_agent: string | null;
  address: string | null;
}

/** Last-seen is written at most this often per session: a busy console does not write on every request. */
export const SESSION_TOUCH_MS = 60_000;
/** Rows kept this long past the session's expiry, then dropped. */
const KEEP_AFTER_EXPIRY_MS = 60 * 60_000;

/**
 * The agency's sessions on the server side (等保 2.0 level 3: 会话超时): session tokens are
 * signed and carry their absolute expiry, but an idle time needs the last time each session was
 * used. Also what lists a person's sessions and ends one. The idle sessions are told to the
 * store as `SessionRevoked` by `announceable`/`announced` (the agency's sweeper), the same path
 * a logout takes, so the hub refuses them too.
 */
export class SessionRegistry {
  constructor(
    private readonly db: LocalDb,
    /** SESSION_IDLE_MINUTES (default 30); 0 turns the idle time off. */
    readonly idleMinutes: number,
    private readonly clock: () => Date = () => new Date(),
  ) {
    migrate(db, 'auth', AUTH_MIGRATIONS);
  }

  /** A session just issued at sign-in. */
  start(session: { jti: string; agency: AgencyId; userId: string; expiresAt: Date }, seenFrom: { userAgent?: string; address?: string } = {}): void {
    const now = this.clock().getTime();
    this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now - KEEP_AFTER_EXPIRY_MS);
    this.db
      .prepare(`INSERT OR IGNORE INTO sessions (jti, agency, user_id, created_at, last_seen_at, expires_at, user_agent, address)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(
        session.jti,
        session.agency,
        session.userId,
        now,
        now,
        session.expiresAt.getTime(),
        seenFrom.userAgent?.slice(0, 200) ?? null,
        seenFrom.address ?? null,
      );
  }

  /**
   * The state of a verified token's session, noting that it was used now (at most once a
   * minute). A token issued before sessions were registered (an upgrade) is registered now.
   */
  use(token: { jti: string; agency: AgencyId; userId: string; issuedAt: Date; expiresAt: Date }): SessionState {
    const now = this.clock().getTime();
    const row = this.db.prepare('SELECT * FROM sessions WHERE jti = ?').get(token.jti) as SessionRow | undefined;
    if (!row) {
      this.db
        .prepare(`INSERT OR IGNORE INTO sessions (jti, agency, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(token.jti, token.agency, token.userId, token.issuedAt.getTime(), now, token.expiresAt.getTime());
      return 'live';
    }
    if (row.ended_at !== null) return 'ended';
    if (this.isIdle(row.last_seen_at, now)) {
      this.db.prepare('UPDATE sessions SET ended_at = ? WHERE jti = ? AND ended_at IS NULL').run(row.last_seen_at + this.idleMinutes * 60_000, row.jti);
      return 'idle';
    }
    if (now - row.last_seen_at >= SESSION_TOUCH_MS) this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE jti = ?').run(now, row.jti);
    return 'live';
  }

  /** The person's sessions not ended, not idle, not expired; newest first. */
  listOf(userId: string): ActiveSession[] {
    const now = this.clock().getTime();
    const rows = this.db
      .prepare('SELECT * FROM sessions WHERE user_id = ? AND ended_at IS NULL AND expires_at > ? ORDER BY created_at DESC, rowid DESC')
      .all(userId, now) as SessionRow[];
    return rows
      .filter((r) => !this.isIdle(r.last_seen_at, now))
      .map((r) => ({
        sessionId: r.jti,
        createdAt: new Date(r.created_at).toISOString(),
        lastSeenAt: new Date(r.last_seen_at).toISOString(),
        expiresAt: new Date(r.expires_at).toISOString(),
        userAgent: r.user_agent,
        address: r.address,
      }));
  }

  /** The session, when it belongs to `userId` (the only person who may end it from the list). */
  get(jti: string): { sessionId: string; userId: string; expiresAt: Date; ended: boolean } | undefined {
    const row = this.db.prepare('SELECT * FROM sessions WHERE jti = ?').get(jti) as SessionRow | undefined;
    return row && { sessionId: row.jti, userId: row.user_id, expiresAt: new Date(row.expires_at), ended: row.ended_at !== null };
  }

  /** Ends a session now; its revocation is then told to the store by whoever ended it (`announced`). */
  end(jti: string): void {
    this.db.prepare('UPDATE sessions SET ended_at = ? WHERE jti = ? AND ended_at IS NULL').run(this.clock().getTime(), jti);
  }

  /** Every live session of the person (a password reset ends them all); returns those ended. */
  endAllOf(userId: string): { sessionId: string; expiresAt: Date }[] {
    const now = this.clock().getTime();
    const rows = this.db.prepare('SELECT jti, expires_at FROM sessions WHERE user_id = ? AND ended_at IS NULL AND expires_at > ?').all(userId, now) as Pick<
      SessionRow,
      'jti' | 'expires_at'
    >[];
    this.db.prepare('UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL').run(now, userId);
    return rows.map((r) => ({ sessionId: r.jti, expiresAt: new Date(r.expires_at) }));
  }

  /**
   * Sessions ended here (idle, or ended without the store taking the revocation) whose end the
   * store has not been told yet, and that have not expired anyway. Idle ones are marked ended.
   */
  announceable(): { sessionId: string; expiresAt: Date }[] {
    const now = this.clock().getTime();
    if (this.idleMinutes > 0) {
      this.db
        .prepare('UPDATE sessions SET ended_at = last_seen_at + ? WHERE ended_at IS NULL AND last_seen_at + ? <= ? AND expires_at > ?')
        .run(this.idleMinutes * 60_000, this.idleMinutes * 60_000, now, now);
    }
    const rows = this.db
      .prepare('SELECT jti, expires_at FROM sessions WHERE ended_at IS NOT NULL AND announced_at IS NULL AND expires_at > ? LIMIT 500')
      .all(now) as Pick<SessionRow, 'jti' | 'expires_at'>[];
    return rows.map((r) => ({ sessionId: r.jti, expiresAt: new Date(r.expires_at) }));
  }

  /** The store took the session's revocation. */
  announced(jti: string): void {
    this.db.prepare('UPDATE sessions SET announced_at = ? WHERE jti = ?').run(this.clock().getTime(), jti);
  }

  private isIdle(lastSeen: number, now: number): boolean {
    return this.idleMinutes > 0 && now - lastSeen >= this.idleMinutes * 60_000;
  }
}
