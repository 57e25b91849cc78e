/**
 * How a demo case is written: acts at instants relative to an anchor ("40 days ago, 10:00"),
 * each recorded through an agency's HTTP API with the services' clock pinned to that instant,
 * so deadlines fall where they would have in real life and overdue ones show as overdue today.
 */
import { randomUUID } from 'node:crypto';
import { endOfShanghaiDay, shanghaiDate, startOfShanghaiDay } from '@hub/case-domain';
import type { AgencyId } from '@hub/contracts';
import type { AgencyClient, BodyFor, CommandPathName, HoldMeetingBody, RaiseWarningBody, ScheduleMeetingBody } from '../client.js';
import { DAY, HOUR, type ControllableClock } from '../clock.js';

export type DemoClients = Record<AgencyId, AgencyClient>;

/** What a scene needs beyond the liaisons: joint meetings are the secretaries' work, and may review earlier cases. */
export interface SceneContext {
  /** A client of `agency` logged in as its joint-meeting secretary. */
  secretary(agency: AgencyId): Promise<AgencyClient>;
  /** The demo cases loaded or found before this one, by key. */
  readonly caseIds: Readonly<Record<string, string>>;
}

/** Fractions of a day, for offsets like `-40 + h(2)`. */
export const h = (hours: number): number => hours / 24;

export const id = (): string => randomUUID();

export class Scene {
  caseId = '';

  constructor(
    private readonly clients: DemoClients,
    private readonly clock: ControllableClock,
    /** 09:00 Shanghai of the latest day whose 09:00 has passed: day 0 of every script. */
    readonly anchor: Date,
    private readonly context: SceneContext,
  ) {}

  /** The instant `days` (fractional) from the anchor. */
  at(days: number): Date {
    return new Date(this.anchor.getTime() + days * DAY);
  }

  /** The end (23:59:59.999 Shanghai) of the day `days` from the anchor, as deadlines are written. */
  endOfDay(days: number): string {
    return endOfShanghaiDay(shanghaiDate(this.at(days))).toISOString();
  }

  async open(days: number, agency: AgencyId, body: BodyFor<'open-case'>): Promise<string> {
    this.pin(days);
    const { caseId } = await this.clients[agency].openCase(body);
    this.caseId = caseId;
    return caseId;
  }

  async act<P extends CommandPathName>(days: number, agency: AgencyId, path: P, body: BodyFor<P>): Promise<void> {
    if (!this.caseId) throw new Error(`demo: ${path} before the case was opened`);
    this.pin(days);
    await this.clients[agency].command(this.caseId, path, body);
  }

  /** Another demo case, loaded or found before this one. */
  caseOf(key: string): string {
    const caseId = this.context.caseIds[key];
    if (!caseId) throw new Error(`demo: case ${key} is not loaded before this one`);
    return caseId;
  }

  getCase<T>(agency: AgencyId, caseId: string): Promise<T> {
    return this.clients[agency].getCase<T>(caseId);
  }

  async raiseWarning(days: number, agency: AgencyId, body: RaiseWarningBody): Promise<string> {
    this.pin(days);
    return (await this.clients[agency].raiseWarning(body)).warningId;
  }

  async resolveWarning(days: number, agency: AgencyId, warningId: string, resolution: string): Promise<void> {
    this.pin(days);
    await this.clients[agency].resolveWarning(warningId, resolution);
  }

  async scheduleMeeting(days: number, agency: AgencyId, body: ScheduleMeetingBody): Promise<string> {
    const secretary = await this.context.secretary(agency);
    this.pin(days);
    return (await secretary.scheduleMeeting(body)).meetingId;
  }

  /** Holds the meeting; a decision its case refuses means the script is wrong, so it throws. */
  async holdMeeting(days: number, agency: AgencyId, meetingId: string, body: HoldMeetingBody): Promise<void> {
    const secretary = await this.context.secretary(agency);
    this.pin(days);
    const { decisions } = await secretary.holdMeeting(meetingId, body);
    const refused = decisions.filter((d) => !d.applied);
    if (refused.length > 0) throw new Error(`demo: meeting decisions refused: ${refused.map((d) => `${d.itemId} ${d.problem?.ruleId ?? ''}`).join(', ')}`);
  }

  private pin(days: number): void {
    const when = this.at(days);
    if (when.getTime() > Date.now()) throw new Error(`demo: an act at ${when.toISOString()} would be in the future`);
    this.clock.set(when);
  }
}

/** 09:00 Shanghai today, or yesterday when today's 09:00 is still ahead. */
export function demoAnchor(now: Date = new Date()): Date {
  const today = new Date(startOfShanghaiDay(shanghaiDate(now)).getTime() + 9 * HOUR);
  return today.getTime() <= now.getTime() ? today : new Date(today.getTime() - DAY);
}
