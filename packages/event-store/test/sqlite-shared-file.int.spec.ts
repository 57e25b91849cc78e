import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SqliteEventStore, WrongExpectedRevision } from '../src/index.js';
import { collect, event, streamName, take } from './contract/harness.js';

describe('sqlite: two connections on one file (as two processes would have)', () => {
  it('never trusts a stream head another connection has moved: revisions, expectations and the chain stay right', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hub-sqlite-shared-')), 'shared.db');
    const a = new SqliteEventStore({ path });
    const b = new SqliteEventStore({ path });
    try {
      const stream = streamName('shared');
      expect((await a.append(stream, [event('A1')])).nextExpectedRevision).toBe(0n); // a caches head 0
      expect((await b.append(stream, [event('B1')], { expectedRevision: 0n })).nextExpectedRevision).toBe(1n);
      await expect(a.append(stream, [event('A-stale')], { expectedRevision: 0n })).rejects.toBeInstanceOf(WrongExpectedRevision);
      expect((await a.append(stream, [event('A2')])).nextExpectedRevision).toBe(2n);
      expect((await b.append(stream, [event('B2')], { expectedRevision: 2n })).nextExpectedRevision).toBe(3n);
      const events = await collect(a.readStream(stream));
      expect(events.map((e) => [e.type, e.revision])).toEqual([
        ['A1', 0n],
        ['B1', 1n],
        ['A2', 2n],
        ['B2', 3n],
      ]);
      expect(await b.verifyStream(stream)).toMatchObject({ ok: true, events: 4 });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('wakes a subscriber on one connection for an append made on the other', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hub-sqlite-shared-')), 'shared.db');
    const reader = new SqliteEventStore({ path });
    const writer = new SqliteEventStore({ path });
    try {
      const stream = streamName('shared-live');
      const seen = take(reader.subscribeToStream(stream), (events) => events.length >= 1, 10_000);
      await new Promise((r) => setTimeout(r, 20));
      await writer.append(stream, [event('FromElsewhere')]);
      expect((await seen).events.map((e) => e.type)).toEqual(['FromElsewhere']);
    } finally {
      await reader.close();
      await writer.close();
    }
  });
});

describe('sqlite: two processes appending to one stream', () => {
  it('serialises their commits (BEGIN IMMEDIATE): every append lands, revisions are contiguous, the chain verifies', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hub-sqlite-procs-')), 'race.db');
    const child = fileURLToPath(new URL('./support/append-child.ts', import.meta.url));
    const run = (who: string) =>
      new Promise<{ who: string; failures: string[] }>((resolve, reject) => {
        execFile(process.execPath, ['--conditions=source', '--import', 'tsx', child, path, who, '200'], { timeout: 60_000 }, (error, stdout) =>
          error ? reject(error) : resolve(JSON.parse(stdout) as { who: string; failures: string[] }),
        );
      });
    const outcomes = await Promise.all([run('A'), run('B')]);
    expect(outcomes.flatMap((o) => o.failures)).toEqual([]);
    const store = new SqliteEventStore({ path });
    try {
      const events = await collect(store.readStream('race-stream'));
      expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 400 }, (_, i) => BigInt(i)));
      expect(await store.verifyStream('race-stream')).toMatchObject({ ok: true, events: 400 });
    } finally {
      await store.close();
    }
  }, 90_000);
});

describe('sqlite: several processes opening one new file at the same instant', () => {
  it('all start (WAL and the schema are set up despite SQLITE_BUSY) and each append lands', { timeout: 120_000 }, async () => {
    const child = fileURLToPath(new URL('./support/open-child.ts', import.meta.url));
    for (let round = 0; round < 4; round++) {
      const path = join(mkdtempSync(join(tmpdir(), 'hub-sqlite-open-')), 'new.db');
      // Late enough for every child to have loaded before it: they then open within a millisecond of each other.
      const at = Date.now() + 4000;
      const openers = Array.from(
        { length: 6 },
        (_, i) =>
          new Promise<string>((resolve, reject) => {
            execFile(
              process.execPath,
              ['--conditions=source', '--import', 'tsx', child, path, String(at), String(i)],
              { timeout: 60_000 },
              (error, stdout, stderr) => (error ? reject(new Error(`opener ${i}: ${stderr || error.message}`)) : resolve(stdout.trim())),
            );
          }),
      );
      expect(await Promise.all(openers)).toEqual(Array.from({ length: 6 }, () => 'ok'));
      const store = new SqliteEventStore({ path });
      try {
        for (let i = 0; i < 6; i++) expect((await collect(store.readStream(`opener-${i}`))).map((e) => e.type)).toEqual(['Opened']);
      } finally {
        await store.close();
      }
    }
  });
});
