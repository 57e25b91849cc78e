import { cpus } from 'node:os';
import type { CommitStats } from '@hub/event-store';
import { openPostgres, openSqlite, type EngineSetup } from './engines.js';
import { COMMIT_BLOCKS } from './fsync-probe.js';
import { FULL, QUICK, withOverrides, type SizeOverrides, type Sizes } from './sizes.js';
import type { BenchTarget, Engine } from './targets/types.js';
import { appendBatches, appendConcurrent, appendSingle, buildStream, fillTo } from './workloads/append.js';
import { liveLatency } from './workloads/live.js';
import { readAllThroughput, verifyThroughput } from './workloads/read.js';
import { sleep } from './stats.js';

export type WorkloadId = 'append-1' | 'append-100' | 'append-16-writers' | 'read-all' | 'live-p50' | 'live-p99' | 'verify-stream';
export const WORKLOADS: readonly WorkloadId[] = ['append-1', 'append-100', 'append-16-writers', 'read-all', 'live-p50', 'live-p99', 'verify-stream'];

export interface BenchRecord {
  engine: Engine;
  workload: WorkloadId;
  unit: 'events/s' | 'ms';
  ours: number | null;
  peer: number | null;
  /** >1 means ours is ahead: ours÷peer for throughput, peer÷ours for latency. Null when either side is n/a. */
  ratio: number | null;
}

export interface BenchReport {
  machine: { cpu: string; cores: number; node: string; date: string };
  mode: 'full' | 'quick';
  records: BenchRecord[];
  /** Engines not run, with the reason (no DATABASE_URL, engine not available yet). */
  skipped: Array<{ engine: Engine; reason: string }>;
  notes: Array<{ engine: Engine; text: string }>;
}

export interface RunOptions {
  /** Smoke-run sizes. Default false: the full run. */
  quick?: boolean;
  /** Fine-tune any size (the tests use tiny counts). */
  sizes?: SizeOverrides;
  /** Default: sqlite, and postgres when databaseUrl is set. */
  engines?: readonly Engine[];
  /** Server for the postgres workloads; a scratch database is made on it and dropped. */
  databaseUrl?: string;
  /** Progress lines. Default: none, so a test stays quiet. */
  log?: (line: string) => void;
}

export async function runBench(options: RunOptions = {}): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const sizes = withOverrides(options.quick ? QUICK : FULL, options.sizes);
  const engines = options.engines ?? (options.databaseUrl ? ['sqlite', 'postgres'] : ['sqlite']);
  const report: BenchReport = {
    machine: { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: cpus().length, node: process.version, date: new Date().toISOString() },
    mode: options.quick ? 'quick' : 'full',
    records: [],
    skipped: [],
    notes: [],
  };
  if (!engines.includes('postgres')) {
    report.skipped.push({ engine: 'postgres', reason: options.databaseUrl ? 'not asked for' : 'no DATABASE_URL, not run' });
  }
  for (const engine of engines) {
    const note = (text: string) => report.notes.push({ engine, text });
    let setup: EngineSetup;
    if (engine === 'sqlite') {
      setup = openSqlite();
    } else {
      if (!options.databaseUrl) throw new Error('postgres workloads need databaseUrl');
      const opened = await openPostgres(options.databaseUrl);
      if (typeof opened === 'string') {
        log(`postgres: engine not available yet (${opened})`);
        report.skipped.push({ engine, reason: `engine not available yet: ${opened}` });
        continue;
      }
      setup = opened;
    }
    try {
      report.records.push(...(await runEngine(engine, setup, sizes, log, note)));
    } finally {
      await setup.cleanup();
    }
  }
  return report;
}

type Note = (text: string) => void;

/**
 * Why our concurrent-writer figure is what it is: appends per commit, the time per commit split
 * into our work and SQLite's commit (its fsync), CPU per event, and the disk's bare fdatasync.
 * Writers that each wait for their own answer put at most one append each in a commit, so the
 * figure cannot pass writers ÷ time per commit.
 */
