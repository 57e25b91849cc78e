/**
 * `pnpm bench:console [--dir DIR] [--runs N] [--cases N] [--items N] [--json]`: the console's list
 * pages on a year of data. Seeds a store of 10,000 cases and 50,000 rectification items into DIR
 * (default: a new temporary folder; a DIR already seeded by `pnpm seed:year` is reused), starts
 * the whole system on it, and measures each page's time to interactive in chromium N times
 * (default 7), printing median and p95 against the 500 ms aim. Progress goes to stderr.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { percentile } from '../../bench-live/src/stats.js';
import { launch, measurePage, type PageFigures, type PageSpec } from './measure.js';
import { seedYear } from './seed.js';
import { BENCH_PASSWORD, startOn } from './system.js';

const AIM_MS = 500;
const argv = process.argv.slice(2).filter((a) => a !== '--');
const value = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const whole = (name: string, fallback: number): number => {
  const n = Number(value(name) ?? fallback);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`${name} must be a positive whole number\n`);
    process.exit(2);
  }
  return n;
};
const log = (line: string) => process.stderr.write(`[${(performance.now() / 1000).toFixed(1)}s] ${line}\n`);

const given = value('--dir');
const dir = given ? resolve(process.env['INIT_CWD'] ?? process.cwd(), given) : mkdtempSync(join(tmpdir(), 'bench-console-'));
const size = { cases: whole('--cases', 10_000), items: whole('--items', 50_000) };
const runs = whole('--runs', 7);
let seeded: Awaited<ReturnType<typeof seedYear>> | null = null;
if (!existsSync(join(dir, 'hub.db'))) {
  log(`seeding ${size.cases} cases and ${size.items} rectification items into ${dir}…`);
  seeded = await seedYear(join(dir, 'hub.db'), size, log);
  log(`seeded ${seeded.events} events in ${(seeded.ms / 1000).toFixed(1)} s`);
}

const PAGES: PageSpec[] = [
  {
    name: '案件 /cases (union liaison)',
    agency: 'union',
    agencyZh: '工会',
    username: 'liaison',
    path: '/cases',
    rows: '#cases-table tbody tr',
    sortBy: '登记日期',
  },
  {
    name: '案件 /cases (auditor: every case)',
    agency: 'union',
    agencyZh: '工会',
    username: 'auditor',
    path: '/cases',
    rows: '#cases-table tbody tr',
    sortBy: '登记日期',
  },
  {
    name: '整改清单 /meetings (secretary: every item)',
    agency: 'union',
    agencyZh: '工会',
    username: 'secretary',
    path: '/meetings',
    rows: '#rectification-table tbody tr',
    sortBy: '整改期限',
  },
  {
    name: '工作台 / (union liaison)',
    agency: 'union',
    agencyZh: '工会',
    username: 'liaison',
    path: '/',
    rows: '#inbox-cases-table tbody tr',
    sortBy: '最近动态',
  },
];

const system = await startOn(dir, log);
const figures: PageFigures[] = [];
const errors: { page: string; error: string }[] = [];
let failure: unknown = null;
try {
  log(`hub ready after ${(system.firstBuildMs / 1000).toFixed(1)} s (start and first build of the read models)`);
  const browser = await launch();
  try {
    for (const spec of PAGES) {
      log(`measuring ${spec.name}, ${runs} runs…`);
      try {
        figures.push(await measurePage(browser, system.url, BENCH_PASSWORD, spec, runs));
      } catch (error) {
        // One page failing says so in the report; the others are still measured.
        log(`${spec.name} failed: ${(error as Error).message}`);
        errors.push({ page: spec.name, error: (error as Error).message.split('\n')[0]! });
      }
    }
  } finally {
    await browser.close();
  }
} catch (error) {
  failure = error;
} finally {
  await system.stop();
  if (!given) rmSync(dir, { recursive: true, force: true });
}
if (failure) throw failure;

const ms = (n: number | null) => (n === null ? 'n/a' : `${Math.round(n)} ms`);
const report = figures.map((f) => {
  const median = percentile(f.tti, 50);
  const p95 = percentile(f.tti, 95);
  return {
    page: f.name,
    rows: f.rowsShown,
    median,
    p95,
    sortMedian: percentile(f.sort, 50),
    sortP95: percentile(f.sort, 95),
    bootMedian: percentile(f.boot, 50),
    apiMedian: percentile(f.api, 50),
    met: p95 !== null && p95 <= AIM_MS,
  };
});
if (argv.includes('--json')) {
  process.stdout.write(
    `${JSON.stringify({ size, runs, seeded, firstBuildMs: system.firstBuildMs, cpus: cpus().length, loadavg: loadavg(), pages: report, errors }, null, 2)}\n`,
  );
} else {
  const lines = [
    `console lists on ${size.cases.toLocaleString('en-US')} cases / ${size.items.toLocaleString('en-US')} rectification items, ${runs} runs each, ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
    '',
    '| page | rows shown | time to interactive, median | p95 | of it: script until first API call, median | API calls until last answer, median | sort click → rows, median | p95 | aim ≤ 500 ms (p95) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|---|',
    ...report.map(
      (r) =>
        `| ${r.page} | ${r.rows} | ${ms(r.median)} | ${ms(r.p95)} | ${ms(r.bootMedian)} | ${ms(r.apiMedian)} | ${ms(r.sortMedian)} | ${ms(r.sortP95)} | ${r.met ? 'met' : '**MISSED**'} |`,
    ),
    ...errors.map((e) => `| ${e.page} | — | failed: ${e.error} | | | | | | |`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
process.exit(errors.length > 0 ? 1 : 0);
