import { describe, expect, it } from 'vitest';
import { benchDatabaseName, DEFAULT_PG_URL, pgServerUrl, withDatabase } from '../src/engine.js';
import { rebuildRows } from '../src/report.js';
import type { BenchReport } from '../src/run.js';
import { FULL } from '../src/sizes.js';
import { cpuMsPerCommand, p99TargetMs, parseRates, shareOfReadAll } from '../src/targets.js';

describe('p99 targets by engine and rate (issue 12)', () => {
  it('sqlite: ≤ 50 ms up to 200 commands/s, ≤ 100 ms up to 400, none above', () => {
    expect(p99TargetMs('sqlite', 100)).toBe(50);
    expect(p99TargetMs('sqlite', 200)).toBe(50);
    expect(p99TargetMs('sqlite', 300)).toBe(100);
    expect(p99TargetMs('sqlite', 400)).toBe(100);
    expect(p99TargetMs('sqlite', 401)).toBeNull();
  });

  it('postgres: ≤ 100 ms up to 200 commands/s, none stated above', () => {
    expect(p99TargetMs('postgres', 200)).toBe(100);
    expect(p99TargetMs('postgres', 400)).toBeNull();
  });
});

describe('cpuMsPerCommand', () => {
  it('divides the CPU time of the window by the commands completed in it', () => {
    expect(cpuMsPerCommand(48_000, 12_000)).toBe(4);
  });

  it('is null without a CPU reading or without commands', () => {
    expect(cpuMsPerCommand(null, 10)).toBeNull();
    expect(cpuMsPerCommand(100, 0)).toBeNull();
  });
});

describe('shareOfReadAll', () => {
  it('is the rebuild rate over the readAll rate, null when readAll was not measured', () => {
    expect(shareOfReadAll(50_000, 125_000)).toBeCloseTo(0.4);
    expect(shareOfReadAll(50_000, null)).toBeNull();
    expect(shareOfReadAll(50_000, 0)).toBeNull();
  });
});

describe('parseRates', () => {
  it('reads a comma-separated list, each rate once, in order', () => {
    expect(parseRates('200,400')).toEqual([200, 400]);
    expect(parseRates(' 400 , 200,400')).toEqual([400, 200]);
    expect(parseRates('150')).toEqual([150]);
  });

  it('refuses what is not a positive number', () => {
    for (const raw of ['', '200,', '0', '-5', 'fast', '200,x']) expect(() => parseRates(raw)).toThrow();
  });
});

describe('PostgreSQL database names and URLs', () => {
  it('names a database after the pid and the part, as PostgreSQL takes it unquoted', () => {
    expect(benchDatabaseName(4242, 'live_200')).toBe('bench_live_4242_live_200');
    expect(benchDatabaseName(7, 'Rebuild!')).toBe('bench_live_7_rebuild');
    expect(benchDatabaseName(7, '')).toBe('bench_live_7');
    expect(() => benchDatabaseName(7, 'x'.repeat(60))).toThrow(/too long/);
  });

  it('swaps the database in a server URL and keeps the rest', () => {
    expect(withDatabase('postgres://postgres@127.0.0.1:5432/postgres', 'bench_live_1')).toBe('postgres://postgres@127.0.0.1:5432/bench_live_1');
    expect(withDatabase('postgresql://u:p@db:6543/app?sslmode=disable', 'b')).toBe('postgresql://u:p@db:6543/b?sslmode=disable');
  });

  it('takes the server from BENCH_PG_URL, then DATABASE_URL, then the local default', () => {
    expect(pgServerUrl({ BENCH_PG_URL: 'postgres://a/x', DATABASE_URL: 'postgres://b/y' })).toBe('postgres://a/x');
    expect(pgServerUrl({ DATABASE_URL: 'postgres://b/y' })).toBe('postgres://b/y');
    expect(pgServerUrl({})).toBe(DEFAULT_PG_URL);
  });
});

describe('rebuild verdicts come from the figures and the engine', () => {
  const report = (engine: 'sqlite' | 'postgres', rebuildRate: number, readAllRate: number): BenchReport => ({
    machine: { cpu: 'test', cores: 2, node: 'v20', date: '2026-12-07T00:00:00Z' },
    mode: 'full',
    engine,
    sizes: FULL,
    live: [],
    errors: {},
    profiles: null,
    rebuild: {
      generated: { events: 1000, cases: 10, commands: 500, ms: 1, rate: 1, from: '2025-12-07', to: '2026-12-07', storeBytes: 1 },
      readAll: { events: 1000, ms: 1000 / readAllRate, rate: readAllRate },
      firstBuild: { ms: 1, rate: 1 },
      rebuild: { ms: 1000 / rebuildRate, rate: rebuildRate, models: [], cpuPct: 100, machineCpu: null, loadAverage: [1, 1], stall: { p99Ms: 52, maxMs: 180 } },
      threaded: { ms: 1000 / rebuildRate, rate: rebuildRate, cpuPct: 20, stall: { p99Ms: 11, maxMs: 31 } },
    },
  });
  const row = (r: BenchReport, startsWith: string) => rebuildRows(r).find((x) => x.metric.startsWith(startsWith));

  it('30,000 events/s at 50% of readAll: missed on sqlite (50,000), met on postgres (25,000); the share met on both', () => {
    expect(row(report('sqlite', 30_000, 60_000), 'rebuild of all')).toMatchObject({ target: '≥ 50,000 events/s', verdict: 'MISSED' });
    expect(row(report('sqlite', 30_000, 60_000), 'raw store.readAll')).toMatchObject({ value: '0.0 s, 60,000 events/s', verdict: '' });
    expect(row(report('sqlite', 30_000, 60_000), 'rebuild rate / readAll')).toMatchObject({ value: '50.0%', verdict: 'met' });
    expect(row(report('postgres', 30_000, 60_000), 'rebuild of all')).toMatchObject({ target: '≥ 25,000 events/s', verdict: 'met' });
  });

  it("prints the serving thread's stalls in-thread and with the worker side by side", () => {
    expect(row(report('sqlite', 30_000, 60_000), "serving thread's event-loop stall")).toMatchObject({ value: '52 / 180 ms' });
    expect(row(report('sqlite', 30_000, 60_000), "serving thread's stall with the worker")).toMatchObject({ value: '11 / 31 ms' });
  });

  it('a rebuild at 30% of readAll misses the share', () => {
    expect(row(report('sqlite', 60_000, 200_000), 'rebuild rate / readAll')).toMatchObject({ value: '30.0%', verdict: 'MISSED' });
  });
});
