import pg from 'pg';
import { EventStoreError } from '../../errors.js';
import { seal } from '../../hash-chain.js';
import type { AppendOptions, AppendResult } from '../../port.js';
import { checkExpected } from '../../revision.js';
import type { PreparedEvent } from '../../validate.js';
import { mapError, replayed, type Statements } from './sql.js';

export interface Pending {
  stream: string;
  events: PreparedEvent[];
  expected: NonNullable<AppendOptions['expectedRevision']>;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export interface CommitContext {
  pool: pg.Pool;
  sql: Statements;
  lockKey: bigint;
  channel: string;
  clock: () => Date;
}

export interface CommitReport {
  /** Whether anything may have been written (also when the outcome is unknown). */
  wrote: boolean;
  /** Appends not settled because a neighbour's statement failed: to run again in a new transaction. */
  retry: Pending[];
}

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };
type Plan = { done: AppendResult } | { values: unknown[]; revision: bigint };

/**
 * Writes a batch of appends in one transaction (group commit). A refused append never takes its
 * neighbours down, as with sqlite's savepoints, but without subtransactions: under the append
 * lock nobody else writes, so every refusal is decided by reading before anything is written.
 * Only a failing statement (connection lost, a writer bypassing the lock) can abort the
 * transaction; the append it belonged to takes the error and the others are handed back to run
 * again. Why not a SAVEPOINT per append: two more round trips each, and past 64 subtransactions
 * in one transaction PostgreSQL's subxid cache overflows, which slows every other session's
 * snapshots. Settles every item it does not hand back; never throws.
 */
export async function commitBatch(ctx: CommitContext, batch: Pending[]): Promise<CommitReport> {
  let client: pg.PoolClient;
  try {
    client = await ctx.pool.connect();
  } catch (error) {
    for (const item of batch) item.reject(error);
    return { wrote: false, retry: [] };
  }
  const outcomes: Outcome[] = [];
  let last: bigint | null = null;
  let culprit = -1;
  try {
    // The lock is the first statement, before any nextval: see "the gap problem" in ../postgres.ts.
    await client.query(`BEGIN; SELECT pg_advisory_xact_lock(${ctx.lockKey})`);
    // Read the clock once the lock is held, so recordedAt follows position order (on one host's clock).
    const recordedAt = ctx.clock().toISOString();
    for (const [i, item] of batch.entries()) {
      culprit = i;
      const plan = await planAppend(ctx.sql, client, item, recordedAt).catch((error: unknown) => {
        if (error instanceof EventStoreError) return error; // a refusal, decided before writing anything
        throw error;
      });
      if (plan instanceof EventStoreError) {
        outcomes.push({ ok: false, error: plan });
        continue;
      }
      if ('done' in plan) {
        outcomes.push({ ok: true, result: plan.done });
        continue;
      }
      const { rows } = await client.query<{ position: bigint }>(ctx.sql.insert, plan.values);
      const position = rows[0]!.position;
      outcomes.push({ ok: true, result: { nextExpectedRevision: plan.revision, position } });
      last = position;
    }
    culprit = -1;
    // NOTIFY is delivered at commit, never before; both go in one round trip. A transaction in an
    // aborted state answers COMMIT with ROLLBACK instead of an error: check which it was.
    const end = last === null ? 'ROLLBACK' : `SELECT pg_notify(${pg.escapeLiteral(ctx.channel)}, '${last}'); COMMIT`;
    const results = [await client.query(end)].flat() as unknown as pg.QueryResult[];
    const command = results.at(-1)?.command;
    if (last !== null && command !== 'COMMIT') throw new Error(`append transaction ended with ${command}`);
    client.release();
  } catch (error) {
    client.release(true);
    if (culprit < 0) {
      // Failed at BEGIN or COMMIT. At COMMIT the outcome is unknown: a retry with the same event ids is safe.
      for (const item of batch) item.reject(error);
      return { wrote: true, retry: [] };
    }
    batch[culprit]!.reject(mapError(error, batch[culprit]!.events));
    return { wrote: false, retry: batch.filter((_, i) => i !== culprit) };
  }
  batch.forEach((item, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) item.resolve(outcome.result);
    else item.reject(outcome.error);
  });
  return { wrote: last !== null, retry: [] };
}

/** Reads the stream's head and any of the ids it already holds; throws a refusal or says what to insert. */
async function planAppend(sql: Statements, client: pg.PoolClient, item: Pending, recordedAt: string): Promise<Plan> {
  const { stream, events } = item;
  const ids = events.map((e) => e.id);
  const { rows } = await client.query<{ head: bigint | null; hash: string | null; id: string | null; revision: bigint; position: bigint }>(
    sql.lookup, [stream, ids],
  );
  const stored = rows.filter((r) => r.id !== null);
  if (stored.length > 0) return { done: replayed(events, new Map(stored.map((r) => [r.id!, r]))) };
  const head = rows[0]?.head ?? null;
  checkExpected(stream, item.expected, head ?? 'no_stream');
  let revision = head ?? -1n;
  let prevHash = rows[0]?.hash ?? null;
  const revisions: bigint[] = [];
  const metadata: string[] = [];
  for (const event of events) {
    revision++;
    const sealed = seal(event, stream, revision, prevHash, recordedAt);
    revisions.push(revision);
    metadata.push(sealed.metadataJson);
    prevHash = sealed.hash;
  }
  const values = [stream, revisions, ids, events.map((e) => e.type), events.map((e) => e.dataJson), metadata, revision, prevHash];
  return { values, revision };
}
