/** The year the console bench seeds: the cases and items asked for, written through the domain into a real SQLite store. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@hub/event-store';
import { describe, expect, it } from 'vitest';
import { seedYear } from '../src/seed.js';
import { yearPlans } from '../src/year.js';

describe('seed:year', () => {
  it('given a size, the year holds exactly that many cases and rectification items, and some cases run to their close', () => {
    const year = yearPlans({ cases: 400, items: 2000 });
    expect(year.plans).toHaveLength(400);
    expect(year.items).toBe(2000);
    const closing = year.plans.filter((p) => p.steps.at(-1)?.path === 'close-case').length;
    expect(closing).toBeGreaterThan(50);
    expect(closing).toBeLessThan(400);
    expect(year.plans.filter((p) => p.steps.some((s) => s.path === 'assign-handler')).length).toBeGreaterThan(250);
  });

  it('given a small year, every command is decided by the domain and appended signed, and the store holds one stream per case', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-year-'));
    try {
      const result = await seedYear(join(dir, 'hub.db'), { cases: 40, items: 200 });
      expect(result.cases).toBe(40);
      expect(result.events).toBeGreaterThanOrEqual(result.commands);
      const store = new SqliteEventStore({ path: join(dir, 'hub.db') });
      const streams = new Set<string>();
      let ordered = 0;
      for await (const e of store.readAll()) {
        if (e.stream.startsWith('case-')) streams.add(e.stream);
        if (e.type === 'RectificationOrdered') ordered += (e.data as { items: unknown[] }).items.length;
      }
      await store.close();
      expect(streams.size).toBe(40);
      expect(ordered).toBe(200);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
