import { SOCKETS_PER_SERVICE, type LiveFigures } from './live/part.js';
import type { BenchReport } from './run.js';
import { p99TargetMs, shareOfReadAll, TARGETS } from './targets.js';

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
const cpuMs = (v: number | null) => (v === null ? 'n/a' : `${v.toFixed(2)} ms`);

export function liveRows(report: BenchReport, live: LiveFigures): Row[] {
  const { drive, watch, connect } = live;
  const total = watch.checks.total;
  const planned = report.sizes.live.clients;
  const rate = live.rate;
  const lat = watch.latencyMs.total;
  const p99Target = p99TargetMs(live.engine, rate);
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
      target: p99Target === null ? '' : `≤ ${p99Target} ms`,
      verdict: p99Target === null ? '' : verdict(lat.p99 === null ? false : lat.p99 <= p99Target),
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
    {
      metric: "services' CPU per command",
      value: `${cpuMs(live.cpuMsPerCommand.services)} (${pct(live.cpu.services)} of a core)`,
      target: '',
      verdict: '',
    },
    { metric: "hub's CPU per command", value: `${cpuMs(live.cpuMsPerCommand.hub)} (${pct(live.cpu.hub)} of a core)`, target: '', verdict: '' },
  ];
}

export function rebuildRows(report: BenchReport): Row[] {
  const r = report.rebuild;
  if (!r) return [];
  const target = TARGETS.rebuildEventsPerSecond[report.engine];
  const share = shareOfReadAll(r.rebuild.rate, r.readAll.rate);
  return [
    { metric: 'events generated (decide + sign + append)', value: `${int(r.generated.events)} at ${int(r.generated.rate)} events/s`, target: '', verdict: '' },
    { metric: 'first build (start on an empty directory)', value: `${seconds(r.firstBuild.ms)}, ${int(r.firstBuild.rate)} events/s`, target: '', verdict: '' },
    { metric: 'raw store.readAll of every event', value: `${seconds(r.readAll.ms)}, ${int(r.readAll.rate)} events/s`, target: '', verdict: '' },
    {
      metric: `rebuild of all ${r.rebuild.models.length} read models`,
      value: `${seconds(r.rebuild.ms)}, ${int(r.rebuild.rate)} events/s`,
      target: `≥ ${int(target)} events/s`,
      verdict: verdict(r.rebuild.rate >= target),
    },
    {
      metric: 'rebuild rate / readAll rate',
      value: share === null ? 'n/a' : `${(share * 100).toFixed(1)}%`,
      target: `≥ ${int(TARGETS.rebuildReadAllShare * 100)}%`,
      verdict: verdict(share === null ? null : share >= TARGETS.rebuildReadAllShare),
    },
    {
      metric: "serving thread's event-loop stall during it (p99 / max)",
      value: `${r.rebuild.stall.p99Ms.toFixed(0)} / ${r.rebuild.stall.maxMs.toFixed(0)} ms`,
      target: '',
      verdict: '',
    },
    {
      metric: 'the same rebuild on a worker thread',
      value: `${seconds(r.threaded.ms)}, ${int(r.threaded.rate)} events/s`,
      target: '',
      verdict: '',
    },
    {
      metric: "serving thread's stall with the worker (p99 / max)",
      value: `${r.threaded.stall.p99Ms.toFixed(0)} / ${r.threaded.stall.maxMs.toFixed(0)} ms`,
      target: '',
      verdict: '',
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
  const storeWords = report.engine === 'postgres' ? 'over one PostgreSQL database' : 'on one SQLite file';
  for (const live of report.live) {
    const s = report.sizes.live;
    const { drive, watch } = live;
    out.push(
      '',
      `live at ${live.rate} commands/s (${report.engine}): ${s.clients} WebSocket clients, ${live.rate} commands/s for ${s.durationS} s over HTTP, agency services and hub in their own processes ${storeWords}; a fresh system for this rate`,
    );
    out.push(...figureTable(liveRows(report, live)));
    const lat = watch.latencyMs;
    const notes = [
      `clients: ${live.mix}.`,
      `latency by feed: case p50 ${ms(lat.case.p50)} / p99 ${ms(lat.case.p99)} (${int(lat.case.count)} deliveries), inbox ${ms(lat.inbox.p50)} / ${ms(lat.inbox.p99)} (${int(lat.inbox.count)}), all ${ms(lat.all.p50)} / ${ms(lat.all.p99)} (${int(lat.all.count)}). Latency runs from the event's recordedAt (the store's clock at commit) to the client's receipt, so it includes the commit, the hub noticing it (${live.engine === 'postgres' ? "PostgreSQL's LISTEN/NOTIFY" : "SQLite processes poll each other's commits every 10 ms"}), projecting, and the WebSocket.`,
      ...(watch.slices.length > 0
        ? [
            `latency through the load (p50 / p99 by sixth): ${watch.slices.map((x) => `${x.fromS.toFixed(0)}–${x.toS.toFixed(0)} s ${ms(x.p50)} / ${ms(x.p99)}`).join(', ')} (the last sixth includes what arrived after the last command).`,
          ]
        : []),
      `load: over keep-alive HTTP, at most ${SOCKETS_PER_SERVICE} connections per service; ${int(drive.accepted)} accepted (${int(drive.caseEvents)} case events, ${int(drive.opened)} cases opened, ${int(drive.casesFinished)} worked to closure), ${live.timelineRows.toLocaleString('en-US')} timeline rows in the window; command round trip p50 ${ms(drive.latencyMs.p50)}, p99 ${ms(drive.latencyMs.p99)}, max ${ms(drive.latencyMs.max)}; sending ran late by p99 ${ms(drive.lateMs.p99)}, max ${ms(drive.lateMs.max)}${drive.skipped ? `; ${int(drive.skipped)} not sent (over 1,000 in flight, or every open case already had a command in flight)` : ''}.`,
      `CPU per command: CPU time of the process over the load window (/proc/<pid>/stat utime + stime, 10 ms ticks) divided by the ${int(live.commandsCompleted)} commands answered in it: services ${cpuMs(live.cpuMsPerCommand.services)} (${live.cpuMs.services === null ? 'n/a' : seconds(live.cpuMs.services)} of CPU), hub ${cpuMs(live.cpuMsPerCommand.hub)} (${live.cpuMs.hub === null ? 'n/a' : seconds(live.cpuMs.hub)}; the hub's includes serving the clients).`,
      `CPU during the load (% of one core): services ${pct(live.cpu.services)}, hub ${pct(live.cpu.hub)}, ${live.clientsInProcess ? `clients and command driver (one process, --clients-in-process) ${pct(live.cpu.driver)}` : `clients ${pct(live.cpu.clients)}, command driver ${pct(live.cpu.driver)}`}; the whole machine ${pct(live.machineCpu)} of ${machine.cores * 100}% (the rest is other work on the machine); load average ${live.loadAverage[0].toFixed(1)} → ${live.loadAverage[1].toFixed(1)}.`,
      `the clients' process${live.clientsInProcess ? " (also the driver's)" : ''}: event-loop delay p99 ${ms(watch.loopDelayMs.p99)}, max ${ms(watch.loopDelayMs.max)} during the load (time a frame could wait before being timed); connecting took ${seconds(live.connect.ms)}.`,
      `after the load: the hub had projected everything in ${seconds(live.hubCatchUpMs)}; every client had its last owed event ${watch.settledAll ? `after ${seconds(watch.settleMs)}` : `NOT within ${seconds(watch.settleMs)}`}; ${int(watch.clientsWithProblems)} clients with any missed, doubled, out-of-order or unowed event.`,
      live.storeWalMaxBytes === null
        ? `the store: PostgreSQL database of ${mb(live.storeBytes)} at the end (${live.storeDurability ?? 'settings unknown'}).`
        : `the store: ${mb(live.storeBytes)} at the end; its WAL reached ${mb(live.storeWalMaxBytes)} during the load.`,
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
  }
  for (const [what, error] of Object.entries(report.errors)) if (what.startsWith('live')) out.push('', `${what}: FAILED: ${error.split('\n')[0]}`);
  const rebuild = report.rebuild;
  if (rebuild) {
    out.push(
      '',
      `rebuild (${report.engine}): ${int(rebuild.generated.events)} stored events (${int(rebuild.generated.cases)} case histories through the case domain's decide, each command signed inside its own append), every hub read model rebuilt from position 0`,
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
        `readAll: every stored event read once with the store's own readAll (data and metadata parsed), after the first build and just before the rebuild, on the same store: the rate a rebuild reading the store cannot beat.`,
        `the models rebuild together in one process (rebuildReadModels → runner.rebuildAll): one subscription reads and parses each stored event once, the case fold folds it once for the five models that read a case's state, and each model writes its own shadow file in one transaction per batch; "events read" per model counts the events handed to it.`,
        `generation: ${int(rebuild.generated.commands)} commands over a simulated year (${rebuild.generated.from.slice(0, 10)} … ${rebuild.generated.to.slice(0, 10)}), ${int(rebuild.generated.rate)} events/s, ${report.engine === 'postgres' ? 'database' : 'store file'} ${mb(rebuild.generated.storeBytes)}; written with ${report.engine === 'postgres' ? 'synchronous_commit off on the database (reset before the rebuild; the rebuild only reads it; the read models are SQLite files as on any hub)' : "durability 'normal' (the rebuild only reads it)"}.`,
        `the first build (runner.start() on an empty directory) is awaited before the rebuild, so the two do not compete; the rebuild then runs with the current models idle at the head, as on a deployment whose models exist.`,
      ].map((n) => `  - ${n}`),
    );
  } else if (report.errors['rebuild']) {
    out.push('', `rebuild: FAILED: ${report.errors['rebuild'].split('\n')[0]}`);
  }
  if (report.profiles) {
    const what = [
      report.rebuild ? 'rebuild.cpuprofile (the rebuild proper)' : '',
      report.live.length > 0
        ? `a folder per child process${report.live.length > 1 ? ' under live-<rate>/' : ''} (services, hub, clients) whose main-thread profile is CPU.*.0.*.cpuprofile`
        : '',
    ]
      .filter(Boolean)
      .join('; ');
    out.push(
      '',
      `CPU profiles in ${report.profiles}: ${what}. Summarise one with: pnpm --filter @hub/bench-live exec tsx src/profile-summary.ts <file> [--windows]`,
    );
  }
  const targets = [...report.live.flatMap((live) => liveRows(report, live)), ...rebuildRows(report)].filter((r) => r.verdict !== '');
  const missed = targets.filter((r) => r.verdict === 'MISSED').length;
  out.push(
    '',
    `targets: ${targets.length - missed} met, ${missed} MISSED${Object.keys(report.errors).length ? `; failed parts: ${Object.keys(report.errors).join(', ')}` : ''}`,
  );
  return out.join('\n');
}
