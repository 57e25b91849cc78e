import pg from 'pg';
import { randomTag } from './stats.js';

export interface ScratchDatabase {
  name: string;
  url: string;
  /** Server settings that decide what a commit survives, for the notes. */
  durability: string;
  drop(): Promise<void>;
}

/** Creates a fresh database `bench_<random>` on the server DATABASE_URL names; drop() removes it. */
export async function createScratchDatabase(databaseUrl: string): Promise<ScratchDatabase> {
  const name = `bench_${randomTag()}`;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  let durability: string;
  try {
    await admin.query(`CREATE DATABASE ${name}`);
    const { rows } = await admin.query<{ name: string; setting: string }>(
      "SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit', 'wal_sync_method', 'full_page_writes') ORDER BY name",
    );
    durability = rows.map((r) => `${r.name}=${r.setting}`).join(', ');
  } finally {
    await admin.end();
  }
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    durability,
    async drop() {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
