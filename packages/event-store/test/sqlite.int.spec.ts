import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteEventStore } from '../src/index.js';
import { sqliteTamper } from './contract/harness.js';
import { eventStoreContract } from './contract/index.js';

const path = join(mkdtempSync(join(tmpdir(), 'hub-sqlite-')), 'contract.db');

eventStoreContract({
  engine: 'sqlite',
  open: async (options) => new SqliteEventStore({ path, ...options }),
  tamper: sqliteTamper(path),
});

describe('sqlite: a filtered subscription that matches nothing for a while', () => {
  it('reads on from the head it scanned, not from its last match: caught-up names the head', async () => {
    const store = new SqliteEventStore({ path: join(mkdtempSync(join(tmpdir(), 'hub-sqlite-filter-')), 'f.db') });
    try {
      await store.append('wanted-1', [{ type: 'Wanted', data: {} }]);
      for (let i = 0; i < 20; i++) await store.append(`other-${i}`, [{ type: 'Other', data: {} }]);
      const head = await store.headPosition();
      const subscription = store.subscribeToAll({ filter: { eventTypes: ['Wanted'] } });
      const seen: string[] = [];
      for await (const message of subscription) {
        if (message.kind === 'event') seen.push(message.event.stream);
        if (message.kind === 'caught-up') {
          expect(message.position).toBe(head);
          break;
        }
      }
      expect(seen).toEqual(['wanted-1']);
      // A later match is still delivered after the scanned-past events.
      const live = store.subscribeToAll({ fromPosition: head!, filter: { eventTypes: ['Wanted'] } });
      await store.append('other-x', [{ type: 'Other', data: {} }]);
      await store.append('wanted-2', [{ type: 'Wanted', data: {} }]);
      for await (const message of live) {
        if (message.kind === 'event') {
          expect(message.event.stream).toBe('wanted-2');
          break;
        }
      }
      await subscription.close();
      await live.close();
    } finally {
      await store.close();
    }
  });
});

describe('sqlite: group commit, as its counters show it', () => {
  it('puts the appends of one turn in one transaction, refused ones included, and the next turn in the next', async () => {
    const store = new SqliteEventStore({ path: join(mkdtempSync(join(tmpdir(), 'hub-sqlite-stats-')), 's.db') });
    try {
      const turn = await Promise.allSettled([
        store.append('grouped-a', [{ type: 'A', data: {} }]),
        store.append('grouped-b', [{ type: 'B', data: {} }]),
        store.append('grouped-c', [{ type: 'C', data: {} }], { expectedRevision: 5n }),
      ]);
      expect(turn.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      const first = store.commitStats();
      expect({ commits: first.commits, appends: first.appends }).toEqual({ commits: 1, appends: 3 });
      await store.append('grouped-a', [{ type: 'A', data: {} }], { expectedRevision: 0n });
      const second = store.commitStats();
      expect({ commits: second.commits, appends: second.appends }).toEqual({ commits: 2, appends: 4 });
      expect(second.workMs).toBeGreaterThan(0);
      expect(second.transactionMs).toBeGreaterThanOrEqual(second.workMs);
    } finally {
      await store.close();
    }
  });
});
