import { migrate, type LocalDb } from '@hub/service-kit';
import { witnessDigest, leafFor, type WitnessRecord } from '@hub/service-kit';

/**
 * The agency's own copy of every witness record it made, in its local SQLite file. The store's
 * operator can delete `witness-<agency>` events; they cannot reach this file, so the hub still
 * finds the record here (GET /api/witness/heads) and can tell that the store lost it.
 */
const MIGRATIONS = [
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
  private readonly sql;

  constructor(private readonly db: LocalDb) {
    migrate(db, 'witness', MIGRATIONS);
    this.sql = {
      last: db.prepare<[], Row>('SELECT record, digest, appended_at FROM witness_records ORDER BY sequence DESC LIMIT 1'),
      pending: db.prepare<[], Row>('SELECT record, digest, appended_at FROM witness_records WHERE appended_at IS NULL ORDER BY sequence'),
      forStream: db.prepare<[string], Row>(`SELECT r.record, r.digest, r.appended_at FROM witness_heads h
        JOIN witness_records r ON r.sequence = h.sequence WHERE h.stream = ? ORDER BY h.sequence DESC`),
      insert: db.prepare('INSERT INTO witness_records (sequence, digest, record, taken_at) VALUES (?, ?, ?, ?)'),
      insertHead: db.prepare('INSERT INTO witness_heads (stream, sequence) VALUES (?, ?)'),
      appended: db.prepare('UPDATE witness_records SET appended_at = ? WHERE sequence = ? AND appended_at IS NULL'),
      scanned: db.prepare<[], bigint>('SELECT scanned FROM witness_cursor WHERE id = 1').pluck().safeIntegers(true),
      setScanned: db.prepare('INSERT INTO witness_cursor (id, scanned) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET scanned = excluded.scanned'),
    };
  }

  last(): KeptRecord | undefined {
    const row = this.sql.last.get();
    return row ? kept(row) : undefined;
  }

  /** Records made but not yet acknowledged by the store, oldest first. */
  pending(): KeptRecord[] {
    return this.sql.pending.all().map(kept);
  }

  /** Every record naming the stream, latest first. */
  forStream(stream: string): KeptRecord[] {
    return this.sql.forStream.all(stream).map(kept);
  }

  /** The last global position scanned, or null before the first scan. */
  scanned(): bigint | null {
    return (this.sql.scanned.get() as bigint | undefined) ?? null;
  }

  setScanned(position: bigint): void {
    this.sql.setScanned.run(position);
  }

  /**
   * Keeps the records and moves the cursor in one IMMEDIATE transaction, so a crash leaves either
   * both or neither; `make` builds each record from the one before (sequence, previous), read
   * inside the lock, so two writers can never fork the chain.
   */
  keep(scannedTo: bigint, count: number, make: (previous: KeptRecord | undefined, index: number) => WitnessRecord): KeptRecord[] {
    return this.db
      .transaction(() => {
        const out: KeptRecord[] = [];
        let previous = this.last();
        for (let i = 0; i < count; i++) {
          const record = make(previous, i);
          const digest = witnessDigest({ ...record, leaves: record.heads.map(leafFor(record.algorithm)) });
          this.sql.insert.run(record.sequence, digest, JSON.stringify(record), record.takenAt);
          for (const head of record.heads) this.sql.insertHead.run(head.stream, record.sequence);
          previous = { record, digest, inStore: false };
          out.push(previous);
        }
        this.setScanned(scannedTo);
        return out;
      })
      .immediate();
  }

  markAppended(sequence: number, at: string): void {
    this.sql.appended.run(at, sequence);
  }
}
