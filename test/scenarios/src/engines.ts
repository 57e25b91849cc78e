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
  const store = new SqliteEventStore({ path: join(dir, 'hub.db'), ...options });
  return {
    store,
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