function writeCostNote(
  what: string,
  eventsPerSecond: number,
  before: { stats: CommitStats; cpu: NodeJS.CpuUsage },
  costs: NonNullable<EngineSetup['writeCosts']>,
): string {
  const cpu = process.cpuUsage(before.cpu);
  const after = costs.commitStats();
  const commits = after.commits - before.stats.commits;
  const appends = after.appends - before.stats.appends;
  if (commits === 0) return `${what}, ours: no commit counted`;
  const perCommit = (after.transactionMs - before.stats.transactionMs) / commits;
  const work = (after.workMs - before.stats.workMs) / commits;
  // One event per append in this workload.
  const wallMs = (appends / eventsPerSecond) * 1000;
  const inCommits = (after.transactionMs - before.stats.transactionMs) / wallMs;
  const ceiling = Math.round((appends / commits / perCommit) * 1000);
  const sync = costs.fdatasyncMs();
  return (
    `${what}, ours: ${(appends / commits).toFixed(1)} appends per commit; ${perCommit.toFixed(2)} ms per commit, of which ` +
    `${work.toFixed(2)} ms checks, seals and inserts and ${(perCommit - work).toFixed(2)} ms SQLite's commit (WAL write and fsync); ` +
    `transactions ${Math.round(inCommits * 100)}% of the wall time; ` +
    `${Math.round((cpu.user + cpu.system) / appends)} µs CPU per event (whole process, benchmark included); ` +
    `fdatasync on this disk just after: ${sync.block.toFixed(2)} ms after writing 4 KiB, ${sync.commit.toFixed(2)} ms after ${COMMIT_BLOCKS * 4} KiB (about what one such commit writes to the WAL; medians of 50). ` +
    `Commits alone cap this run at ${ceiling.toLocaleString('en-US')} events/s.`
  );
}

/** Why Emmett's whole-store read can differ from what it acknowledged, per engine. */
const SHORT_READ: Record<Engine, string> = {
  sqlite:
    'its shared instance acknowledges some concurrent appends that are then rolled back (the other calls close the connection they share), so those events are lost',
  postgres:
    'its pages are ordered by (transaction_id, global_position) but continue after the last global_position, so where concurrent appends committed out of position order a page boundary repeats or skips events; it also hides transactions newer than the oldest one open on the server',
};

const who = (target: BenchTarget): string => (target.side === 'ours' ? 'ours' : 'Emmett');

/** A pause before each side, so that I/O the previous one left behind (WAL checkpoints, closing connections) does not land on the next. */
const SETTLE_MS = 300;

/** Runs one side of one workload; a failure becomes a null figure and a note, not a lost run. */
async function side<T>(target: BenchTarget, what: string, log: (line: string) => void, note: Note, run: () => Promise<T>): Promise<T | null> {
  log(`${target.engine} ${what}: ${who(target)}…`);
  try {
    return await run();
  } catch (error) {
    note(`${what}: ${who(target)} failed: ${(error as Error).message.split('\n')[0]}`);
    return null;
  }
}

