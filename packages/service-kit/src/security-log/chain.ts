/** The security log's table, how an entry is hashed, and the walk that verifies the chain (docs/security-log.md). */
import { createHash } from 'node:crypto';
import type { EngineMigrations, SqlQueries } from '../sql/index.js';
import type { SecurityEntry, SecurityKind, SecurityOutcome } from './kinds.js';

/** The previous hash of the very first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export const MIGRATIONS: EngineMigrations = {
  // As they shipped: an existing file opens unchanged.
  sqlite: [
    `CREATE TABLE security_log (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    actor_id     TEXT,
    actor_name   TEXT,
    actor_agency TEXT,
    subject      TEXT NOT NULL,
    source_ip    TEXT,
    forwarded_for TEXT,
    outcome      TEXT NOT NULL,
    detail       TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL
  )`,
    'CREATE INDEX security_log_at ON security_log (at)',
    // Each entry's hash algorithm: 'sha256' (suite intl, and every entry written before this column)
    // or 'sm3' (suite gm). verifyChain hashes each entry with its own, so a log switched from intl
    // to gm verifies across the switch.
    "ALTER TABLE security_log ADD COLUMN hash_alg TEXT NOT NULL DEFAULT 'sha256'",
  ],
  // Today's table in one step. Each entry still records its own hash algorithm: a PostgreSQL log
  // too may be written under intl and later under gm, and verifies across the switch.
  postgres: [
    `CREATE TABLE security_log (
      seq           BIGINT PRIMARY KEY,
      at            TEXT NOT NULL,
      kind          TEXT NOT NULL,
      actor_id      TEXT,
      actor_name    TEXT,
      actor_agency  TEXT,
      subject       TEXT NOT NULL,
      source_ip     TEXT,
      forwarded_for TEXT,
      outcome       TEXT NOT NULL,
      detail        TEXT NOT NULL,
      prev_hash     TEXT NOT NULL,
      hash          TEXT NOT NULL,
      hash_alg      TEXT NOT NULL
    );
    CREATE INDEX security_log_at ON security_log (at)`,
  ],
};

export type SecurityLogHashAlg = 'sha256' | 'sm3';

export type Row = {
  seq: number;
  at: string;
  kind: SecurityKind;
  actor_id: string | null;
  actor_name: string | null;
  actor_agency: string | null;
  subject: string;
  source_ip: string | null;
  forwarded_for: string | null;
  outcome: SecurityOutcome;
  detail: string;
  prev_hash: string;
  hash: string;
  hash_alg: SecurityLogHashAlg;
};

/**
 * The entry's hash over the entry as stored (detail as its stored JSON text) and the previous
 * entry's hash: sha256 for an entry whose hash_alg is 'sha256' (or absent: entries from before the
 * column, unchanged), SM3 for 'sm3', whose hashed text also ends with the algorithm's name, so an
 * entry relabelled from one to the other no longer matches.
 */
export function entryHash(row: Omit<Row, 'hash' | 'hash_alg'> & { hash_alg?: string }): string {
  const alg = row.hash_alg ?? 'sha256';
  if (alg !== 'sha256' && alg !== 'sm3') throw new Error(`unknown security log hash algorithm ${JSON.stringify(alg)}`);
  const fields: unknown[] = [
    row.seq,
    row.at,
    row.kind,
    row.actor_id,
    row.actor_name,
    row.actor_agency,
    row.subject,
    row.source_ip,
    row.forwarded_for,
    row.outcome,
    row.detail,
    row.prev_hash,
  ];
  if (alg === 'sm3') fields.push(alg);
  return createHash(alg).update(JSON.stringify(fields)).digest('hex');
}

