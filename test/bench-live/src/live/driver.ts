/**
 * The command load: realistic case work (plans.ts) POSTed to the four services over HTTP as each
 * agency's liaison, paced evenly at a fixed rate — command i leaves at t0 + i/rate, not in bursts.
 * A case never has two commands in flight (each decides on the state the last one left), so a
 * refusal means a plan is wrong, not that two commands raced.
 */
import type { AgencyId } from '@hub/contracts';
import { planFor, type CasePlan } from '../plans.js';
import { distribution, Samples, sleep, type Distribution } from '../stats.js';
import type { JsonPoster } from './http.js';

export interface LiveCase {
  id: string;
  plan: CasePlan;
  /** Index of the next step to send. */
  next: number;
}

export interface Refusal {
  what: string;
  status: number;
  detail: string;
  count: number;
}

export interface DriveResult {
  /** Commands the schedule called for. */
  scheduled: number;
  sent: number;
  /** Answered 2xx. */
  accepted: number;
  refused: Refusal[];
  refusedCount: number;
  /** Network failures (no answer). */
  failed: number;
  /** Not sent because too many were in flight, or every case had a command in flight (the services could not keep up). */
  skipped: number;
  /** Still unanswered 120 s after the last one was sent (then left to finish on their own). */
  unanswered: number;
  opened: number;
  /** Commands sent per second over the load window. */
  sentRate: number;
  /** Accepted per second over the load window. */
  acceptedRate: number;
  durationMs: number;
  /** Time from sending to the answer. */
  latencyMs: Distribution;
  /** The slowest answers: when they were sent (ms into the run), how long they took, what they were. */
  slowest: Array<{ atMs: number; ms: number; what: string }>;
  /** How late commands left against their schedule (the pacing's own precision). */
  lateMs: Distribution;
  /** Case events the accepted commands appended (their proofs ride inside them). */
  caseEvents: number;
  casesFinished: number;
}

export interface DriveOptions {
  rate: number;
  durationMs: number;
  /** Share of commands that open a new case (the rest act on open cases). */
  openShare: number;
  /** Give up sending while this many are in flight. Default 1000. */
  maxInFlight?: number;
}

interface Answer {
  caseId?: string;
  events?: string[];
  detailEn?: string;
  detail?: string;
  ruleId?: string;
  title?: string;
}

export class LoadDriver {
  private caseNumber = 0;
  private readonly idle: LiveCase[] = [];
  private readonly refusals = new Map<string, Refusal>();
  private latency = new Samples();
  private slowest: Array<{ atMs: number; ms: number; what: string }> = [];
  private runStart = 0;
  private inFlight = 0;
  private counts = { sent: 0, accepted: 0, refused: 0, failed: 0, opened: 0, caseEvents: 0, finished: 0 };

  /** One poster per agency, holding that agency's liaison session. */
  constructor(private readonly clients: Record<AgencyId, JsonPoster>) {}

