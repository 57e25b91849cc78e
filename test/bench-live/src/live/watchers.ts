/**
 * The live clients: N WebSocket connections to the hub's feed, one subscription each, through
 * the hub's own LiveClient (which resumes from its last position after a dropped connection, as
 * a real client does). Each delivered event is timed on arrival against its `recordedAt` (the
 * store's clock, the same machine clock) and its position kept for the exactly-once check.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { AgencyId } from '@hub/contracts';
// Not exported by @hub/hub-service's index (yet).
import { LiveClient } from '../../../../services/hub/src/live/client.js';
import { distribution, Samples, type Distribution } from '../stats.js';
import { checkDelivery, expectedPositions, sumChecks, type DeliveryCheck, type RowFacts, type WatchScope, type Watcher } from './exactly-once.js';

export type WatchRole = 'liaison' | 'auditor';

export interface ClientSpec {
  agency: AgencyId;
  role: WatchRole;
  scope: WatchScope;
}

export type Tokens = Record<AgencyId, Record<WatchRole, string>>;

export interface ConnectResult {
  connected: number;
  failed: number;
  /** The first few failures' messages. */
  failures: string[];
  ms: number;
}

export interface WatchResult {
  clients: number;
  /** Per scope kind and in total. */
  checks: Record<'case' | 'inbox' | 'all' | 'total', DeliveryCheck>;
  /** Clients with at least one missed, doubled, unexpected or out-of-order event. */
  clientsWithProblems: number;
  latencyMs: Record<'case' | 'inbox' | 'all' | 'total', Distribution>;
  /** Socket closes seen during the run, by close code. */
  closes: Record<string, number>;
  /** Sockets reopened by LiveClient after a close (resumed subscriptions). */
  reconnects: number;
  /** Closed by the hub as too slow (4008). */
  cutOff: number;
  /** Latency through the load, in six equal slices of it (a drift shows here). */
  slices: Array<{ fromS: number; toS: number; p50: number | null; p99: number | null; count: number }>;
  /** This process's event-loop delay during the load: how late it could have noticed a frame. */
  loopDelayMs: { p50: number; p99: number; max: number };
  /** Deliveries of events after the last row checked (commands that landed after the snapshot); left out. */
  beyondSnapshot: number;
  /** How long the settle wait took (all clients reached their last owed event, or the timeout). */
  settleMs: number;
  settledAll: boolean;
}

interface Watching {
  spec: ClientSpec;
  client: LiveClient | undefined;
  positions: number[];
  highest: number;
  live: boolean;
  failed: string | undefined;
}

const kinds = ['case', 'inbox', 'all'] as const;

export class Watchers {
  private readonly watching: Watching[];
  private readonly latency = { case: new Samples(), inbox: new Samples(), all: new Samples(), total: new Samples() };
  private readonly closes = new Map<number, number>();
  /** Receipt time (ms since the load began) of each sample in latency.total. */
  private readonly receivedAt = new Samples();
  private loadT0: number | undefined;
  private loadT1: number | undefined;
  private loopDelay: IntervalHistogram | undefined;

  constructor(
    private readonly hubUrl: string,
    private readonly tokens: Tokens,
    specs: readonly ClientSpec[],
    /** The subscriptions' `after`: the store position before the load. */
    private readonly after: number,
  ) {
    this.watching = specs.map((spec) => ({ spec, client: undefined, positions: [], highest: -1, live: false, failed: undefined }));
  }

