import pg from 'pg';
import { asPortError } from './unavailable.js';
import { canonicalJson } from '../../canonical.js';
import { DuplicateEventId, WrongExpectedRevision } from '../../errors.js';
import type { AppendOptions, AppendResult, EventMetadata } from '../../port.js';
import type { RecordedAtFloor } from '../../recorded-at.js';
import type { PreparedEvent } from '../../validate.js';
import { EXPECT } from './function.js';
import { MAX_INT64 } from '../../revision.js';
import type { Statements } from './sql.js';

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
  /** Stamps recordedAt: the clock, never before the newest recordedAt this process has seen. */
  recordedAt: RecordedAtFloor;
}

export interface CommitReport {
  /** Whether anything may have been written (also when the outcome is unknown). */
  wrote: boolean;
  /** Appends not settled because a neighbour's statement failed: to run again in the next call. */
  retry: Pending[];
}

/** Bounds one call (so one transaction); the rest of the queue goes into the next. */
export const MAX_APPENDS_PER_COMMIT = 500;
export const MAX_EVENTS_PER_COMMIT = 5000;
/**
 * Characters of data and metadata per call, past its first append: the call stays well under
 * PostgreSQL's 1 GB per message and per array. (One append is never split, as before.)
 */
export const MAX_CHARS_PER_COMMIT = 64 * 1024 * 1024;

function charsOf(item: Pending): number {
  return item.events.reduce((sum, e) => sum + e.dataJson.length + JSON.stringify(e.metadata).length + 200, 0);
}

/** Takes the next group off the front of the queue: at least one append, then as many as fit the bounds. */
export function takeGroup(queue: Pending[]): Pending[] {
  let events = 0;
  let chars = 0;
  let n = 0;
  for (const item of queue) {
    if (n === MAX_APPENDS_PER_COMMIT) break;
    const itemChars = charsOf(item);
    if (n > 0 && (events + item.events.length > MAX_EVENTS_PER_COMMIT || chars + itemChars > MAX_CHARS_PER_COMMIT)) break;
    events += item.events.length;
    chars += itemChars;
    n++;
  }
  return queue.splice(0, n);
}

/**
 * The stored metadata text without `hash`, cut where the prevHash value goes: canonicalJson of
 * {...metadata, recordedAt, prevHash} is `lo + prevHashJson + hi + '}'`. Keys sort by UTF-16
 * code units, as `<` compares, so the user's keys below "prevHash" come before it and the rest
 * (recordedAt among them) after. Null-prototype objects keep a key named `__proto__` an ordinary key.
 */
export function metadataHalves(metadata: EventMetadata, recordedAt: string): { lo: string; hi: string } {
  const below: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const above: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  above['recordedAt'] = recordedAt;
  for (const key of Object.keys(metadata)) (key < 'prevHash' ? below : above)[key] = metadata[key];
  const lo = canonicalJson(below);
  return { lo: `${lo === '{}' ? '{' : `${lo.slice(0, -1)},`}"prevHash":`, hi: `,${canonicalJson(above).slice(1, -1)}` };
}

function expectation(expected: Pending['expected']): [kind: number, revision: bigint | null] {
  if (expected === 'any') return [EXPECT.any, null];
  if (expected === 'no_stream') return [EXPECT.noStream, null];
  if (expected === 'stream_exists') return [EXPECT.streamExists, null];
  // Anything else never matches, as in checkExpected: -1 is no stream's revision.
  return [EXPECT.exact, typeof expected === 'bigint' && expected >= 0n && expected <= MAX_INT64 ? expected : -1n];
}

/** The call for one group: every append's events one after the other, as the append function takes them. */
export function appendCall(sql: Statements, group: readonly Pending[], recordedAt: string): pg.QueryConfig {
  const streams: string[] = [];
  const streamJsons: string[] = [];
  const kinds: number[] = [];
  const expected: Array<bigint | null> = [];
  const counts: number[] = [];
  const appends: number[] = [];
  const ids: string[] = [];
  const types: string[] = [];
  const data: string[] = [];
  const lo: string[] = [];
  const hi: string[] = [];
  const algs: string[] = [];
  for (const item of group) {
    const [kind, revision] = expectation(item.expected);
    streams.push(item.stream);
    streamJsons.push(JSON.stringify(item.stream));
    kinds.push(kind);
    expected.push(revision);
    counts.push(item.events.length);
    for (const event of item.events) {
      appends.push(streams.length);
      const halves = metadataHalves(event.metadata, recordedAt);
      ids.push(event.id);
      types.push(event.type);
      data.push(event.dataJson);
      lo.push(halves.lo);
      hi.push(halves.hi);
      algs.push(event.metadata['hashAlg'] === 'sm3' ? 'sm3' : 'sha256');
    }
  }
  return sql.append([streams, streamJsons, kinds, expected, counts, appends, ids, types, data, lo, hi, algs]);
}