async function runEngine(engine: Engine, setup: EngineSetup, sizes: Sizes, log: (line: string) => void, note: Note): Promise<BenchRecord[]> {
  const { ours, peer } = setup;
  const records: BenchRecord[] = [];
  const throughput = (workload: WorkloadId, o: number | null, p: number | null) =>
    records.push({ engine, workload, unit: 'events/s', ours: o, peer: p, ratio: o !== null && p !== null ? o / p : null });
  const latency = (workload: WorkloadId, o: number | null, p: number | null) =>
    records.push({ engine, workload, unit: 'ms', ours: o, peer: p, ratio: o !== null && p !== null && o > 0 ? p / o : null });
  /** Back to back, the order alternating from one workload to the next so neither side always goes first. */
  let flip = false;
  const both = async <T>(what: string, run: (t: BenchTarget) => Promise<T>): Promise<[T | null, T | null]> => {
    flip = !flip;
    const [first, second] = flip ? [ours, peer] : [peer, ours];
    await sleep(SETTLE_MS);
    const a = await side(first, what, log, note, () => run(first));
    await sleep(SETTLE_MS);
    const b = await side(second, what, log, note, () => run(second));
    return flip ? [a, b] : [b, a];
  };

  // Warm-up, untimed: opens files or pools and creates each store's tables.
  await both('warm-up', (t) => appendSingle(t, { events: 5, budgetMs: 10_000 }));

  throughput('append-1', ...(await both('append 1×1', (t) => appendSingle(t, sizes.single))));
  throughput('append-100', ...(await both('append 1×100', (t) => appendBatches(t, sizes.batch))));
  const concurrent = `append ${sizes.concurrent.writers} writers`;
  const [concurrentOurs, concurrentPeer] = await both(concurrent, async (t) => {
    // A store that cannot take concurrent appends one way is tried the next way it offers; the last way's failure counts.
    const ways = t.concurrencyTargets?.() ?? [{ label: '', target: t }];
    for (const [i, way] of ways.slice(0, -1).entries()) {
      const result = await side(way.target, `${concurrent} through ${way.label}`, log, note, () => appendConcurrent(way.target, sizes.concurrent));
      if (result !== null) return result;
      await sleep(SETTLE_MS);
      if (i === ways.length - 2) log(`${engine} ${concurrent} through ${ways.at(-1)!.label}: ${who(t)}…`);
    }
    const last = ways.at(-1)!;
    const costs = t === ours ? setup.writeCosts : undefined;
    const before = costs && { stats: costs.commitStats(), cpu: process.cpuUsage() };
    const result = await appendConcurrent(last.target, sizes.concurrent);
    if (costs && before && result !== null) note(writeCostNote(concurrent, result, before, costs));
    if (ways.length > 1) note(`${concurrent}: ${who(t)}'s figure is through ${last.label}, as the ways above failed.`);
    return result;
  });
  throughput('append-16-writers', concurrentOurs, concurrentPeer);

  const verifyStreamName = ours.verifyStream ? await buildStream(ours, sizes.verify.events) : null;
  // Both stores hold the same number of events when they are read whole.
  const total = Math.max(sizes.readAll.events, ours.appended, peer.appended);
  log(`${engine} filling both stores to ${total} events…`);
  await fillTo(ours, total);
  await fillTo(peer, total);
  const [readOurs, readPeer] = await both('read all', (t) => readAllThroughput(t, sizes.readAll.passes));
  for (const [result, target] of [
    [readOurs, ours],
    [readPeer, peer],
  ] as const) {
    if (result && target.readAll && result.read !== target.appended) {
      note(
        `read all: ${who(target)} read ${result.read} events of the ${target.appended} its appends acknowledged${target.side === 'peer' ? `: ${SHORT_READ[engine]}` : ''}`,
      );
    }
  }
  throughput('read-all', readOurs?.rate ?? null, readPeer?.rate ?? null);

  const [liveOurs, livePeer] = await both('live', (t) => liveLatency(t, sizes.live));
  for (const [result, who] of [
    [liveOurs, 'ours'],
    [livePeer, 'Emmett'],
  ] as const) {
    if (result && result.delivered < result.sent)
      note(`live: ${who} delivered ${result.delivered} of ${result.sent} events within ${sizes.live.timeoutMs} ms of the last append`);
  }
  latency('live-p50', liveOurs?.p50 ?? null, livePeer?.p50 ?? null);
  latency('live-p99', liveOurs?.p99 ?? null, livePeer?.p99 ?? null);

  const verifyOurs = verifyStreamName ? await side(ours, 'verify', log, note, () => verifyThroughput(ours, verifyStreamName)) : null;
  throughput('verify-stream', verifyOurs, null);

  for (const target of [ours, peer]) {
    for (const problem of target.problems?.() ?? []) note(`${who(target)}: ${problem}`);
    note(`durability, ${who(target)}: ${await target.durability().catch((e: Error) => `unknown (${e.message})`)}`);
  }
  return records;
}