  /** Opens every client and subscribes, `concurrency` at a time; resolves when all are live (or failed). */
  async connect(concurrency = 50, timeoutMs = 120_000): Promise<ConnectResult> {
    const t0 = performance.now();
    let next = 0;
    const one = async (w: Watching) => {
      const kind = w.spec.scope.kind;
      const samples = this.latency[kind];
      try {
        w.client = await LiveClient.connect(this.hubUrl, this.tokens[w.spec.agency][w.spec.role], {
          backoff: { initialMs: 50, maxMs: 1_000 },
          onClose: ({ code }) => this.closes.set(code, (this.closes.get(code) ?? 0) + 1),
        });
      } catch (error) {
        w.failed = `connect: ${(error as Error).message}`;
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          w.failed ??= 'no live message';
          resolve();
        }, timeoutMs);
        w.client!.subscribe(w.spec.scope, String(this.after), {
          onEvents: (events) => {
            const now = Date.now();
            for (const e of events) {
              const position = Number(e.position);
              const ms = now - Date.parse(e.recordedAt);
              samples.push(ms);
              this.latency.total.push(ms);
              this.receivedAt.push(this.loadT0 === undefined ? -1 : now - this.loadT0);
              w.positions.push(position);
              if (position > w.highest) w.highest = position;
            }
          },
          onLive: () => {
            if (w.live) return;
            w.live = true;
            clearTimeout(timer);
            resolve();
          },
          onError: (problem) => {
            w.failed = `subscribe: ${problem.status} ${problem.detailEn}`;
            clearTimeout(timer);
            resolve();
          },
        });
      });
    };
    const lanes = Array.from({ length: Math.min(concurrency, this.watching.length) }, async () => {
      while (next < this.watching.length) await one(this.watching[next++]!);
    });
    await Promise.all(lanes);
    const failures = this.watching.filter((w) => w.failed !== undefined);
    return {
      connected: this.watching.length - failures.length,
      failed: failures.length,
      failures: failures.slice(0, 5).map((w) => `${w.spec.role}@${w.spec.agency} ${w.spec.scope.kind}: ${w.failed}`),
      ms: performance.now() - t0,
    };
  }

  loadStarted(): void {
    this.loadT0 = Date.now();
    this.loopDelay = monitorEventLoopDelay({ resolution: 5 });
    this.loopDelay.enable();
  }

  loadStopped(): void {
    this.loadT1 = Date.now();
    this.loopDelay?.disable();
  }

  /**
   * Waits until every client has received the last event it is owed (or `timeoutMs`), then
   * `graceMs` more so that late duplicates would show, and checks every client.
   */
  async settleAndCheck(rows: readonly RowFacts[], timeoutMs: number, graceMs: number): Promise<WatchResult> {
    // Rows are a snapshot: anything received beyond its last position is left out of the check.
    const upTo = rows.at(-1)?.position ?? this.after;
    const owed = this.watching.map((w) => expectedPositions(this.watcherOf(w), rows));
    const t0 = performance.now();
    let settledAll = false;
    while (performance.now() - t0 < timeoutMs) {
      settledAll = this.watching.every((w, i) => w.failed !== undefined || (owed[i]!.at(-1) ?? -1) <= w.highest);
      if (settledAll) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const settleMs = performance.now() - t0;
    await new Promise((resolve) => setTimeout(resolve, graceMs));
    const byKind: Record<'case' | 'inbox' | 'all', DeliveryCheck[]> = { case: [], inbox: [], all: [] };
    let clientsWithProblems = 0;
    let beyond = 0;
    this.watching.forEach((w, i) => {
      if (w.failed !== undefined) return;
      const received = w.positions.filter((p) => p <= upTo);
      beyond += w.positions.length - received.length;
      const check = checkDelivery(owed[i]!, received);
      if (check.missed + check.doubled + check.unexpected + check.outOfOrder > 0) clientsWithProblems += 1;
      byKind[w.spec.scope.kind].push(check);
    });
    const reconnects = this.watching.reduce((n, w) => n + Math.max(0, (w.client?.connections ?? 1) - 1), 0);
    const h = this.loopDelay;
    const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
    const slices: WatchResult['slices'] = [];
    if (this.loadT0 !== undefined && this.loadT1 !== undefined) {
      const span = (this.loadT1 - this.loadT0) / 6;
      const at = this.receivedAt.values();
      const all = this.latency.total.values();
      for (let k = 0; k < 6; k++) {
        const inSlice: number[] = [];
        for (let i = 0; i < at.length; i++) if (at[i]! >= k * span && (at[i]! < (k + 1) * span || (k === 5 && at[i]! >= 0))) inSlice.push(all[i]!);
        const d = distribution(inSlice);
        slices.push({ fromS: (k * span) / 1000, toS: ((k + 1) * span) / 1000, p50: d.p50, p99: d.p99, count: d.count });
      }
    }
    return {
      slices,
      clients: this.watching.length,
      checks: { case: sumChecks(byKind.case), inbox: sumChecks(byKind.inbox), all: sumChecks(byKind.all), total: sumChecks(kinds.flatMap((k) => byKind[k])) },
      clientsWithProblems,
      latencyMs: {
        case: distribution(this.latency.case.values()),
        inbox: distribution(this.latency.inbox.values()),
        all: distribution(this.latency.all.values()),
        total: distribution(this.latency.total.values()),
      },
      closes: Object.fromEntries([...this.closes].map(([code, n]) => [String(code), n])),
      reconnects,
      cutOff: this.closes.get(4008) ?? 0,
      loopDelayMs: { p50: h ? ms(h.percentile(50)) : 0, p99: h ? ms(h.percentile(99)) : 0, max: h ? ms(h.max) : 0 },
      beyondSnapshot: beyond,
      settleMs,
      settledAll,
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.watching.map((w) => w.client?.close().catch(() => undefined)));
  }

  private watcherOf(w: Watching): Watcher {
    return { agency: w.spec.agency, auditor: w.spec.role === 'auditor', scope: w.spec.scope, after: this.after };
  }
}