  /** Opens `count` cases, `concurrency` at a time; they become the pool the load works on. */
  async seed(count: number, concurrency = 16): Promise<LiveCase[]> {
    const seeded: LiveCase[] = [];
    let left = count;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (left > 0) {
          left -= 1;
          const opened = await this.open();
          if (opened) seeded.push(opened);
        }
      }),
    );
    return seeded;
  }

  get refusedSoFar(): number {
    return this.counts.refused;
  }

  async run(options: DriveOptions): Promise<DriveResult> {
    // Refusals are counted per run (the seeding's would have stopped it).
    this.refusals.clear();
    this.latency = new Samples();
    this.slowest = [];
    this.runStart = performance.now();
    const maxInFlight = options.maxInFlight ?? 1000;
    const interval = 1000 / options.rate;
    const scheduled = Math.floor((options.durationMs * options.rate) / 1000);
    const late = new Samples();
    const before = { ...this.counts };
    const pending = new Set<Promise<void>>();
    let skipped = 0;
    let issued = 0;
    const t0 = performance.now();
    while (issued < scheduled) {
      const elapsed = performance.now() - t0;
      const due = Math.min(scheduled, Math.floor(elapsed / interval) + 1);
      while (issued < due) {
        late.push(Math.max(0, elapsed - issued * interval));
        issued += 1;
        const opening = Math.random() < options.openShare;
        // Over the in-flight cap, or every case already has a command in flight: the services are
        // behind. The command is not sent (and counted), rather than piling new cases on top.
        if (this.inFlight >= maxInFlight || (!opening && this.idle.length === 0)) {
          skipped += 1;
          continue;
        }
        const work = opening ? this.open().then(() => undefined) : this.advance();
        pending.add(work);
        void work.finally(() => pending.delete(work));
      }
      await sleep(Math.max(0, issued * interval - (performance.now() - t0)));
    }
    const durationMs = performance.now() - t0;
    // Everything sent must have landed before the clients' deliveries are checked against the store.
    await Promise.race([Promise.all(pending), sleep(120_000)]);
    const delta = (k: keyof typeof this.counts) => this.counts[k] - before[k];
    return {
      scheduled,
      sent: delta('sent'),
      accepted: delta('accepted'),
      refused: [...this.refusals.values()].map((r) => ({ ...r })).sort((a, b) => b.count - a.count),
      refusedCount: delta('refused'),
      failed: delta('failed'),
      skipped,
      unanswered: pending.size,
      opened: delta('opened'),
      sentRate: (delta('sent') * 1000) / durationMs,
      acceptedRate: (delta('accepted') * 1000) / durationMs,
      durationMs,
      latencyMs: distribution(this.latency.values()),
      slowest: [...this.slowest],
      lateMs: distribution(late.values()),
      caseEvents: delta('caseEvents'),
      casesFinished: delta('finished'),
    };
  }

  /** Opens a new case (a random script); it joins the pool. */
  private async open(): Promise<LiveCase | undefined> {
    const plan = planFor(this.caseNumber++);
    const answer = await this.post(plan.opener, '/api/cases', plan.open(new Date()), `${plan.kind}: open-case`);
    if (!answer?.caseId) return undefined;
    this.counts.opened += 1;
    const c: LiveCase = { id: answer.caseId, plan, next: 0 };
    this.release(c);
    return c;
  }

  /** Sends the next step of a random idle case. */
  private async advance(): Promise<void> {
    const i = Math.floor(Math.random() * this.idle.length);
    const c = this.idle[i]!;
    this.idle[i] = this.idle[this.idle.length - 1]!;
    this.idle.pop();
    const step = c.plan.steps[c.next]!;
    const answer = await this.post(step.agency, `/api/cases/${c.id}/${step.path}`, step.body(new Date()), `${c.plan.kind}: ${step.path}`);
    // A refused step would be refused again: the case leaves the pool.
    if (!answer) return;
    c.next += 1;
    this.release(c);
  }

  private release(c: LiveCase): void {
    if (c.next < c.plan.steps.length) this.idle.push(c);
    else this.counts.finished += 1;
  }

  /** The answer of a 2xx; undefined (and the refusal or failure counted) otherwise. */
  private async post(agency: AgencyId, path: string, body: unknown, what: string): Promise<Answer | undefined> {
    this.counts.sent += 1;
    this.inFlight += 1;
    const t0 = performance.now();
    try {
      const response = await this.clients[agency].post<Answer>(path, body);
      const took = performance.now() - t0;
      this.latency.push(took);
      if (this.slowest.length < 5 || took > this.slowest.at(-1)!.ms) {
        this.slowest.push({ atMs: t0 - this.runStart, ms: took, what });
        this.slowest.sort((a, b) => b.ms - a.ms);
        this.slowest.length = Math.min(this.slowest.length, 5);
      }
      if (response.status < 300) {
        this.counts.accepted += 1;
        this.counts.caseEvents += response.body.events?.length ?? 0;
        return response.body;
      }
      this.counts.refused += 1;
      const detail = `${response.body.ruleId ?? ''} ${response.body.detailEn ?? response.body.detail ?? response.body.title ?? ''}`.trim().slice(0, 160);
      const key = `${what} ${response.status} ${detail}`;
      const seen = this.refusals.get(key) ?? { what, status: response.status, detail, count: 0 };
      seen.count += 1;
      this.refusals.set(key, seen);
      return undefined;
    } catch (error) {
      this.counts.failed += 1;
      const key = `${what} network`;
      const code = (error as { code?: string }).code;
      const detail = `${code ?? ''} ${(error as Error).message}`.trim().slice(0, 160);
      const seen = this.refusals.get(key) ?? { what, status: 0, detail, count: 0 };
      seen.count += 1;
      this.refusals.set(key, seen);
      return undefined;
    } finally {
      this.inFlight -= 1;
    }
  }
}
