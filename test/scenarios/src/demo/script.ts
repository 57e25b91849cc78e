/**
 * How a demo case is written: acts at instants relative to an anchor ("40 days ago, 10:00"),
 * each recorded through an agency's HTTP API with the services' clock pinned to that instant,
 * so deadlines fall where they would have in real life and overdue ones show as overdue today.
 *
 * The store stamps every event with the same clock (recordedAt), and recordedAt never goes back
 * in position order: so the cases do not load one after the other but side by side, every act of
 * every case in time order (the Timeline below), as the agencies would have recorded them.
 */
import { randomUUID } from 'node:crypto';
import { addCalendarDays, endOfShanghaiDay, shanghaiDate, startOfShanghaiDay, type CalendarDate } from '@hub/case-domain';
import type { AgencyId } from '@hub/contracts';
import type { AgencyClient, BodyFor, CommandPathName, HoldMeetingBody, RaiseWarningBody, ScheduleMeetingBody } from '../client.js';
import { DAY, HOUR, type ControllableClock } from '../clock.js';
import { demoHandlerName } from '../users.js';

export type DemoClients = Record<AgencyId, AgencyClient>;

/** How far back the demo reaches, in days before the anchor: no act is earlier. */
export const DEMO_DAYS = 120;

/**
 * When an act happens: days (fractional) from the anchor, as `-40 + h(2)`; or an instant, as
 * `s.today(0.5)` gives for acts of the current Shanghai day.
 */
export type When = number | Date;

/** What a scene needs beyond the liaisons: joint meetings are the secretaries' work, and may review other cases. */
export interface SceneContext {
  /** A client of `agency` logged in as its joint-meeting secretary. */
  secretary(agency: AgencyId): AgencyClient;
  /** The union's 12351 hotline platform: a service account acting by its API key (machine acts, issue 13.8). */
  hotline(): Promise<AgencyClient>;
  /** Demo case key → case id of every demo case opened so far (found in the store, or loaded in this run). */
  readonly caseIds: Record<string, string>;
  /** Orders the acts of all the scenes loading side by side. */
  readonly timeline: Timeline;
}

/** Fractions of a day, for offsets like `-40 + h(2)`. */
export const h = (hours: number): number => hours / 24;

export const id = (): string => randomUUID();

/** The demo's fixed points, taken once when a load starts. */
export interface DemoTime {
  /** Real time when the load started. */
  readonly now: Date;
  /** 09:00 Shanghai of the latest day whose 09:00 has passed: day 0 of every script. */
  readonly anchor: Date;
  /** Today in Shanghai (real time): deadlines are written in days from here. */
  readonly today: CalendarDate;
}

export function demoTime(now: Date = new Date()): DemoTime {
  return { now, anchor: demoAnchor(now), today: shanghaiDate(now) };
}

export class Scene {
  caseId = '';
  /** The agencies that named their handler of this case (承办人) already. */
  private readonly assigned = new Set<AgencyId>();

  constructor(
    /** The demo case key, for the case-id map and for messages. */
    readonly key: string,
    /** The case's place in the demo's list: breaks ties between acts at the same instant. */
    private readonly order: number,
    private readonly clients: DemoClients,
    private readonly clock: ControllableClock,
    readonly time: DemoTime,
    private readonly context: SceneContext,
  ) {}

  /** The instant `days` (fractional) from the anchor. */
  at(days: number): Date {
    return new Date(this.time.anchor.getTime() + days * DAY);
  }

  /**
   * An instant of the current Shanghai day, already past: `fraction` of the way from the later
   * of midnight and four hours ago to a minute ago. Acts of today must come last in their scene.
   */
  today(fraction: number): Date {
    const now = this.time.now.getTime();
    const from = Math.max(startOfShanghaiDay(this.time.today).getTime(), now - 4 * HOUR);
    const span = Math.max(0, now - 60_000 - from);
    return new Date(from + Math.min(1, Math.max(0, fraction)) * span);
  }

