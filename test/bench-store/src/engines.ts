import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type CommitStats, type EventStore } from '@hub/event-store';
import { COMMIT_BLOCKS, fdatasyncMs } from './fsync-probe.js';
import { createScratchDatabase } from './pg-scratch.js';
import { EmmettPostgresTarget } from './targets/emmett-postgres.js';
import { EmmettSqliteTarget } from './targets/emmett-sqlite.js';
import { OursTarget } from './targets/ours.js';
import type { BenchTarget } from './targets/types.js';

export interface EngineSetup {
  ours: BenchTarget;
  peer: BenchTarget;
  /** Closes both stores and removes every file or database the run made. */
  cleanup(): Promise<void>;
  /** What our group commits cost and what the disk's fsync costs now (sqlite only): why a write figure is what it is. */
  writeCosts?: { commitStats(): CommitStats; fdatasyncMs(): { block: number; commit: number } };
}

/** Fresh files in a temporary directory: ours with durability 'full', Emmett's as Emmett sets it. */
export function openSqlite(): EngineSetup {
  const dir = mkdtempSync(join(tmpdir(), 'bench-store-'));
  const store = new SqliteEventStore({ path: join(dir, 'ours.db'), durability: 'full' });
  const ours = new OursTarget('sqlite', store, async () => "journal_mode=wal, synchronous=FULL (durability: 'full')");
  const peer = new EmmettSqliteTarget(join(dir, 'emmett.db'));
  return {
    ours,
    peer,
    async cleanup() {
      await Promise.allSettled([ours.close(), peer.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
    writeCosts: { commitStats: () => store.commitStats(), fdatasyncMs: () => ({ block: fdatasyncMs(dir, 1), commit: fdatasyncMs(dir, COMMIT_BLOCKS) }) },
  };
}

interface PostgresEngineClass {
  connect(options: { connectionString: string; schema?: string }): Promise<EventStore>;
}

/**
 * Our postgres engine, if @hub/event-store has it yet; otherwise the reason it cannot be used.
 * The specifiers are plain strings so that this compiles whichever entry point the package offers.
 */
async function loadPostgresEngine(): Promise<PostgresEngineClass | string> {
  const reasons: string[] = [];
  for (const specifier of ['@hub/event-store/postgres', '@hub/event-store']) {
    try {
      const mod = (await import(specifier)) as { PostgresEventStore?: PostgresEngineClass };
      if (typeof mod.PostgresEventStore?.connect === 'function') return mod.PostgresEventStore;
      reasons.push(`${specifier} does not export PostgresEventStore`);
    } catch (error) {
      reasons.push(`${specifier}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return reasons.join('; ');
}

/**
 * One scratch database `bench_<random>` for both stores: ours in schema `hub_bench`, Emmett's in
 * its own emt_* tables. Returns the reason instead when our engine is not there yet.
 */
export async function openPostgres(databaseUrl: string): Promise<EngineSetup | string> {
  const engine = await loadPostgresEngine();
  if (typeof engine === 'string') return engine;
  const scratch = await createScratchDatabase(databaseUrl);
  let store: EventStore;
  try {
    store = await engine.connect({ connectionString: scratch.url, schema: 'hub_bench' });
  } catch (error) {
    await scratch.drop();
    throw error;
  }
  const durability = `server ${scratch.durability}`;
  const ours = new OursTarget('postgres', store, async () => durability);
  const peer = new EmmettPostgresTarget(scratch.url, durability);
  return {
    ours,
    peer,
    async cleanup() {
      await Promise.allSettled([ours.close(), peer.close()]);
      await scratch.drop();
    },
  };
}
