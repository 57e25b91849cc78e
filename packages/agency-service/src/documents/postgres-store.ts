import { readFile, rm } from 'node:fs/promises';
import pg from 'pg';
import { requireKey, type DocumentStore } from './store.js';

const SCHEMA = `CREATE TABLE IF NOT EXISTS hub_documents (
  key        TEXT PRIMARY KEY,
  size       BIGINT NOT NULL,
  content    BYTEA NOT NULL,
  stored_at  TIMESTAMPTZ NOT NULL DEFAULT now()
)`;

/**
 * Documents in a PostgreSQL table, one row per key (bytea: a file is at most the upload limit,
 * 20 MB by default). Every instance of every service of a deployment may point at the same
 * database; `ON CONFLICT DO NOTHING` makes a second put of a key a no-op.
 */
export class PostgresDocumentStore implements DocumentStore {
  readonly engine = 'postgres';
  private readonly pool: pg.Pool;
  private ready: Promise<void> | null = null;

  constructor(
    url: string,
    readonly tempDir: string,
  ) {
    this.pool = new pg.Pool({ connectionString: url, max: 4 });
    // An idle client's error (the server restarted) must not end the process; the next query reconnects.
    this.pool.on('error', () => {});
  }

  private schema(): Promise<void> {
    this.ready ??= this.createTable().catch((error: unknown) => {
      this.ready = null;
      throw error;
    });
    return this.ready;
  }

  /** Under an advisory lock: two services starting at once would otherwise race in CREATE TABLE IF NOT EXISTS. */
  private async createTable(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query("SELECT pg_advisory_xact_lock(hashtext('hub_documents'))");
      await client.query(SCHEMA);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async put(key: string, file: string): Promise<void> {
    requireKey(key);
    await this.schema();
    try {
      if (await this.has(key)) return;
      const content = await readFile(file);
      await this.pool.query('INSERT INTO hub_documents (key, size, content) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [key, content.length, content]);
    } finally {
      await rm(file, { force: true });
    }
  }

  async get(key: string): Promise<Buffer | null> {
    requireKey(key);
    await this.schema();
    const result = await this.pool.query<{ content: Buffer }>('SELECT content FROM hub_documents WHERE key = $1', [key]);
    return result.rows[0]?.content ?? null;
  }

  async has(key: string): Promise<boolean> {
    requireKey(key);
    await this.schema();
    const result = await this.pool.query('SELECT 1 FROM hub_documents WHERE key = $1', [key]);
    return result.rowCount === 1;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
