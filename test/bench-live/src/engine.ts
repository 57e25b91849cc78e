/**
 * The store the system runs over: a SQLite file in the temp directory, or a fresh PostgreSQL
 * database that the benchmark creates and drops (on every exit path: done, failed, Ctrl-C/SIGTERM,
 * an uncaught error; only a SIGKILL of the benchmark itself leaves it behind).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { registerExitCleanup } from './live/children.js';

export type Engine = 'sqlite' | 'postgres';
export const ENGINES: readonly Engine[] = ['sqlite', 'postgres'];

/** The server the benchmark creates its databases on: BENCH_PG_URL, else DATABASE_URL, else the local PostgreSQL (user postgres, trust auth). */
export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
export const pgServerUrl = (env: NodeJS.ProcessEnv = process.env): string => env['BENCH_PG_URL'] ?? env['DATABASE_URL'] ?? DEFAULT_PG_URL;

/** `bench_live_<pid>_<label>`: a name PostgreSQL takes unquoted (lower case, digits, underscores; at most 63 bytes). */
export function benchDatabaseName(pid: number, label: string): string {
  const tail = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const name = `bench_live_${pid}${tail ? `_${tail}` : ''}`;
  if (name.length > 63) throw new Error(`database name too long: ${name}`);
  return name;
}

/** The server URL with its database replaced by `database`. */
export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export interface BenchStore {
  engine: Engine;
  /** What `connect()` and EVENT_STORE_URL take. */
  url: string;
  /** The SQLite file (its WAL beside it), or null on PostgreSQL. */
  sqlitePath: string | null;
  /** The PostgreSQL database's name, or null on SQLite. */
  database: string | null;
  /** The store's size on disk: the SQLite file, or pg_database_size. */
  sizeBytes(): Promise<number | null>;
  /** The SQLite WAL's size now (0 without one); null on PostgreSQL. */
  walBytes(): number | null;
  /** Server settings that decide what a commit survives (PostgreSQL), for the notes; null on SQLite. */
  durability: string | null;
  /** Makes commits asynchronous (synchronous_commit off) for connections opened after, or back to the server's default. PostgreSQL only. */
  setAsyncCommit(on: boolean): Promise<void>;
  /** Drops the database (PostgreSQL); the SQLite file goes with the temp directory. */
  drop(): Promise<void>;
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

const PG_MODULE = import.meta.resolve('pg');

/** Drops a database from a separate node process, synchronously: what an 'exit' handler can still do. */
function dropSync(serverUrl: string, name: string): void {
  const script = `import pg from ${JSON.stringify(PG_MODULE)};
const c = new pg.Client({ connectionString: ${JSON.stringify(serverUrl)} });
await c.connect();
try { await c.query('DROP DATABASE IF EXISTS ${name} WITH (FORCE)'); } finally { await c.end(); }`;
  spawnSync(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore', timeout: 15_000 });
}

export function sqliteStore(dir: string, file = 'store.db'): BenchStore {
  const path = join(dir, file);
  const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
  return {
    engine: 'sqlite',
    url: `sqlite:${path}`,
    sqlitePath: path,
    database: null,
    sizeBytes: async () => size(path) + size(`${path}-wal`),
    walBytes: () => size(`${path}-wal`),
    durability: null,
    setAsyncCommit: async () => {},
    drop: async () => {},
  };
}

/** Creates the fresh database `name` on `serverUrl`; it is dropped by drop(), or when this process exits. */
export async function postgresStore(serverUrl: string, name: string): Promise<BenchStore> {
  const durability = await withClient(serverUrl, async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    const { rows } = await admin.query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'server_version') ORDER BY name",
    );
    return rows.map((r) => `${r.name}=${r.setting}`).join(', ');
  });
  let dropped = false;
  const unregister = registerExitCleanup(() => {
    if (!dropped) dropSync(serverUrl, name);
  });
  const url = withDatabase(serverUrl, name);
  return {
    engine: 'postgres',
    url,
    sqlitePath: null,
    database: name,
    sizeBytes: () =>
      withClient(url, async (c) => Number((await c.query<{ size: string }>('SELECT pg_database_size(current_database()) AS size')).rows[0]!.size)).catch(
        () => null,
      ),
    walBytes: () => null,
    durability,
    setAsyncCommit: (on) =>
      withClient(serverUrl, async (admin) => {
        await admin.query(on ? `ALTER DATABASE ${name} SET synchronous_commit = off` : `ALTER DATABASE ${name} RESET synchronous_commit`);
      }),
    async drop() {
      if (dropped) return;
      await withClient(serverUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      dropped = true;
      unregister();
    },
  };
}
