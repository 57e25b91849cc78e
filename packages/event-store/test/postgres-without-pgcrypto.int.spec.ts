/**
 * A PostgreSQL database where pgcrypto is neither installed nor installable (the role may not
 * CREATE in the database): the intl suite's SHA-256 chain needs nothing of it and works; an SM3
 * event (the gm suite) is refused at its append with the reason and what to do, and nothing is
 * written. Runs when DATABASE_URL names a server where this spec may create a database and a role.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from '../src/engines/postgres.js';
import { hashingWith, InvalidEvent } from '../src/index.js';

const url = process.env['DATABASE_URL'];
const suffix = randomBytes(5).toString('hex');
const database = `hub_nocrypto_${suffix}`;
const role = `hub_nocrypto_${suffix}`;

async function asAdmin(connectionString: string, ...sql: string[]): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    for (const statement of sql) await client.query(statement);
  } finally {
    await client.end();
  }
}

const withDatabase = (base: string, name: string, user?: string) => {
  const u = new URL(base);
  u.pathname = `/${name}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
};

describe.skipIf(!url)('the PostgreSQL engine without pgcrypto', () => {
  beforeAll(async () => {
    await asAdmin(url!, `CREATE DATABASE ${database}`, `CREATE ROLE ${role} LOGIN`);
    // The role owns one schema of the new database and may not CREATE in the database itself (so no extension).
    await asAdmin(withDatabase(url!, database), `REVOKE CREATE ON DATABASE ${database} FROM PUBLIC`, `CREATE SCHEMA hub AUTHORIZATION ${role}`);
  });
  afterAll(async () => {
    await asAdmin(url!, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`, `DROP ROLE IF EXISTS ${role}`).catch(() => {});
  });

  it('given a role that cannot create pgcrypto, when the store starts, then SHA-256 appends work and an SM3 append is refused with the reason, writing nothing', async () => {
    const store = await PostgresEventStore.connect({ connectionString: withDatabase(url!, database, role), schema: 'hub' });
    try {
      expect(store.sm3Problem).toMatch(/pgcrypto/);
      await store.append('case-a', [{ type: 'Opened', data: { n: 1 } }]);
      const refused = hashingWith(store, 'sm3').append('case-a', [{ type: 'Noted', data: { n: 2 } }]);
      await expect(refused).rejects.toBeInstanceOf(InvalidEvent);
      await expect(refused).rejects.toThrow(/hashAlg sm3: .*CREATE EXTENSION pgcrypto/);
      const revisions: bigint[] = [];
      for await (const e of store.readStream('case-a')) revisions.push(e.revision);
      expect(revisions).toEqual([0n]);
      expect(await store.verifyStream('case-a')).toMatchObject({ ok: true, events: 1 });
    } finally {
      await store.close();
    }
  });
});

if (!url) it.skip('the PostgreSQL engine without pgcrypto: skipped, DATABASE_URL is not set', () => {});
