import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SqliteEventStore } from '@hub/event-store';
import type { WorkerRef } from '@hub/contracts';
import { readPublishedKeys, signaturesStream, SqliteSqlDb, Vault, verifyStreamSignatures } from '@hub/service-kit';
import { agencyPaths } from '../src/index.js';
import { describe, expect, it, onTestFinished } from 'vitest';

const child = fileURLToPath(new URL('./support/command-child.ts', import.meta.url));

/** mulberry32: the kill moments are random, and the same on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Starts the child service, lets it drive commands until `afterAcks` answers came back plus a
 * random few milliseconds, then kills it with SIGKILL. Answers how many requests were in flight.
 */
async function runAndKill(storePath: string, dataDir: string, afterAcks: number, delayMs: number): Promise<{ acked: number; inFlight: number }> {
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', child, storePath, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let sent = 0;
  let acked = 0;
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => proc.once('exit', (code, signal) => resolve(signal ?? code)));
  const killed = new Promise<{ acked: number; inFlight: number }>((resolve, reject) => {
    let buffered = '';
    let armed = false;
    proc.stdout.on('data', (d: Buffer) => {
      buffered += d.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === 'sent') sent++;
        else if (line.startsWith('ack ')) {
          acked++;
          if (line !== 'ack 200' && line !== 'ack 201') reject(new Error(`a command failed: ${line}\n${stderr}`));
        }
      }
      if (!armed && acked >= afterAcks) {
        armed = true;
        setTimeout(() => {
          const inFlight = sent - acked;
          proc.kill('SIGKILL');
          resolve({ acked, inFlight });
        }, delayMs);
      }
    });
    void exited.then((how) => {
      if (!armed) reject(new Error(`the child ended before it was killed (${String(how)}): ${stderr}`));
    });
  });
  const outcome = await killed;
  expect(await exited).toBe('SIGKILL');
  return outcome;
}

describe('one durable commit per command: a service killed with SIGKILL at random moments', () => {
  it('leaves no event without its valid proof, no EventsSigned record and no worker without its vault key, after six kills mid-traffic (sqlite, synchronous=FULL)', {
    timeout: 180_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'one-commit-kill-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const storePath = join(dir, 'hub.db');
    const dataDir = join(dir, 'union-data');
    const random = seeded(12);
    const kills: { acked: number; inFlight: number }[] = [];
    for (let round = 0; round < 6; round++) {
      // The same service restarting (same DATA_DIR, same keys), each time killed at another moment.
      kills.push(await runAndKill(storePath, dataDir, 5 + Math.floor(random() * 20), Math.floor(random() * 40)));
    }
    // Every kill landed while the service had commands on the way: sent, not answered.
    for (const k of kills) expect(k.inFlight).toBeGreaterThan(0);

    const store = new SqliteEventStore({ path: storePath });
    onTestFinished(() => store.close());
    const keys = await readPublishedKeys(store);
    const streams = new Map<string, number>();
    for await (const e of store.readAll()) {
      if (e.metadata['agency'] === 'union' && /^(case|warning)-/.test(e.stream)) streams.set(e.stream, (streams.get(e.stream) ?? 0) + 1);
    }
    const events = [...streams.values()].reduce((a, b) => a + b, 0);
    expect(events).toBeGreaterThanOrEqual(kills.reduce((a, k) => a + k.acked, 0));
    // Every worker a stored CaseOpened names has its vault key, readable after the kills.
    const localDb = SqliteSqlDb.open(agencyPaths(dataDir, 'union').localDb);
    onTestFinished(() => localDb.close());
    const vault = await Vault.open(localDb, Buffer.alloc(32, 1));
    let workers = 0;
    for await (const e of store.readAll({ filter: { eventTypes: ['CaseOpened'] } })) {
      for (const w of (e.data as { workers: WorkerRef[] }).workers) {
        expect(await vault.decryptField(w.workerId, w.name)).toMatch(/^张三/);
        workers++;
      }
    }
    expect(workers).toBeGreaterThan(0);
    const problems: unknown[] = [];
    for (const stream of streams.keys()) {
      const report = await verifyStreamSignatures(store, stream, keys);
      if (!report.ok) problems.push({ stream, chain: report.chain.ok, problems: report.problems });
    }
    expect(problems).toEqual([]);
    // The proof is in the events: nothing was ever appended to the signatures stream.
    const records: unknown[] = [];
    for await (const e of store.readStream(signaturesStream('union'))) records.push(e);
    expect(records).toEqual([]);
  });
});