  /** The end (23:59:59.999 Shanghai) of the day `days` from today, as deadlines are written: 0 is due today. */
  endOfDay(days: number): string {
    return endOfShanghaiDay(addCalendarDays(this.time.today, Math.round(days))).toISOString();
  }

  /** Opens the case as `agency`'s liaison, or, with `via: 'hotline'`, as the union's 12351 platform pushing the complaint through its API key. */
  async open(when: When, agency: AgencyId, body: BodyFor<'open-case'>, options: { via?: 'hotline' } = {}): Promise<string> {
    if (options.via === 'hotline' && agency !== 'union') throw new Error(`demo ${this.key}: the 12351 platform is the union's`);
    const client = options.via === 'hotline' ? await this.context.hotline() : this.clients[agency];
    await this.pin(when);
    const { caseId } = await client.openCase(body);
    this.caseId = caseId;
    this.context.caseIds[this.key] = caseId;
    await this.assignHandler(agency);
    return caseId;
  }

  async act<P extends CommandPathName>(when: When, agency: AgencyId, path: P, body: BodyFor<P>): Promise<void> {
    if (!this.caseId) throw new Error(`demo ${this.key}: ${path} before the case was opened`);
    await this.pin(when);
    await this.clients[agency].command(this.caseId, path, body);
    // An act on a case that stays open: the agency names its handler with its first one.
    if (path !== 'close-case' && path !== 'erase-worker-data') await this.assignHandler(agency);
  }

  /**
   * 承办人 (docs/handlers.md): an agency assigns the case to one of its liaisons, by name, as it
   * first acts on it, at the same instant (demoHandlerName alternates between its two).
   */
  private async assignHandler(agency: AgencyId): Promise<void> {
    if (this.assigned.has(agency)) return;
    this.assigned.add(agency);
    const { users } = await this.clients[agency].call<{ users: { userId: string; displayName: string }[] }>('GET', '/api/handlers/assignable');
    const name = demoHandlerName(agency, this.order);
    const handler = users.find((u) => u.displayName === name);
    if (!handler) throw new Error(`demo ${this.key}: ${agency} has no liaison named ${name}`);
    await this.clients[agency].command(this.caseId, 'assign-handler', { userId: handler.userId });
  }

  /** Attaches a file to the case (documents: see docs/documents.md). */
  async attach(when: When, agency: AgencyId, file: Buffer, query: { fileName: string; kind?: string; actEventId?: string; workerId?: string }): Promise<void> {
    if (!this.caseId) throw new Error(`demo ${this.key}: a document before the case was opened`);
    await this.pin(when);
    await this.clients[agency].attachDocument(this.caseId, file, query);
  }

  /** An act recorded at `recorded` that happened earlier, at `happened` (补录, issue 13.4): it carries occurredAt. */
  async actLate<P extends CommandPathName>(happened: When, recorded: When, agency: AgencyId, path: P, body: BodyFor<P>): Promise<void> {
    if (!this.caseId) throw new Error(`demo ${this.key}: ${path} before the case was opened`);
    await this.pin(recorded);
    const occurredAt = (typeof happened === 'number' ? this.at(happened) : happened).toISOString();
    await this.clients[agency].command(this.caseId, path, { ...(body as object), occurredAt } as BodyFor<P>);
  }

  /** Waits for `when` on the timeline without acting: what other cases did by then can be read. */
  async until(when: When): Promise<void> {
    await this.pin(when);
  }

  /** Another demo case, opened before this moment of this one (see `until`). */
  caseOf(key: string): string {
    const caseId = this.context.caseIds[key];
    if (!caseId) throw new Error(`demo ${this.key}: case ${key} is not opened yet`);
    return caseId;
  }

  getCase<T>(agency: AgencyId, caseId: string = this.caseId): Promise<T> {
    return this.clients[agency].getCase<T>(caseId);
  }

  /** The ids the service gave the case's workers, in the order they were named. */
  async workerIds(agency: AgencyId): Promise<string[]> {
    return (await this.getCase<{ workers: { workerId: string }[] }>(agency)).workers.map((w) => w.workerId);
  }