interface OutcomeRow {
  r_outcome: 'ok' | 'replayed' | 'wrong_expected_revision' | 'duplicate_event_id';
  r_revision: bigint | null;
  r_position: bigint | null;
  r_actual: bigint | null;
  r_id: string | null;
}

function settle(item: Pending, row: OutcomeRow): void {
  switch (row.r_outcome) {
    case 'ok':
    case 'replayed':
      item.resolve({ nextExpectedRevision: row.r_revision!, position: row.r_position! });
      return;
    case 'wrong_expected_revision':
      item.reject(new WrongExpectedRevision(item.stream, item.expected, row.r_actual ?? 'no_stream'));
      return;
    case 'duplicate_event_id':
      item.reject(new DuplicateEventId(row.r_id!));
      return;
    default:
      item.reject(new Error(`append function answered ${String(row.r_outcome)}`));
  }
}

/**
 * Writes a group of appends in one statement, so one round trip and one transaction (group commit).
 * The function decides every refusal by reading, under the append lock, before writing anything of
 * that append: a refused append never takes its neighbours down, and no subtransaction is needed.
 * Settles every item it does not hand back; never throws.
 */
export async function commitGroup(ctx: CommitContext, group: Pending[]): Promise<CommitReport> {
  let rows: OutcomeRow[];
  let recordedAt: string;
  try {
    // Stamped just before the call, one call at a time: recordedAt follows position order within this process.
    recordedAt = await ctx.recordedAt.stamp();
    rows = (await ctx.pool.query<OutcomeRow>(appendCall(ctx.sql, group, recordedAt))).rows;
  } catch (error) {
    return failed(group, error);
  }
  if (rows.length !== group.length) {
    const error = new Error(`append function answered ${rows.length} rows for ${group.length} appends`);
    for (const item of group) item.reject(error);
    return { wrote: true, retry: [] };
  }
  for (const [i, item] of group.entries()) settle(item, rows[i]!);
  const wrote = rows.some((row) => row.r_outcome === 'ok');
  if (wrote) ctx.recordedAt.written(recordedAt);
  return { wrote, retry: [] };
}

/**
 * The call failed as a whole. A unique violation can only come from something writing without the
 * append lock; the statement was rolled back, so nothing was written: the append it hit takes it
 * (as DuplicateEventId where an id was taken) and the others go again. Anything else fails every
 * append of the group: after a lost connection the outcome is unknown, and retrying with the same
 * event ids is safe.
 */
function failed(group: Pending[], error: unknown): CommitReport {
  const e = error as { code?: string; constraint?: string; detail?: string };
  // The detail reads `Key (stream, id)=(<stream>, <id>) already exists.` (or `(stream, revision)`); stream names hold no white space.
  const detail = error instanceof pg.DatabaseError && e.code === '23505' ? (e.detail ?? '') : '';
  const byId = e.constraint === 'events_stream_id_key';
  let culprit = -1;
  let taken: string | undefined;
  for (const [i, item] of group.entries()) {
    if (!detail.includes(`=(${item.stream}, `)) continue;
    taken = byId ? item.events.find((event) => detail.includes(`=(${item.stream}, ${event.id})`))?.id : undefined;
    if (byId && taken === undefined) continue;
    culprit = i;
    break;
  }
  if (culprit < 0) {
    const reported = asPortError(error);
    for (const item of group) item.reject(reported);
    return { wrote: true, retry: [] };
  }
  group[culprit]!.reject(taken === undefined ? error : new DuplicateEventId(taken));
  return { wrote: false, retry: group.filter((_, i) => i !== culprit) };
}