export const toEntry = (r: Row): SecurityEntry => ({
  seq: r.seq,
  at: r.at,
  kind: r.kind,
  actor: { userId: r.actor_id, name: r.actor_name, agency: r.actor_agency },
  subject: r.subject,
  sourceIp: r.source_ip,
  forwardedFor: r.forwarded_for,
  outcome: r.outcome,
  detail: JSON.parse(r.detail) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export interface SecurityLogVerification {
  ok: boolean;
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  headHash: string;
  /** The first entry that does not verify, and why. */
  broken?: { seq: number; reason: string };
}

/** Entries read per query while verifying: the walk holds one page at a time, not the whole log. */
const VERIFY_PAGE = 1000;

/**
 * Walks the chain from its first kept entry (or the checkpoint before it) to the head, a page at a
 * time. Entries appended meanwhile (here or by another replica) are walked too. A prune that
 * removes entries ahead of the walk shows as a gap: seeing that the log now starts after it, the
 * walk starts again from the new first entry rather than calling the chain broken.
 */
export async function verifyChain(db: SqlQueries, pageSize = VERIFY_PAGE): Promise<SecurityLogVerification> {
  for (let attempt = 1; ; attempt++) {
    // A prune runs once per start-up: a third walk racing one too reports what it finds.
    const walked = await walk(db, pageSize, attempt < 3);
    if (walked !== PRUNED_MEANWHILE) return walked;
  }
}

const PRUNED_MEANWHILE = 'pruned meanwhile';

async function walk(db: SqlQueries, pageSize: number, retryOnPrune: boolean): Promise<SecurityLogVerification | typeof PRUNED_MEANWHILE> {
  let expectedPrev: string | null = null;
  let expectedSeq = 0;
  let count = 0;
  let firstSeq: number | null = null;
  let lastSeq: number | null = null;
  let head = GENESIS_HASH;
  const result = (broken?: { seq: number; reason: string }): SecurityLogVerification => ({
    ok: broken === undefined,
    entries: count,
    firstSeq,
    lastSeq,
    headHash: head,
    ...(broken ? { broken } : {}),
  });
  for (let after = 0; ; ) {
    const rows = await db.all<Row>('SELECT * FROM security_log WHERE seq > ? ORDER BY seq LIMIT ?', [after, pageSize]);
    for (const row of rows) {
      count++;
      if (firstSeq === null) {
        firstSeq = row.seq;
        expectedSeq = row.seq;
        expectedPrev = row.seq === 1 ? GENESIS_HASH : await checkpointFor(db, row.seq - 1);
        if (expectedPrev === null) {
          if (retryOnPrune && (await firstKept(db)) > row.seq) return PRUNED_MEANWHILE;
          return result({ seq: row.seq, reason: `entries before ${row.seq} are missing and no log_pruned checkpoint accounts for them` });
        }
      }
      if (row.seq !== expectedSeq) {
        if (retryOnPrune && (await firstKept(db)) > expectedSeq) return PRUNED_MEANWHILE;
        return result({ seq: expectedSeq, reason: `entry ${expectedSeq} is missing` });
      }
      if (row.prev_hash !== expectedPrev) return result({ seq: row.seq, reason: 'its previous hash is not the hash of the entry before it' });
      const { hash, ...rest } = row;
      if (rest.hash_alg !== 'sha256' && rest.hash_alg !== 'sm3')
        return result({ seq: row.seq, reason: `its hash algorithm ${JSON.stringify(rest.hash_alg)} is unknown` });
      if (entryHash(rest) !== hash) return result({ seq: row.seq, reason: 'its content does not match its hash (edited)' });
      expectedPrev = hash;
      expectedSeq = row.seq + 1;
      lastSeq = row.seq;
      head = hash;
    }
    if (rows.length < pageSize) return result();
    after = rows[rows.length - 1]!.seq;
  }
}

/** The first entry kept now (0 when the log is empty). */
async function firstKept(db: SqlQueries): Promise<number> {
  const row = await db.get<{ first: number | null }>('SELECT min(seq) AS first FROM security_log');
  return Number(row?.first ?? 0);
}

/** The hash a `log_pruned` checkpoint kept for the last entry it removed, when that entry is `seq`. */
async function checkpointFor(db: SqlQueries, seq: number): Promise<string | null> {
  const rows = await db.all<{ detail: string }>("SELECT detail FROM security_log WHERE kind = 'log_pruned' ORDER BY seq DESC");
  for (const { detail } of rows) {
    const d = JSON.parse(detail) as { throughSeq?: unknown; lastPrunedHash?: unknown };
    if (d.throughSeq === seq && typeof d.lastPrunedHash === 'string') return d.lastPrunedHash;
  }
  return null;
}
