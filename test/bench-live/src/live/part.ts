/**
 * Part 1: the whole system on one machine. The four agency services in one child process and the
 * hub in another, over one store (a SQLite file, or a PostgreSQL database as a server deployment
 * runs); the live clients in a third; this process drives the commands over HTTP at one rate. See
 * README "Benchmarks" and main.ts for what is reported.
 */
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { agencyIds, type AgencyId } from '@hub/contracts';
import { connect } from '@hub/event-store';
import { subjectOf } from '@hub/hub-service';
import { AgencyClient, DEMO_PASSWORD } from '@hub/scenarios';
import { sleep } from '../stats.js';
import { startChild, type Child } from './children.js';
import { LoadDriver, type DriveResult } from './driver.js';
import { JsonPoster } from './http.js';
import type { RowFacts } from './exactly-once.js';
import { clientMix, describeMix } from './mix.js';
import { cpuMs, machineBusyPct, machineTicks, RssSampler } from './proc.js';
import type { Sizes } from '../sizes.js';
import type { BenchStore, Engine } from '../engine.js';
import { cpuMsPerCommand } from '../targets.js';
import { TimelineFile } from './timeline-file.js';
import { Watchers, type ClientSpec, type ConnectResult, type Tokens, type WatchResult } from './watchers.js';

type LiveSizes = Omit<Sizes['live'], 'rates'>;

export interface LiveOptions extends LiveSizes {
  /** Commands per second. */
  rate: number;
  /** The store the services and the hub share (fresh and empty). */
  store: BenchStore;
  dir: string;
  log: (line: string) => void;
  /** Write CPU profiles of the children here. */
  cpuProfDir?: string | undefined;
  /** Run the WebSocket clients in this process (beside the command driver) instead of their own. */
  clientsInProcess?: boolean;
}

/** The live clients, in their own process (over IPC) or in this one. */
interface ClientsHandle {
  pid: number | null;
  connect(hubUrl: string, tokens: Tokens, specs: ClientSpec[], after: number): Promise<ConnectResult>;
  loadStarted(): void;
  loadStopped(): void;
  check(rows: RowFacts[], timeoutMs: number, graceMs: number): Promise<WatchResult>;
  close(): Promise<void>;
}

function clientsInChild(child: Child): ClientsHandle {
  return {
    pid: child.pid,
    async connect(hubUrl, tokens, specs, after) {
      await child.next('ready');
      child.send({ type: 'connect', hubUrl, tokens, specs, after });
      const { type: _type, ...result } = await child.next<ConnectResult & { type: string }>('connected', 180_000);
      return result;
    },
    loadStarted: () => child.send({ type: 'load-start' }),
    loadStopped: () => child.send({ type: 'load-stop' }),
    async check(rows, timeoutMs, graceMs) {
      child.send({ type: 'check', rows, timeoutMs, graceMs });
      return (await child.next<{ result: WatchResult }>('checked', timeoutMs + graceMs + 90_000)).result;
    },
    close: () => child.stop(),
  };
}

function clientsHere(): ClientsHandle {
  let watchers: Watchers | undefined;
  return {
    pid: null,
    async connect(hubUrl, tokens, specs, after) {
      watchers = new Watchers(hubUrl, tokens, specs, after);
      return watchers.connect();
    },
    loadStarted: () => watchers?.loadStarted(),
    loadStopped: () => watchers?.loadStopped(),
    check: (rows, timeoutMs, graceMs) => watchers!.settleAndCheck(rows, timeoutMs, graceMs),
    close: async () => watchers?.close(),
  };
}

