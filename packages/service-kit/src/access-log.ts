import type { EngineMigrations, SqlDb, SqlValue } from './sql/index.js';

/**
 * Who viewed or exported personal data, and when (网络安全法 Art. 21: network logs kept at least
 * six months). Kept in the service's own database (SQLite, or the PostgreSQL schema its replicas
 * share), never in the shared store: the log itself names
 * workers' ids. Entries are only ever added; pruning removes what is older than the retention,
 * which cannot be set below six months. `reveal_personal_data` is a person asking for a worker's
 * masked ID number and phone in the clear (the case page's 显示).
 */
export type AccessAction = 'view_personal_data' | 'reveal_personal_data' | 'export' | 'download_document';

export interface AccessEntry {
  id: number;
  at: string;
  agency: string;
  userId: string;
  userName: string | null;
  action: AccessAction;
  subject: string;
  detail: Record<string, unknown>;
}

/** 183 days: the shortest retention the law allows ("at least six months"), rounded up. */
export const MIN_ACCESS_LOG_RETENTION_DAYS = 183;
export const DEFAULT_ACCESS_LOG_RETENTION_DAYS = 400;

export const ACCESS_LOG_MIGRATIONS: EngineMigrations = {
  // As they shipped: an existing file opens unchanged.
  sqlite: [
    `CREATE TABLE access_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    agency    TEXT NOT NULL,
    user_id   TEXT NOT NULL,
    user_name TEXT,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL
  )`,
    'CREATE INDEX access_log_at ON access_log (at)',
  ],
  postgres: [
    `CREATE TABLE access_log (
      id        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at        TEXT NOT NULL,
      agency    TEXT NOT NULL,
      user_id   TEXT NOT NULL,
      user_name TEXT,
      action    TEXT NOT NULL,
      subject   TEXT NOT NULL,
      detail    TEXT NOT NULL
    );
    CREATE INDEX access_log_at ON access_log (at)`,
  ],
};

type Row = { id: number; at: string; agency: string; user_id: string; user_name: string | null; action: AccessAction; subject: string; detail: string };

export class AccessLog {
  private constructor(
    private readonly db: SqlDb,
    private readonly clock: () => Date,
  ) {}

  /** The log in `db`, its table made or brought up to date. */
  static async open(db: SqlDb, clock: () => Date = () => new Date()): Promise<AccessLog> {
    await db.migrate('access-log', ACCESS_LOG_MIGRATIONS);
    return new AccessLog(db, clock);
  }

  async record(entry: {
    agency: string;
    userId: string;
    userName?: string | null;
    action: AccessAction;
    subject: string;
    detail?: Record<string, unknown>;
  }): Promise<void> {
    await this.db.run('INSERT INTO access_log (at, agency, user_id, user_name, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?, ?)', [
      this.clock().toISOString(),
      entry.agency,
      entry.userId,
      entry.userName ?? null,
      entry.action,
      entry.subject,
      JSON.stringify(entry.detail ?? {}),
    ]);
  }

  /** Newest first. */
  async list(options: { limit: number; before?: number; subject?: string }): Promise<AccessEntry[]> {
    const where = ['id < ?'];
    const params: SqlValue[] = [options.before ?? Number.MAX_SAFE_INTEGER];
    if (options.subject !== undefined) {
      where.push('subject = ?');
      params.push(options.subject);
    }
    const rows = await this.db.all<Row>(`SELECT * FROM access_log WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`, [...params, options.limit]);
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      agency: r.agency,
      userId: r.user_id,
      userName: r.user_name,
      action: r.action,
      subject: r.subject,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    }));
  }

  /** Deletes entries older than the retention; returns how many. */
  async prune(retentionDays = DEFAULT_ACCESS_LOG_RETENTION_DAYS): Promise<number> {
    if (!(retentionDays >= MIN_ACCESS_LOG_RETENTION_DAYS)) {
      throw new RangeError(`access-log retention must be at least ${MIN_ACCESS_LOG_RETENTION_DAYS} days (six months), not ${retentionDays}`);
    }
    const cutoff = new Date(this.clock().getTime() - retentionDays * 86_400_000).toISOString();
    return this.db.run('DELETE FROM access_log WHERE at < ?', [cutoff]);
  }
}
