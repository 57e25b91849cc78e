import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatReport } from '../src/report.js';
import { runBench, WORKLOADS, type BenchRecord } from '../src/index.js';

/** Every workload, a handful of events each: this checks the harness, not the timings. */
const TINY = {
  single: { events: 10, budgetMs: 2000 },
  batch: { events: 200, batch: 100, budgetMs: 2000 },
  concurrent: { writers: 16, events: 32, budgetMs: 2000 },
  readAll: { events: 400, passes: 1 },
  live: { events: 5, maxPauseMs: 5, timeoutMs: 3000 },
  verify: { events: 100 },
};

const positive = (value: number | null) => typeof value === 'number' && Number.isFinite(value) && value > 0;

describe('bench:store --quick, sqlite only, in-process', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('yields one record per workload, ours always measured, Emmett measured or explicitly null', async () => {
    // Emmett's SQLite store console.logs the errors it meets inside a transaction; the harness itself never writes.
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const progress: string[] = [];
    const report = await runBench({ quick: true, engines: ['sqlite'], sizes: TINY, log: (line) => progress.push(line) });

    expect(progress.length).toBeGreaterThan(0);
    expect(report.mode).toBe('quick');
    expect(report.skipped).toContainEqual({ engine: 'postgres', reason: expect.any(String) });
    expect(report.machine.cores).toBeGreaterThan(0);

    const records = JSON.parse(JSON.stringify(report.records)) as BenchRecord[];
    expect(records.map((r) => r.workload)).toEqual([...WORKLOADS]);
    for (const record of records) {
      expect(Object.keys(record).sort()).toEqual(['engine', 'ours', 'peer', 'ratio', 'unit', 'workload']);
      expect(record.engine).toBe('sqlite');
      expect(record.unit).toBe(record.workload.startsWith('live') ? 'ms' : 'events/s');
      expect(positive(record.ours), `${record.workload}: ours = ${record.ours}`).toBe(true);
      expect(record.peer === null || positive(record.peer), `${record.workload}: peer = ${record.peer}`).toBe(true);
      if (record.peer === null) {
        expect(record.ratio).toBeNull();
      } else {
        const expected = record.unit === 'ms' ? record.peer / record.ours! : record.ours! / record.peer;
        expect(record.ratio).toBeCloseTo(expected, 6);
      }
    }
    // Emmett keeps no hash chain: there is no peer figure to give.
    expect(records.find((r) => r.workload === 'verify-stream')?.peer).toBeNull();

    const text = formatReport(report);
    expect(text).toContain('| workload');
    expect(text).toContain('targets:');
    expect(text).toContain('postgres: no DATABASE_URL');
  }, 180_000);
});
