import type { AgencyId } from '../request-context.js';
import type { SqlDb } from '../sql/index.js';
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
 * a logout takes, so the hub refuses them too. Nothing is kept in memory: replicas sharing the
 * database see one another's sessions, uses and ends at the next request.
 */
export class SessionRegistry {
  private constructor(
    private readonly db: SqlDb,
    /** SESSION_IDLE_MINUTES (default 30); 0 turns the idle time off. */
    readonly idleMinutes: number,
    private readonly clock: () => Date,
  ) {}

  static async open(db: SqlDb, idleMinutes: number, clock: () => Date = () => new Date()): Promise<SessionRegistry> {
    await db.migrate('auth', AUTH_MIGRATIONS);
    return new SessionRegistry(db, idleMinutes, clock);
  }

  /** A session just issued at sign-in. */
  async start(
    session: { jti: string; agency: AgencyId; userId: string; expiresAt: Date },
    seenFrom: { userAgent?: string; address?: string } = {},
  ): Promise<void> {
    const now = this.clock().getTime();
    await this.db.run('DELETE FROM sessions WHERE expires_at < ?', [now - KEEP_AFTER_EXPIRY_MS]);
    await this.db.run(
      `INSERT INTO sessions (jti, agency, user_id, created_at, last_seen_at, expires_at, user_agent, address)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (jti) DO NOTHING`,
      [session.jti, session.agency, session.userId, now, now, session.expiresAt.getTime(), seenFrom.userAgent?.slice(0, 200) ?? null, seenFrom.address ?? null],
    );
  }

  /**
   * The state of a verified token's session, noting that it was used now (at most once a
   * minute). A token issued before sessions were registered (an upgrade) is registered now.
   */
  async use(token: { jti: string; agency: AgencyId; userId: string; issuedAt: Date; expiresAt: Date }): Promise<SessionState> {
    const now = this.clock().getTime();
    const row = await this.db.get<SessionRow>('SELECT * FROM sessions WHERE jti = ?', [token.jti]);
    if (!row) {
      await this.db.run(
        'INSERT INTO sessions (jti, agency, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (jti) DO NOTHING',
        [token.jti, token.agency, token.userId, token.issuedAt.getTime(), now, token.expiresAt.getTime()],
      );
      return 'live';
    }
    if (row.ended_at !== null) return 'ended';
    if (this.isIdle(row.last_seen_at, now)) {
      await this.db.run('UPDATE sessions SET ended_at = ? WHERE jti = ? AND ended_at IS NULL', [row.last_seen_at + this.idleMinutes * 60_000, row.jti]);
      return 'idle';
    }
    if (now - row.last_seen_at >= SESSION_TOUCH_MS) {
      // Never moved back: another replica may have noted a later use meanwhile.
      await this.db.run('UPDATE sessions SET last_seen_at = ? WHERE jti = ? AND last_seen_at < ?', [now, row.jti, now]);
    }
    return 'live';
  }

  /** The person's sessions not ended, not idle, not expired; newest first. */
  async listOf(userId: string): Promise<ActiveSession[]> {
    const now = this.clock().getTime();
    // rowid: the order the sessions were registered in (an explicit column on PostgreSQL, schema.ts).
    const rows = await this.db.all<SessionRow>(
      'SELECT * FROM sessions WHERE user_id = ? AND ended_at IS NULL AND expires_at > ? ORDER BY created_at DESC, rowid DESC',
      [userId, now],
    );
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
  async get(jti: string): Promise<{ sessionId: string; userId: string; expiresAt: Date; ended: boolean } | undefined> {
    const row = await this.db.get<SessionRow>('SELECT * FROM sessions WHERE jti = ?', [jti]);
    return row && { sessionId: row.jti, userId: row.user_id, expiresAt: new Date(row.expires_at), ended: row.ended_at !== null };
  }

  /** Ends a session now; its revocation is then told to the store by whoever ended it (`announced`). */
  async end(jti: string): Promise<void> {
    await this.db.run('UPDATE sessions SET ended_at = ? WHERE jti = ? AND ended_at IS NULL', [this.clock().getTime(), jti]);
  }

  /** Every live session of the person (a password reset ends them all); returns those ended. */
  async endAllOf(userId: string): Promise<{ sessionId: string; expiresAt: Date }[]> {
    const now = this.clock().getTime();
    // RETURNING: exactly the sessions this call ended, also when another replica ends some at the same time.
    const rows = await this.db.all<Pick<SessionRow, 'jti' | 'expires_at'>>(
      'UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL RETURNING jti, expires_at',
      [now, userId],
    );
    return rows.filter((r) => r.expires_at > now).map((r) => ({ sessionId: r.jti, expiresAt: new Date(r.expires_at) }));
  }

  /**
   * Sessions ended here (idle, or ended without the store taking the revocation) whose end the
   * store has not been told yet, and that have not expired anyway. Idle ones are marked ended.
   */
  async announceable(): Promise<{ sessionId: string; expiresAt: Date }[]> {
    const now = this.clock().getTime();
    if (this.idleMinutes > 0) {
      await this.db.run('UPDATE sessions SET ended_at = last_seen_at + ? WHERE ended_at IS NULL AND last_seen_at + ? <= ? AND expires_at > ?', [
        this.idleMinutes * 60_000,
        this.idleMinutes * 60_000,
        now,
        now,
      ]);
    }
    const rows = await this.db.all<Pick<SessionRow, 'jti' | 'expires_at'>>(
      'SELECT jti, expires_at FROM sessions WHERE ended_at IS NOT NULL AND announced_at IS NULL AND expires_at > ? LIMIT 500',
      [now],
    );
    return rows.map((r) => ({ sessionId: r.jti, expiresAt: new Date(r.expires_at) }));
  }

  /** The store took the session's revocation. */
  async announced(jti: string): Promise<void> {
    await this.db.run('UPDATE sessions SET announced_at = ? WHERE jti = ?', [this.clock().getTime(), jti]);
  }

  private isIdle(lastSeen: number, now: number): boolean {
    return this.idleMinutes > 0 && now - lastSeen >= this.idleMinutes * 60_000;
  }
}