export interface LiveFigures {
  engine: Engine;
  /** Commands per second asked for. */
  rate: number;
  mix: string;
  connect: ConnectResult;
  drive: DriveResult;
  watch: WatchResult;
  /** Timeline rows (case, meeting and warning events) written during the load window. */
  timelineRows: number;
  /** Store events on those streams after the start position that the timeline lacks (a projection fault). */
  timelineMissing: number;
  hubRss: { maxBytes: number; atStartBytes: number | null; atEndBytes: number | null; samples: number };
  /** CPU used during the load window, in % of one core, per process. */
  cpu: Record<'services' | 'hub' | 'clients' | 'driver', number | null>;
  /** CPU time used during the load window, ms, per process. */
  cpuMs: Record<'services' | 'hub', number | null>;
  /** Commands answered (accepted or refused) during the load window: what CPU per command divides by. */
  commandsCompleted: number;
  /** CPU milliseconds per command completed, of the services' process and of the hub's. */
  cpuMsPerCommand: Record<'services' | 'hub', number | null>;
  /** The clients ran in the driver's process (their CPU is then in `driver`). */
  clientsInProcess: boolean;
  /** The whole machine's CPU use during the load window, % of one core (ours and everything else's). */
  machineCpu: number | null;
  /** 1-minute load average when the load began and when it ended. */
  loadAverage: [number, number];
  /** The SQLite WAL at its largest during the load (sampled every second; null on PostgreSQL), and the store at the end (file, or database). */
  storeWalMaxBytes: number | null;
  storeBytes: number | null;
  /** PostgreSQL's durability settings (null on SQLite). */
  storeDurability: string | null;
  /** How long the hub took, after the last command, to project everything the load wrote. */
  hubCatchUpMs: number;
}

/** Keep-alive connections the command driver holds to each agency service. */
export const SOCKETS_PER_SERVICE = 32;

/** Waits until `test` holds, polling; false on timeout. */
async function until(test: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const t0 = performance.now();
  while (performance.now() - t0 < timeoutMs) {
    if (await test()) return true;
    await sleep(everyMs);
  }
  return test();
}

