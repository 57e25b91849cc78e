/**
 * The stores a scenario runs on: sqlite (a temp file) always, PostgreSQL when DATABASE_URL is
 * set — a fresh schema per run, dropped afterwards, so runs never see each other's events.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type ConnectOptions, type EventStore } from '@hub/event-store';

export interface OpenedStore {
  store: EventStore;
  /** Edits one stored event's data with plain SQL, past the store (what a rogue operator could do). */
  tamper(stream: string, revision: bigint, dataJson: string): Promise<void>;
  /** Closes the store and removes what it wrote (the temp file, the schema). */
  dispose(): Promise<void>;
}

export interface Engine {
  name: 'sqlite' | 'postgres';
  open(): Promise<OpenedStore>;
}

/** A store in a fresh temp file; `options.clock` stamps recordedAt (default real time). */
export async function openSqlite(options: ConnectOptions = {}): Promise<OpenedStore> {
  const dir = await mkdtemp(join(tmpdir(), 'hub-store-'));
  const path = join(dir, 'hub.db');
  const store = new SqliteEventStore({ path, ...options });
  return {
    store,
    async tamper(stream, revision, dataJson) {
      // Loaded only here: the demo and the scenarios never open the file behind the store's back.
      const { default: Database } = await import('better-sqlite3');
      const db = new Database(path);
      try {
        const { changes } = db.prepare('UPDATE events SET data = ? WHERE stream = ? AND revision = ?').run(dataJson, stream, revision);
        if (changes !== 1) throw new Error(`tamper touched ${changes} rows`);
      } finally {
        db.close();
      }
    },
    async dispose() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export async function openPostgres(connectionString: string): Promise<OpenedStore> {
  const { PostgresEventStore } = await import('@hub/event-store/postgres');
  const { default: pg } = await import('pg');
  const schema = `scenario_${randomBytes(6).toString('hex')}`;
  const store = await PostgresEventStore.connect({ connectionString, schema });
  return {
    store,
    async tamper(stream, revision, dataJson) {
      const client = new pg.Client({ connectionString });
      await client.connect();
      try {
        const { rowCount } = await client.query(`UPDATE "${schema}".events SET data = $1 WHERE stream = $2 AND revision = $3`, [
          dataJson,
          stream,
          revision.toString(),
        ]);
        if (rowCount !== 1) throw new Error(`tamper touched ${rowCount} rows`);
      } finally {
        await client.end();
      }
    },
    async dispose() {
      await store.close();
      const client = new pg.Client({ connectionString });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** sqlite always; postgres when DATABASE_URL names a server. */
export function scenarioEngines(env: NodeJS.ProcessEnv = process.env): Engine[] {
  const engines: Engine[] = [{ name: 'sqlite', open: openSqlite }];
  const url = env['DATABASE_URL'];
  if (url) engines.push({ name: 'postgres', open: () => openPostgres(url) });
  return engines;
}
