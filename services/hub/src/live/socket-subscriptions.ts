import type { ReadModelDb } from '@hub/projections';
import type { Viewer } from '../access.js';
import { inFeed, rowsAfter, rowsOfSubjectAfter, type FeedScope, type TimelineRow } from '../read-models/timeline/index.js';
import { FrameBuilder, type EntryCache } from './frames.js';
import type { Outbox } from './outbox.js';
import { wirePosition, type ServerMessage } from './protocol.js';

/** What the subscriptions of a socket need from the feed. */
export interface FeedSource {
  readonly cache: EntryCache;
  /** Rows read per catch-up query. */
  readonly pageSize: number;
  /** The last timeline position every live subscription has been offered. */
  lastEmitted(): bigint;
  db(): ReadModelDb;
}

interface Subscription {
  readonly id: string;
  readonly scope: FeedScope;
  /** The last position this subscription has been given or has passed over. */
  cursor: bigint;
  /** Asked for `now`: it starts from the feed's position when its first turn comes, with no catch-up. */
  fromNow: boolean;
  live: boolean;
}

/**
 * Catch-up queries per socket per event-loop turn, across all its subscriptions: one socket's
 * catch-ups (however many it asks for) never hold the loop for more than this.
 */
const PAGES_PER_TURN = 2;

/**
 * The subscriptions of one socket. Each starts catching up (paging the timeline table from its
 * `after` up to the feed's `lastEmitted`) and then goes live (the feed hands it each commit's rows).
 * The last catch-up page and the switch to live run in one synchronous stretch against
 * `lastEmitted`, which only moves in the feed's onChange handler, so nothing falls between.
 */
export class SocketSubscriptions {
  private readonly subs = new Map<string, Subscription>();
  private pumpQueued = false;

  constructor(
    readonly viewer: Viewer,
    private readonly source: FeedSource,
    private readonly outbox: Outbox,
    private readonly failed: (error: unknown) => void,
  ) {}

  get size(): number {
    return this.subs.size;
  }

  get hasLive(): boolean {
    for (const sub of this.subs.values()) if (sub.live) return true;
    return false;
  }

  has(id: string): boolean {
    return this.subs.has(id);
  }

  /**
   * Starts a subscription. Its catch-up runs on a later turn, never inside the message that asked
   * for it: a client that subscribes and unsubscribes a thousand times in one burst costs a
   * thousand map updates, not a thousand catch-ups.
   */
  add(id: string, scope: FeedScope, after: bigint | 'now'): void {
    // `now` is where the feed is when the subscription starts: it goes live with no catch-up.
    this.subs.set(id, { id, scope, cursor: after === 'now' ? -1n : after, fromNow: after === 'now', live: false });
    this.schedule();
  }

  remove(id: string): boolean {
    return this.subs.delete(id);
  }

  clear(): void {
    this.subs.clear();
  }

  /** The rows one commit added, to every live subscription they belong to, one frame (or a few) each. */
  deliver(rows: readonly TimelineRow[]): void {
    const last = rows.at(-1);
    if (!last) return;
    for (const sub of this.subs.values()) {
      if (!sub.live) continue;
      const frames = new FrameBuilder(sub.id);
      for (const row of rows) {
        if (row.position <= sub.cursor || !inFeed(row, this.viewer, sub.scope)) continue;
        if (frames.add(this.source.cache.json(row)) && !this.flush(frames)) return;
      }
      if (!this.flush(frames)) return;
      if (last.position > sub.cursor) sub.cursor = last.position;
    }
  }

  /**
   * Catch-up, a few pages per turn for the whole socket, only while its queue is under the
   * low-water mark. It walks the subscriptions as they are now, so one cancelled meanwhile gets
   * nothing more.
   */
  private pump(): void {
    this.pumpQueued = false;
    if (this.subs.size === 0) return;
    const head = this.source.lastEmitted();
    let pages = PAGES_PER_TURN;
    // Why catch-up stopped this turn: the client's queue is full, or the turn's pages are spent.
    let waiting: 'room' | 'turn' | undefined;
    try {
      for (const sub of this.subs.values()) {
        while (!sub.live) {
          // Going live needs no room: a subscription that is caught up never waits behind another's catch-up.
          if (sub.fromNow || sub.cursor >= head) {
            this.goLive(sub, head);
            break;
          }
          if (waiting) break;
          if (!this.outbox.roomy) waiting = 'room';
          else if (pages-- === 0) waiting = 'turn';
          else if (!this.catchUpPage(sub, head)) return;
        }
      }
    } catch (error) {
      return this.failed(error);
    }
    if (waiting === 'room') this.outbox.whenRoomy(() => this.schedule());
    else if (waiting === 'turn') this.schedule();
  }

  private catchUpPage(sub: Subscription, head: bigint): boolean {
    const db = this.source.db();
    const size = this.source.pageSize;
    const rows = sub.scope.kind === 'case' ? rowsOfSubjectAfter(db, sub.scope.caseId, sub.cursor, size) : rowsAfter(db, sub.cursor, size);
    const frames = new FrameBuilder(sub.id);
    for (const row of rows) {
      if (row.position > head) break;
      const full = inFeed(row, this.viewer, sub.scope) && frames.add(this.source.cache.json(row));
      sub.cursor = row.position;
      if (full) {
        if (!this.flush(frames)) return false;
        if (!this.outbox.roomy) return true;
      }
    }
    if (!this.flush(frames)) return false;
    // A short page, or one that ran past the head: everything up to the head has been read.
    const last = rows.at(-1);
    if ((rows.length < size || (last !== undefined && last.position > head)) && sub.cursor < head) sub.cursor = head;
    return true;
  }

  private goLive(sub: Subscription, head: bigint): void {
    if (head > sub.cursor) sub.cursor = head;
    sub.fromNow = false;
    sub.live = true;
    this.outbox.send(JSON.stringify({ type: 'live', sub: sub.id, position: wirePosition(sub.cursor) } satisfies ServerMessage));
  }

  private flush(frames: FrameBuilder): boolean {
    const taken = frames.take();
    return taken ? this.outbox.send(taken.frame, taken.events) : true;
  }

  private schedule(): void {
    if (this.pumpQueued) return;
    this.pumpQueued = true;
    setImmediate(() => this.pump());
  }
}