export async function runLivePart(options: LiveOptions): Promise<LiveFigures> {
  const { log } = options;
  const storeUrl = options.store.url;
  const hubDataDir = join(options.dir, 'hub-data');
  const childLog = (line: string) => log(line);
  const started: Child[] = [];
  const timeline = new TimelineFile(hubDataDir);
  const store = await connect(storeUrl);
  let sampler: RssSampler | undefined;
  let closeClients: (() => Promise<void>) | undefined;
  let closePosters: (() => void) | undefined;
  try {
    log(
      `live ${options.rate}/s: starting the four agency services (one process) over ${options.store.engine}${options.store.database ? ` (database ${options.store.database})` : ''}…`,
    );
    const services = startChild({
      name: 'services',
      entry: 'services-main.ts',
      log: childLog,
      cpuProfDir: options.cpuProfDir,
      env: { BENCH_STORE_URL: storeUrl, BENCH_DATA_DIR: join(options.dir, 'services-data') },
    });
    started.push(services);
    const { urls } = await services.next<{ urls: Record<AgencyId, string> }>('ready');
    log(`live: services at ${agencyIds.map((a) => `${a} ${urls[a]}`).join(', ')}`);

    log('live: starting the hub (its own process)…');
    const hub = startChild({
      name: 'hub',
      entry: 'hub-main.ts',
      log: childLog,
      cpuProfDir: options.cpuProfDir,
      env: {
        EVENT_STORE_URL: storeUrl,
        DATA_DIR: hubDataDir,
        LOG_LEVEL: 'warn',
        TRUST_FILE: join(options.dir, 'services-data', 'trust.json'),
        AGENCY_URLS: agencyIds.map((a) => `${a}=${urls[a]}`).join(','),
      },
    });
    started.push(hub);
    const { url: hubUrl } = await hub.next<{ url: string }>('ready');
    sampler = new RssSampler(hub.pid);
    log(`live: hub at ${hubUrl} (pid ${hub.pid})`);

    const posters = {} as Record<AgencyId, JsonPoster>;
    const tokens = {} as Tokens;
    for (const agency of agencyIds) {
      const liaison = await new AgencyClient(agency, urls[agency]).login('liaison', DEMO_PASSWORD);
      const auditor = await new AgencyClient(agency, urls[agency]).login('auditor', DEMO_PASSWORD);
      tokens[agency] = { liaison, auditor };
      posters[agency] = new JsonPoster(urls[agency], liaison, SOCKETS_PER_SERVICE);
    }
    closePosters = () => {
      for (const a of agencyIds) posters[a]?.close();
    };

    const driver = new LoadDriver(posters);
    log(`live: opening ${options.seedCases} cases to be worked…`);
    const seeded = await driver.seed(options.seedCases);
    if (seeded.length < options.seedCases) throw new Error(`only ${seeded.length} of ${options.seedCases} cases opened: ${driver.refusedSoFar} refused`);
    if (options.warmupS > 0) {
      log(`live: warming up: ${options.rate} commands/s for ${options.warmupS} s (untimed, before the clients connect)…`);
      const warm = await driver.run({ rate: options.rate, durationMs: options.warmupS * 1000, openShare: options.openShare });
      if (warm.refusedCount + warm.failed > 0)
        log(`live: warm-up: ${warm.refusedCount} refused, ${warm.failed} failed: ${warm.refused.map((r) => `${r.what} ${r.status} ${r.detail}`).join('; ')}`);
    }
    const after = Number((await store.headPosition()) ?? -1n);
    // The hub must have projected the seeded cases before case subscriptions name them.
    const lastSeed = await lastSubjectPosition(store, -1);
    if (!(await until(() => timeline.head() >= lastSeed, 60_000)))
      throw new Error(`the hub did not project the seeded cases within 60 s (timeline at ${timeline.head()}, store at ${lastSeed})`);

    const specs = clientMix(
      options.clients,
      seeded.map((c) => ({ id: c.id, opener: c.plan.opener })),
    );
    const mix = describeMix(specs, seeded.length);
    log(`live: ${specs.length} clients: ${mix}`);
    let clients: ClientsHandle;
    if (options.clientsInProcess) clients = clientsHere();
    else {
      const child = startChild({ name: 'clients', entry: 'watchers-main.ts', log: childLog, cpuProfDir: options.cpuProfDir, env: {} });
      started.push(child);
      clients = clientsInChild(child);
    }
    closeClients = () => clients.close();
    const connectResult = await clients.connect(hubUrl, tokens, specs, after);
    log(
      `live: ${connectResult.connected} clients connected and live in ${(connectResult.ms / 1000).toFixed(1)} s${connectResult.failed ? `, ${connectResult.failed} failed: ${connectResult.failures.join('; ')}` : ''}`,
    );

    log(`live: driving ${options.rate} commands/s for ${options.durationS} s…`);
    const pids = { services: services.pid, hub: hub.pid, clients: clients.pid };
    const cpuBefore = {
      services: cpuMs(pids.services),
      hub: cpuMs(pids.hub),
      clients: pids.clients === null ? null : cpuMs(pids.clients),
      driver: process.cpuUsage(),
    };
    const rssAtStart = sampler.sample();
    const machineBefore = machineTicks();
    const loadBefore = loadavg()[0]!;
    clients.loadStarted();
    let walMax = 0;
    let ticks = 0;
    const progress = setInterval(() => {
      const wal = options.store.walBytes();
      if (wal !== null && wal > walMax) walMax = wal;
      if (++ticks % 5 === 0)
        log(
          `live: … hub RSS ${((sampler?.sample() ?? 0) / 1e6).toFixed(0)} MB, timeline at ${timeline.head()}${wal === null ? '' : `, store WAL ${(wal / 1e6).toFixed(0)} MB`}`,
        );
    }, 1_000);
    let drive: DriveResult;
    const tLoad = performance.now();
    try {
      drive = await driver.run({ rate: options.rate, durationMs: options.durationS * 1000, openShare: options.openShare });
    } finally {
      clearInterval(progress);
    }
    const loadMs = performance.now() - tLoad;
    clients.loadStopped();
    const cpuUsed = (before: number | null, pid: number) => {
      const now = cpuMs(pid);
      return before === null || now === null ? null : now - before;
    };
    const servicesCpuMs = cpuUsed(cpuBefore.services, pids.services);
    const hubCpuMs = cpuUsed(cpuBefore.hub, pids.hub);
    const cpuWindow = (used: number | null) => (used === null ? null : (used / loadMs) * 100);
    const driverCpu = process.cpuUsage(cpuBefore.driver);
    const machineCpu = machineBusyPct(machineBefore, machineTicks(), cpus().length);
    const loadAverage: [number, number] = [loadBefore, loadavg()[0]!];
    const cpu = {
      services: cpuWindow(servicesCpuMs),
      hub: cpuWindow(hubCpuMs),
      clients: pids.clients === null ? null : cpuWindow(cpuUsed(cpuBefore.clients, pids.clients)),
      driver: ((driverCpu.user + driverCpu.system) / 1000 / loadMs) * 100,
    };
    // Every command sent in the window was answered in it (run() waits for them), but those still
    // unanswered after its 120 s and the network failures did not complete.
    const commandsCompleted = drive.accepted + drive.refusedCount;
    log(
      `live: ${drive.sent} commands sent (${drive.sentRate.toFixed(1)}/s), ${drive.accepted} accepted, ${drive.refusedCount} refused, ${drive.failed} failed, ${drive.skipped} skipped`,
    );

    // Settle: the hub projects everything the load wrote, then every client gets what it is owed.
    const tSettle = performance.now();
    const last = await lastSubjectPosition(store, after);
    const caughtUp = await until(() => timeline.head() >= last, 120_000);
    const hubCatchUpMs = performance.now() - tSettle;
    if (!caughtUp) log(`live: the hub had not projected up to ${last} after 120 s (timeline at ${timeline.head()})`);
    const rows: RowFacts[] = timeline.rowsAfter(after);
    const inStore = await subjectPositionsAfter(store, after);
    const inTimeline = new Set(rows.map((r) => r.position));
    const timelineMissing = inStore.filter((p) => !inTimeline.has(p)).length;
    log(`live: checking ${rows.length} timeline rows against what ${specs.length} clients received…`);
    const watch = await clients.check(rows, 30_000, 1_000);
    sampler.stop();
    return {
      engine: options.store.engine,
      rate: options.rate,
      mix,
      connect: connectResult,
      drive,
      watch,
      timelineRows: rows.length,
      timelineMissing,
      hubRss: { maxBytes: sampler.maxBytes, atStartBytes: rssAtStart, atEndBytes: sampler.sample(), samples: sampler.samples },
      cpu,
      cpuMs: { services: servicesCpuMs, hub: hubCpuMs },
      commandsCompleted,
      cpuMsPerCommand: { services: cpuMsPerCommand(servicesCpuMs, commandsCompleted), hub: cpuMsPerCommand(hubCpuMs, commandsCompleted) },
      clientsInProcess: options.clientsInProcess === true,
      machineCpu,
      loadAverage,
      hubCatchUpMs,
      storeWalMaxBytes: options.store.sqlitePath ? walMax : null,
      storeBytes: await options.store.sizeBytes(),
      storeDurability: options.store.durability,
    };
  } finally {
    sampler?.stop();
    timeline.close();
    log('live: stopping the clients, the hub and the services…');
    await closeClients?.().catch(() => undefined);
    closePosters?.();
    for (const child of started.reverse()) await child.stop();
    await store.close();
  }
}

/** Positions of the events people see (case, meeting, warning streams) after `after`. */
async function subjectPositionsAfter(store: Awaited<ReturnType<typeof connect>>, after: number): Promise<number[]> {
  const out: number[] = [];
  for await (const event of store.readAll({ after: BigInt(after) })) {
    if (subjectOf(event.stream)) out.push(Number(event.position));
  }
  return out;
}

/** The last of those, or `after` when there is none. */
async function lastSubjectPosition(store: Awaited<ReturnType<typeof connect>>, after: number): Promise<number> {
  return (await subjectPositionsAfter(store, after)).at(-1) ?? after;
}
