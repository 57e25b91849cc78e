import { SOCKETS_PER_SERVICE } from './live/part.js';
import type { BenchReport } from './run.js';

/** Targets, as the issue states them. */
export const TARGETS = {
  p99Ms: 100,
  hubRssBytes: 400e6,
  rebuildEventsPerSecond: 50_000,
  /** The rebuild's rate as a share of the same run's raw readAll rate. */
  rebuildShareOfReadAll: 0.4,
  /** The load counts as delivered at rate when at least this share of the scheduled commands went out. */
  rateShare: 0.98,
} as const;

export type Verdict = 'met' | 'MISSED' | '';

export interface Row {
  metric: string;
  value: string;
  target: string;
  verdict: Verdict;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (v: number | null) => (v === null ? 'n/a' : v < 10 ? `${v.toFixed(1)} ms` : `${int(v)} ms`);
const seconds = (v: number) => `${(v / 1000).toFixed(1)} s`;
const mb = (bytes: number | null) => (bytes === null ? 'n/a' : `${int(bytes / 1e6)} MB`);
const verdict = (ok: boolean | null): Verdict => (ok === null ? '' : ok ? 'met' : 'MISSED');
const pct = (v: number | null) => (v === null ? 'n/a' : `${int(v)}%`);

export function liveRows(report: BenchReport): Row[] {
  const live = report.live;
  if (!live) return [];
  const { drive, watch, connect } = live;
  const total = watch.checks.total;
  const planned = report.sizes.live.clients;
  const rate = report.sizes.live.rate;
  const lat = watch.latencyMs.total;
  return [
    {
      metric: 'clients connected and live',
      value: `${int(connect.connected)} of ${int(planned)}`,
      target: int(planned),
      verdict: verdict(connect.connected === planned),
    },
    {
      metric: 'commands sent per second',
      value: `${drive.sentRate.toFixed(1)} (${int(drive.sent)} in ${seconds(drive.durationMs)})`,
      target: `${rate}`,
      verdict: verdict(drive.skipped === 0 && drive.sent >= drive.scheduled && drive.sentRate >= rate * TARGETS.rateShare),
    },
    {
      metric: 'commands refused or failed',
      value: `${int(drive.refusedCount + drive.failed)} of ${int(drive.sent)}`,
      target: '0',
      verdict: verdict(drive.refusedCount + drive.failed === 0),
    },
    { metric: 'events delivered to clients', value: int(total.received), target: '', verdict: '' },
    { metric: 'append → client latency p50', value: ms(lat.p50), target: '', verdict: '' },
    {
      metric: 'append → client latency p99',
      value: ms(lat.p99),
      target: `≤ ${TARGETS.p99Ms} ms`,
      verdict: verdict(lat.p99 === null ? null : lat.p99 <= TARGETS.p99Ms),
    },
    { metric: 'append → client latency max', value: ms(lat.max), target: '', verdict: '' },
    { metric: 'events missed', value: int(total.missed), target: '0', verdict: verdict(total.missed === 0 && watch.settledAll) },
    { metric: 'events delivered twice', value: int(total.doubled), target: '0', verdict: verdict(total.doubled === 0) },
    { metric: 'events out of order', value: int(total.outOfOrder), target: '0', verdict: verdict(total.outOfOrder === 0) },
    { metric: 'events not owed (visibility)', value: int(total.unexpected), target: '0', verdict: verdict(total.unexpected === 0) },
    { metric: 'clients cut off as too slow', value: `${int(watch.cutOff)} (${int(watch.reconnects)} reconnects)`, target: '', verdict: '' },
    {
      metric: 'hub resident memory, max',
      value: mb(live.hubRss.maxBytes),
      target: `≤ ${mb(TARGETS.hubRssBytes)}`,
      verdict: verdict(live.hubRss.samples > 0 ? live.hubRss.maxBytes <= TARGETS.hubRssBytes : null),
    },
  ];
}

export function rebuildRows(report: BenchReport): Row[] {
  const r = report.rebuild;
  if (!r) return [];
  return [
    { metric: 'events generated (decide + sign + append)', value: `${int(r.generated.events)} at ${int(r.generated.rate)} events/s`, target: '', verdict: '' },
    { metric: 'first build (start on an empty directory)', value: `${seconds(r.firstBuild.ms)}, ${int(r.firstBuild.rate)} events/s`, target: '', verdict: '' },
    {
      metric: `rebuild of all ${r.rebuild.models.length} read models`,
      value: `${seconds(r.rebuild.ms)}, ${int(r.rebuild.rate)} events/s`,
      target: `≥ ${int(TARGETS.rebuildEventsPerSecond)} events/s`,
      verdict: verdict(r.rebuild.rate >= TARGETS.rebuildEventsPerSecond),
    },
    { metric: 'raw readAll of the same store, same run', value: `${seconds(r.readAll.ms)}, ${int(r.readAll.rate)} events/s`, target: '', verdict: '' },
    {
      metric: 'rebuild rate / readAll rate',
      value: pct((r.rebuild.rate / r.readAll.rate) * 100),
      target: `≥ ${pct(TARGETS.rebuildShareOfReadAll * 100)}`,
      verdict: verdict(r.readAll.rate > 0 ? r.rebuild.rate / r.readAll.rate >= TARGETS.rebuildShareOfReadAll : null),
    },
  ];
}

function table(rows: string[][], rightAligned: readonly number[]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]) => `| ${r.map((cell, c) => (rightAligned.includes(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join(' | ')} |`;
  return [
    line(rows[0]!),
    `|${widths.map((w, c) => (rightAligned.includes(c) ? `-${'-'.repeat(w)}:` : `-${'-'.repeat(w)}-`)).join('|')}|`,
    ...rows.slice(1).map(line),
  ];
}

