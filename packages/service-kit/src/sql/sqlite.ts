import type { Statement } from 'better-sqlite3';
import { migrate as migrateSqlite, openLocalDb, type LocalDb } from '../local-db.js';
import type { EngineMigrations, SqlDb, SqlQueries, SqlTransaction, SqlValue } from './sql-db.js';

type Params = readonly SqlValue[];
/** better-sqlite3 binds positional values from a rest parameter. */
const bind = (params: Params) => params as unknown[];

function queriesOver(db: LocalDb): SqlQueries {
  // better-sqlite3 caches nothing by itself: statements are prepared once per SQL text here.
  const statements = new Map<string, Statement<unknown[]>>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare<unknown[]>(sql);
      if (statements.size > 500) statements.clear();
      statements.set(sql, statement);
    }
    return statement;
  };
  return {
    engine: 'sqlite',
    all: async <T>(sql: string, params: Params = []) => {
      const statement = prepared(sql);
      if (statement.reader) return statement.all(...bind(params)) as T[];
      statement.run(...bind(params));
      return [];
    },
    get: async <T>(sql: string, params: Params = []) => {
      const statement = prepared(sql);
      if (!statement.reader) {
        statement.run(...bind(params));
        return undefined;
      }
      return statement.get(...bind(params)) as T | undefined;
    },
    run: async (sql: string, params: Params = []) => prepared(sql).run(...bind(params)).changes,
  };
}

/**
 * The embedded engine: one SQLite file (WAL, synchronous=FULL) opened by one process. Its calls
 * are synchronous underneath; what this adds is order: while a transaction is open, other calls
 * wait for it, so nothing outside it lands inside it (or is rolled back with it).
 */
export class SqliteSqlDb implements SqlDb {
  readonly engine = 'sqlite';
  readonly location: string;
  private readonly queries: SqlQueries;
  /**
   * Settles when the transaction in progress (if any) ends. Every call waits with
   * `while (this.inTransaction) await this.turn` and then acts with no await in between: the
   * statement itself runs synchronously, so it cannot land inside a transaction begun meanwhile.
   */
  private turn: Promise<void> = Promise.resolve();
  private inTransaction = false;

  constructor(
    /** The raw handle, for the SQLite-only migration steps that shipped as functions. */
    readonly raw: LocalDb,
  ) {
    this.location = raw.name;
    this.queries = queriesOver(raw);
  }

  static open(path: string): SqliteSqlDb {
    return new SqliteSqlDb(openLocalDb(path));
  }

  async all<T>(sql: string, params?: Params): Promise<T[]> {
    while (this.inTransaction) await this.turn;
    return this.queries.all<T>(sql, params);
  }

  async get<T>(sql: string, params?: Params): Promise<T | undefined> {
    while (this.inTransaction) await this.turn;
    return this.queries.get<T>(sql, params);
  }

  async run(sql: string, params?: Params): Promise<number> {
    while (this.inTransaction) await this.turn;
    return this.queries.run(sql, params);
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    // Checked and claimed in one step (no await between): two waiters woken together cannot both begin.
    while (this.inTransaction) await this.turn;
    let release!: () => void;
    this.turn = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.inTransaction = true;
    const tx: SqlTransaction = { ...this.queries, lock: async () => {} };
    try {
      this.raw.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(tx);
        this.raw.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.raw.inTransaction) this.raw.exec('ROLLBACK');
        throw error;
      }
    } finally {
      this.inTransaction = false;
      release();
    }
  }

  async migrate(component: string, migrations: EngineMigrations): Promise<number> {
    while (this.inTransaction) await this.turn;
    return migrateSqlite(this.raw, component, migrations.sqlite);
  }

  async close(): Promise<void> {
    while (this.inTransaction) await this.turn;
    if (this.raw.open) this.raw.close();
  }
}
