import type { BenchRecord, BenchReport, WorkloadId } from './run.js';
import type { Engine } from './targets/types.js';

const LABELS: Record<WorkloadId, string> = {
  'append-1': 'append, 1 writer × 1 event',
  'append-100': 'append, 1 writer × 100-event batches',
  'append-16-writers': 'append, 16 writers × 1 event (distinct streams)',
  'read-all': 'readAll, whole store from the start',
  'live-p50': 'live latency p50 (append → delivery)',
  'live-p99': 'live latency p99 (append → delivery)',
  'verify-stream': 'verifyStream (~10,000-event stream)',
};

/** Why Emmett has a blank where it does, when it has no equivalent (failures carry their own note). */
const PEER_NA: Partial<Record<WorkloadId, string>> = {
  'verify-stream': 'verifyStream: n/a for Emmett: it keeps no hash chain, so there is nothing to verify.',
};

function figure(value: number | null, unit: string): string {
  if (value === null) return 'n/a';
  if (unit === 'ms') return value < 10 ? value.toFixed(2) : value.toFixed(1);
  return Math.round(value).toLocaleString('en-US');
}

function ratio(value: number | null): string {
  return value === null ? 'n/a' : `${value.toFixed(2)}×`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => (c === 0 || c === 1 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(' | ')} |`;
  return [line(rows[0]!), `|${widths.map((w, c) => (c < 2 ? `-${'-'.repeat(w)}-` : `-${'-'.repeat(w)}:`)).join('|')}|`, ...rows.slice(1).map(line)];
}

export interface TargetCheck {
  name: string;
  met: boolean | null;
  figure: string;
}

export function evaluateTargets(report: BenchReport): TargetCheck[] {
  const find = (engine: Engine, workload: WorkloadId) => report.records.find((r) => r.engine === engine && r.workload === workload);
  const ran = (engine: Engine) => report.records.some((r) => r.engine === engine);
  const checks: TargetCheck[] = [];
  for (const engine of ['sqlite', 'postgres'] as const) {
    if (!ran(engine)) continue;
    const compared = report.records.filter((r) => r.engine === engine && r.ratio !== null);
    const behind = compared.filter((r) => r.ratio! <= 1);
    checks.push({
      name: `${engine}: ahead of Emmett on every workload`,
      met: compared.length > 0 && behind.length === 0,
      figure:
        behind.length === 0
          ? `ahead on all ${compared.length} compared (lowest ${ratio(Math.min(...compared.map((r) => r.ratio!)))})`
          : `behind on ${behind.map((r) => `${r.workload} ${ratio(r.ratio)}`).join(', ')}`,
    });
  }
  const check = (
    name: string,
    record: BenchRecord | undefined,
    pick: (r: BenchRecord) => number | null,
    ok: (v: number) => boolean,
    show: (v: number) => string,
  ) => {
    const value = record ? pick(record) : null;
    checks.push({ name, met: value === null ? null : ok(value), figure: value === null ? 'no figure' : show(value) });
  };
  if (ran('sqlite')) {
    check(
      'sqlite: 16-writer ratio ≥ 2',
      find('sqlite', 'append-16-writers'),
      (r) => r.ratio,
      (v) => v >= 2,
      ratio,
    );
    check(
      'sqlite: 16-writer ≥ 20,000 events/s',
      find('sqlite', 'append-16-writers'),
      (r) => r.ours,
      (v) => v >= 20_000,
      (v) => `${figure(v, 'events/s')} events/s`,
    );
    check(
      'sqlite: readAll ≥ 200,000 events/s',
      find('sqlite', 'read-all'),
      (r) => r.ours,
      (v) => v >= 200_000,
      (v) => `${figure(v, 'events/s')} events/s`,
    );
    check(
      'sqlite: live p99 ≤ 10 ms',
      find('sqlite', 'live-p99'),
      (r) => r.ours,
      (v) => v <= 10,
      (v) => `${figure(v, 'ms')} ms`,
    );
  }
  if (ran('postgres')) {
    check(
      'postgres: live p99 ≤ 25 ms',
      find('postgres', 'live-p99'),
      (r) => r.ours,
      (v) => v <= 25,
      (v) => `${figure(v, 'ms')} ms`,
    );
  }
  return checks;
}

export function formatReport(report: BenchReport): string {
  const { machine } = report;
  const out: string[] = [
    `machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.date}${report.mode === 'quick' ? ' (--quick: smoke sizes, figures not meaningful)' : ''}`,
    'ratio: ours÷Emmett for throughput, Emmett÷ours for latency, so >1 always means we are ahead.',
  ];
  for (const engine of ['sqlite', 'postgres'] as const) {
    const skipped = report.skipped.find((s) => s.engine === engine);
    if (skipped) {
      out.push('', `${engine}: ${skipped.reason}`);
      continue;
    }
    const records = report.records.filter((r) => r.engine === engine);
    if (records.length === 0) continue;
    const peer = engine === 'sqlite' ? 'Emmett (emmett-sqlite 0.38.5)' : 'Emmett (emmett-postgresql 0.42.0)';
    out.push('', `${engine}: ours vs ${peer}`);
    out.push(
      ...table([
        ['workload', 'unit', 'ours', 'Emmett', 'ours/Emmett'],
        ...records.map((r) => [LABELS[r.workload], r.unit, figure(r.ours, r.unit), figure(r.peer, r.unit), ratio(r.ratio)]),
      ]),
    );
    const notes = report.notes.filter((n) => n.engine === engine).map((n) => n.text);
    for (const r of records) {
      const why = PEER_NA[r.workload];
      if (r.peer === null && why) notes.push(why);
    }
    notes.push(...engineNotes(engine));
    out.push('notes:', ...notes.map((n) => `  - ${n}`));
  }
  out.push('', 'targets:');
  for (const c of evaluateTargets(report)) out.push(`  ${c.met === null ? 'n/a   ' : c.met ? 'met   ' : 'MISSED'}  ${c.name}: ${c.figure}`);
  return out.join('\n');
}

function engineNotes(engine: Engine): string[] {
  const common = [
    'Throughput: one timed run per side after a warm-up, back to back, the side going first alternating; readAll is the best of its passes.',
    "Latency runs from the append call to delivery, so it includes the commit. Emmett's consumer polls, sleeping 100 ms and doubling up to 1 s while its polls find less than a full batch (its defaults); it starts from the head position we pass, as its 'END' start reads the lowest position (ORDER BY global_position LIMIT 1).",
    "Emmett's readAll is its exported readMessagesBatch (what its consumers poll with), 1000 rows a page as ours.",
  ];
  if (engine === 'sqlite') {
    return [
      ...common,
      "Durability is equal: emmett-sqlite sets only PRAGMA journal_mode = WAL, so synchronous stays at SQLite's default FULL (node sqlite3 is built without SQLITE_DEFAULT_SYNCHRONOUS), as read back above; ours runs with durability 'full'.",
      "Emmett's SQLite store opens and closes a connection for every call on a file database; its consumer keeps one and writes its checkpoint in a transaction per batch.",
    ];
  }
  return [...common, 'Both stores write to the same scratch database on the same server, so with the same commit durability.'];
}
