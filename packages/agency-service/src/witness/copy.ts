import type { EngineMigrations, SqlDb, SqlQueries } from '@hub/service-kit';
import { witnessDigest, leafFor, type WitnessRecord } from '@hub/service-kit';

/**
 * The agency's own copy of every witness record it made, in its own database (the local SQLite
 * file, or the agency's PostgreSQL schema). The store's operator can delete `witness-<agency>`
 * events; they cannot reach this database, so the hub still finds the record here
 * (GET /api/witness/heads) and can tell that the store lost it.
 */
const SQLITE_MIGRATIONS = [
  `CREATE TABLE witness_records (
    sequence    INTEGER PRIMARY KEY,
    digest      TEXT NOT NULL UNIQUE,
    record      TEXT NOT NULL,
    taken_at    TEXT NOT NULL,
    appended_at TEXT
  )`,
  // One row per (stream, record): answers "which records name this stream" without parsing JSON.
  `CREATE TABLE witness_heads (
    stream   TEXT NOT NULL,
    sequence INTEGER NOT NULL REFERENCES witness_records (sequence),
    PRIMARY KEY (stream, sequence)
  ) WITHOUT ROWID`,
  // How far the store has been scanned for changed case streams (a global position).
  `CREATE TABLE witness_cursor (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    scanned INTEGER NOT NULL
  )`,
];

const POSTGRES_MIGRATIONS = [
  `CREATE TABLE witness_records (
    sequence    BIGINT PRIMARY KEY,
    digest      TEXT NOT NULL UNIQUE,
    record      TEXT NOT NULL,
    taken_at    TEXT NOT NULL,
    appended_at TEXT
  );
  CREATE TABLE witness_heads (
    stream   TEXT NOT NULL,
    sequence BIGINT NOT NULL REFERENCES witness_records (sequence),
    PRIMARY KEY (stream, sequence)
  );
  CREATE TABLE witness_cursor (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    scanned BIGINT NOT NULL
  )`,
];

export const WITNESS_MIGRATIONS: EngineMigrations = { sqlite: SQLITE_MIGRATIONS, postgres: POSTGRES_MIGRATIONS };

export interface KeptRecord {
  record: WitnessRecord;
  digest: string;
  /** False until the store acknowledged the append. */
  inStore: boolean;
}

interface Row {
  record: string;
  digest: string;
  appended_at: string | null;
}

const kept = (row: Row): KeptRecord => ({ record: JSON.parse(row.record) as WitnessRecord, digest: row.digest, inStore: row.appended_at !== null });

export class WitnessCopy {
  private constructor(private readonly db: SqlDb) {}

  static async open(db: SqlDb): Promise<WitnessCopy> {
    await db.migrate('witness', WITNESS_MIGRATIONS);
    return new WitnessCopy(db);
  }

  async last(): Promise<KeptRecord | undefined> {
    return lastOf(this.db);
  }

  /** Records made but not yet acknowledged by the store, oldest first. */
  async pending(): Promise<KeptRecord[]> {
    const rows = await this.db.all<Row>('SELECT record, digest, appended_at FROM witness_records WHERE appended_at IS NULL ORDER BY sequence');
    return rows.map(kept);
  }

  /** Every record naming the stream, latest first. */
  async forStream(stream: string): Promise<KeptRecord[]> {
    const rows = await this.db.all<Row>(
      `SELECT r.record, r.digest, r.appended_at FROM witness_heads h
        JOIN witness_records r ON r.sequence = h.sequence WHERE h.stream = ? ORDER BY h.sequence DESC`,
      [stream],
    );
    return rows.map(kept);
  }

  /** The last global position scanned, or null before the first scan. */
  async scanned(): Promise<bigint | null> {
    return scannedOf(this.db);
  }

  async setScanned(position: bigint): Promise<void> {
    await setScannedIn(this.db, position);
  }

  /**
   * Keeps the records and moves the cursor in one transaction, so a crash leaves either both or
   * neither; `make` builds each record from the one before (sequence, previous), read inside the
   * lock, so two writers (two replicas) can never fork the chain. When the cursor already reached
   * `scannedTo` (another replica recorded these heads meanwhile), keeps nothing and returns [].
   */
  async keep(scannedTo: bigint, count: number, make: (previous: KeptRecord | undefined, index: number) => WitnessRecord): Promise<KeptRecord[]> {
    return this.db.transaction(async (tx) => {
      await tx.lock('witness');
      const scanned = await scannedOf(tx);
      if (scanned !== null && scanned >= scannedTo) return [];
      const out: KeptRecord[] = [];
      let previous = await lastOf(tx);
      for (let i = 0; i < count; i++) {
        const record = make(previous, i);
        const digest = witnessDigest({ ...record, leaves: record.heads.map(leafFor(record.algorithm)) });
        await tx.run('INSERT INTO witness_records (sequence, digest, record, taken_at) VALUES (?, ?, ?, ?)', [
          record.sequence,
          digest,
          JSON.stringify(record),
          record.takenAt,
        ]);
        for (const head of record.heads) await tx.run('INSERT INTO witness_heads (stream, sequence) VALUES (?, ?)', [head.stream, record.sequence]);
        previous = { record, digest, inStore: false };
        out.push(previous);
      }
      await setScannedIn(tx, scannedTo);
      return out;
    });
  }

  async markAppended(sequence: number, at: string): Promise<void> {
    await this.db.run('UPDATE witness_records SET appended_at = ? WHERE sequence = ? AND appended_at IS NULL', [at, sequence]);
  }
}

async function lastOf(db: SqlQueries): Promise<KeptRecord | undefined> {
  const row = await db.get<Row>('SELECT record, digest, appended_at FROM witness_records ORDER BY sequence DESC LIMIT 1');
  return row ? kept(row) : undefined;
}

// Positions are read as numbers (both engines give integers that way); a store's positions stay far below 2^53.
async function scannedOf(db: SqlQueries): Promise<bigint | null> {
  const row = await db.get<{ scanned: number | bigint }>('SELECT scanned FROM witness_cursor WHERE id = 1');
  return row ? BigInt(row.scanned) : null;
}

async function setScannedIn(db: SqlQueries, position: bigint): Promise<void> {
  await db.run('INSERT INTO witness_cursor (id, scanned) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET scanned = excluded.scanned', [position]);
}