  async raiseWarning(when: When, agency: AgencyId, body: RaiseWarningBody): Promise<string> {
    await this.pin(when);
    return (await this.clients[agency].raiseWarning(body)).warningId;
  }

  async resolveWarning(when: When, agency: AgencyId, warningId: string, resolution: string): Promise<void> {
    await this.pin(when);
    await this.clients[agency].resolveWarning(warningId, resolution);
  }

  async scheduleMeeting(when: When, agency: AgencyId, body: ScheduleMeetingBody): Promise<string> {
    await this.pin(when);
    return (await this.context.secretary(agency).scheduleMeeting(body)).meetingId;
  }

  /** Holds the meeting; a decision its case refuses means the script is wrong, so it throws. */
  async holdMeeting(when: When, agency: AgencyId, meetingId: string, body: HoldMeetingBody): Promise<void> {
    await this.pin(when);
    const { decisions } = await this.context.secretary(agency).holdMeeting(meetingId, body);
    const refused = decisions.filter((d) => !d.applied);
    if (refused.length > 0)
      throw new Error(`demo ${this.key}: meeting decisions refused: ${refused.map((d) => `${d.itemId} ${d.problem?.ruleId ?? ''}`).join(', ')}`);
  }

  /** Waits for this act's turn on the timeline, then sets the services' (and the store's) clock to it. */
  private async pin(when: When): Promise<void> {
    const instant = typeof when === 'number' ? this.at(when) : when;
    if (instant.getTime() > Date.now()) throw new Error(`demo ${this.key}: an act at ${instant.toISOString()} would be in the future`);
    await this.context.timeline.turn(instant, this.order, this.key);
    this.clock.set(instant);
  }
}

interface Waiting {
  at: number;
  order: number;
  key: string;
  go(): void;
  stop(error: Error): void;
}

/**
 * Runs scenes side by side, one act at a time, earliest first: a scene asks for its next act's
 * turn and waits until every other scene is waiting too (or done); then the earliest act goes
 * (ties by the scenes' order). So the store receives every act of every case in time order, and
 * a scene that goes back in time fails instead of being clamped into a wrong order.
 */
export class Timeline {
  private readonly waiting: Waiting[] = [];
  private running: number;
  private last = -Infinity;
  private stopped: Error | null = null;

  constructor(scenes: number) {
    this.running = scenes;
  }

  turn(instant: Date, order: number, key: string): Promise<void> {
    if (this.stopped) return Promise.reject(this.stopped);
    return new Promise((go, stop) => {
      this.waiting.push({ at: instant.getTime(), order, key, go, stop });
      this.running--;
      this.next();
    });
  }

  /** A scene is done (or failed): it asks for no more turns. */
  leave(): void {
    this.running--;
    this.next();
  }

  /** Another scene failed: every waiting scene stops with this error. */
  stop(error: Error): void {
    this.stopped ??= error;
    for (const waiting of this.waiting.splice(0)) {
      this.running++;
      waiting.stop(this.stopped);
    }
  }

  private next(): void {
    if (this.running > 0 || this.waiting.length === 0) return;
    this.waiting.sort((a, b) => a.at - b.at || a.order - b.order);
    const first = this.waiting.shift()!;
    this.running++;
    if (first.at < this.last) {
      first.stop(
        new Error(
          `demo ${first.key}: an act at ${new Date(first.at).toISOString()} comes after one at ${new Date(this.last).toISOString()}: a scene must not go back in time`,
        ),
      );
      return;
    }
    this.last = first.at;
    first.go();
  }
}

/** 09:00 Shanghai today, or yesterday when today's 09:00 is still ahead. */
export function demoAnchor(now: Date = new Date()): Date {
  const today = new Date(startOfShanghaiDay(shanghaiDate(now)).getTime() + 9 * HOUR);
  return today.getTime() <= now.getTime() ? today : new Date(today.getTime() - DAY);
}

/** An instant before every act of the demo: what the store's clock reads while the services first start. */
export function demoEpoch(now: Date = new Date()): Date {
  return new Date(demoAnchor(now).getTime() - (DEMO_DAYS + 1) * DAY);
}