const figureTable = (rows: Row[]) => table([['metric', 'value', 'target', ''], ...rows.map((r) => [r.metric, r.value, r.target, r.verdict])], [1, 2]);

export function formatReport(report: BenchReport): string {
  const { machine } = report;
  const out: string[] = [
    `machine: ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, ${machine.date}${report.mode === 'quick' ? ' (--quick)' : ''}`,
  ];
  const live = report.live;
  if (live) {
    const s = report.sizes.live;
    const { drive, watch } = live;
    out.push(
      '',
      `live: ${s.clients} WebSocket clients, ${s.rate} commands/s for ${s.durationS} s over HTTP, agency services and hub in their own processes on one SQLite file`,
    );
    out.push(...figureTable(liveRows(report)));
    const lat = watch.latencyMs;
    const notes = [
      `clients: ${live.mix}.`,
      `latency by feed: case p50 ${ms(lat.case.p50)} / p99 ${ms(lat.case.p99)} (${int(lat.case.count)} deliveries), inbox ${ms(lat.inbox.p50)} / ${ms(lat.inbox.p99)} (${int(lat.inbox.count)}), all ${ms(lat.all.p50)} / ${ms(lat.all.p99)} (${int(lat.all.count)}). Latency runs from the event's recordedAt (the store's clock at commit) to the client's receipt, so it includes the commit, the hub noticing it (SQLite processes poll each other's commits every 10 ms), projecting, and the WebSocket.`,
      ...(watch.slices.length > 0
        ? [
            `latency through the load (p50 / p99 by sixth): ${watch.slices.map((x) => `${x.fromS.toFixed(0)}–${x.toS.toFixed(0)} s ${ms(x.p50)} / ${ms(x.p99)}`).join(', ')} (the last sixth includes what arrived after the last command).`,
          ]
        : []),
      `load: over keep-alive HTTP, at most ${SOCKETS_PER_SERVICE} connections per service; ${int(drive.accepted)} accepted (${int(drive.caseEvents)} case events, ${int(drive.opened)} cases opened, ${int(drive.casesFinished)} worked to closure), ${live.timelineRows.toLocaleString('en-US')} timeline rows in the window; command round trip p50 ${ms(drive.latencyMs.p50)}, p99 ${ms(drive.latencyMs.p99)}, max ${ms(drive.latencyMs.max)}; sending ran late by p99 ${ms(drive.lateMs.p99)}, max ${ms(drive.lateMs.max)}${drive.skipped ? `; ${int(drive.skipped)} not sent (over 1,000 in flight, or every open case already had a command in flight)` : ''}.`,
      `CPU during the load (% of one core): services ${pct(live.cpu.services)}, hub ${pct(live.cpu.hub)}, ${live.clientsInProcess ? `clients and command driver (one process, --clients-in-process) ${pct(live.cpu.driver)}` : `clients ${pct(live.cpu.clients)}, command driver ${pct(live.cpu.driver)}`}; the whole machine ${pct(live.machineCpu)} of ${machine.cores * 100}% (the rest is other work on the machine); load average ${live.loadAverage[0].toFixed(1)} → ${live.loadAverage[1].toFixed(1)}.`,
      `the clients' process${live.clientsInProcess ? " (also the driver's)" : ''}: event-loop delay p99 ${ms(watch.loopDelayMs.p99)}, max ${ms(watch.loopDelayMs.max)} during the load (time a frame could wait before being timed); connecting took ${seconds(live.connect.ms)}.`,
      `after the load: the hub had projected everything in ${seconds(live.hubCatchUpMs)}; every client had its last owed event ${watch.settledAll ? `after ${seconds(watch.settleMs)}` : `NOT within ${seconds(watch.settleMs)}`}; ${int(watch.clientsWithProblems)} clients with any missed, doubled, out-of-order or unowed event.`,
      `the store: ${mb(live.storeBytes)} at the end; its WAL reached ${mb(live.storeWalMaxBytes)} during the load.`,
      `hub RSS: ${mb(live.hubRss.atStartBytes)} when the load began, ${mb(live.hubRss.maxBytes)} at most, ${mb(live.hubRss.atEndBytes)} at the end (${live.hubRss.samples} samples of /proc/<pid>/status VmRSS; MB = 10^6 bytes).`,
    ];
    if (drive.slowest.length > 0)
      notes.push(`slowest commands: ${drive.slowest.map((c) => `${ms(c.ms)} (${c.what}, sent at ${seconds(c.atMs)})`).join('; ')}.`);
    if (drive.unanswered > 0) notes.push(`${int(drive.unanswered)} commands were still unanswered 120 s after the last was sent.`);
    if (watch.beyondSnapshot > 0)
      notes.push(`${int(watch.beyondSnapshot)} deliveries of events appended after the check's snapshot of the timeline were left out of the check.`);
    if (live.timelineMissing > 0)
      notes.push(`the hub's timeline lacks ${live.timelineMissing} of the store's case/meeting/warning events after the start position.`);
    const closes = Object.entries(watch.closes)
      .map(([code, n]) => `${code}×${n}`)
      .join(', ');
    if (closes) notes.push(`socket closes during the run: ${closes}.`);
    for (const kind of ['missed', 'doubled', 'outOfOrder', 'unexpected'] as const) {
      const examples = watch.checks.total.examples[kind];
      if (examples.length > 0)
        notes.push(
          `${kind}: e.g. positions ${examples.join(', ')} (by feed: case ${watch.checks.case[kind]}, inbox ${watch.checks.inbox[kind]}, all ${watch.checks.all[kind]}).`,
        );
    }
    for (const r of drive.refused.slice(0, 10)) notes.push(`refused ×${r.count}: ${r.what} → ${r.status} ${r.detail}`);
    out.push('notes:', ...notes.map((n) => `  - ${n}`));
  } else if (report.errors.live) {
    out.push('', `live: FAILED: ${report.errors.live.split('\n')[0]}`);
  }
  const rebuild = report.rebuild;
  if (rebuild) {
    out.push(
      '',
      `rebuild: ${int(rebuild.generated.events)} stored events (${int(rebuild.generated.cases)} case histories through the case domain's decide, each command signed in an EventsSigned record), every hub read model rebuilt from position 0`,
    );
    out.push(...figureTable(rebuildRows(report)));
    out.push(
      '',
      ...table(
        [
          ['read model', 'events read', 'time', 'events/s', 'file'],
          ...rebuild.rebuild.models.map((m) => [m.name, int(m.events), seconds(m.ms), int((m.events * 1000) / m.ms), mb(m.bytes)]),
        ],
        [1, 2, 3, 4],
      ),
    );
    out.push(
      'notes:',
      ...[
        `CPU during the rebuild: this process ${pct(rebuild.rebuild.cpuPct)} of one core; the whole machine ${pct(rebuild.rebuild.machineCpu)} of ${machine.cores * 100}%; load average ${rebuild.rebuild.loadAverage[0].toFixed(1)} → ${rebuild.rebuild.loadAverage[1].toFixed(1)}.`,
        `the models rebuild together in one process (rebuildReadModels → runner.rebuildAll): one subscription reads and parses each stored event once, the case fold folds it once for the five models that read a case's state, and each model writes its own shadow file in one transaction per batch; "events read" per model counts the events handed to it.`,
        `generation: ${int(rebuild.generated.commands)} commands over a simulated year (${rebuild.generated.from.slice(0, 10)} … ${rebuild.generated.to.slice(0, 10)}), ${int(rebuild.generated.rate)} events/s, store file ${mb(rebuild.generated.storeBytes)}; written with durability 'normal' (the rebuild only reads it).`,
        `the first build (runner.start() on an empty directory) is awaited before the rebuild, so the two do not compete; the rebuild then runs with the current models idle at the head, as on a deployment whose models exist.`,
      ].map((n) => `  - ${n}`),
    );
  } else if (report.errors.rebuild) {
    out.push('', `rebuild: FAILED: ${report.errors.rebuild.split('\n')[0]}`);
  }
  if (report.profiles) {
    const what = [
      report.rebuild ? 'rebuild.cpuprofile (the rebuild proper)' : '',
      report.live ? 'a folder per child process (services, hub, clients) whose main-thread profile is CPU.*.0.*.cpuprofile' : '',
    ]
      .filter(Boolean)
      .join('; ');
    out.push(
      '',
      `CPU profiles in ${report.profiles}: ${what}. Summarise one with: pnpm --filter @hub/bench-live exec tsx src/profile-summary.ts <file> [--windows]`,
    );
  }
  const targets = [...liveRows(report), ...rebuildRows(report)].filter((r) => r.verdict !== '');
  const missed = targets.filter((r) => r.verdict === 'MISSED').length;
  out.push(
    '',
    `targets: ${targets.length - missed} met, ${missed} MISSED${Object.keys(report.errors).length ? `; failed parts: ${Object.keys(report.errors).join(', ')}` : ''}`,
  );
  return out.join('\n');
}
