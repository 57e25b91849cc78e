import { WebSocket } from 'ws';
import type { LiveSettings } from './settings.js';

export interface OutboxCounters {
  eventsSent: number;
  framesSent: number;
}

/** Drain is noticed from write callbacks; this timer is only a backstop. */
const DRAIN_RECHECK_MS = 250;

/**
 * What is queued for one socket, and the back-pressure rule. A client whose queue was already
 * above the low-water mark and then exceeds `maxBufferedBytes` is cut off (`onTooSlow`): the hub
 * never queues without bound for anyone. A single big frame to a client that was keeping up does
 * not count, so one large event cannot cut off a healthy client.
 */
export class Outbox {
  private open = true;
  private drainWaiter: (() => void) | undefined;
  private backstop: NodeJS.Timeout | undefined;

  constructor(
    private readonly ws: WebSocket,
    private readonly settings: Pick<LiveSettings, 'lowWaterBytes' | 'maxBufferedBytes'>,
    private readonly counters: OutboxCounters,
    private readonly onTooSlow: (queued: number) => void,
  ) {}

  /** Under the low-water mark: catch-up may send another page. */
  get roomy(): boolean {
    return this.ws.bufferedAmount < this.settings.lowWaterBytes;
  }

  /** Queues a frame; false when nothing more may be sent (closing, or just cut off). */
  send(text: string, events = 0): boolean {
    if (!this.open || this.ws.readyState !== WebSocket.OPEN) return false;
    const before = this.ws.bufferedAmount;
    this.ws.send(text, this.written);
    this.counters.framesSent += 1;
    this.counters.eventsSent += events;
    const queued = this.ws.bufferedAmount;
    if (queued > this.settings.maxBufferedBytes && before >= this.settings.lowWaterBytes) {
      this.open = false;
      this.onTooSlow(queued);
      return false;
    }
    return true;
  }

  /** Calls `then` once the queue is under the low-water mark again (once, however often asked). */
  whenRoomy(then: () => void): void {
    if (this.drainWaiter || !this.open) return;
    this.drainWaiter = then;
    this.backstop = setTimeout(this.written, DRAIN_RECHECK_MS);
  }

  /** Sends nothing more and forgets any waiter. */
  close(): void {
    this.open = false;
    this.drainWaiter = undefined;
    clearTimeout(this.backstop);
  }

  /** Write callback of every frame (ws calls it once the frame is handed to the OS) and the backstop. */
  private readonly written = (): void => {
    const waiter = this.drainWaiter;
    if (!waiter) return;
    clearTimeout(this.backstop);
    if (!this.roomy) {
      this.backstop = setTimeout(this.written, DRAIN_RECHECK_MS);
      return;
    }
    this.drainWaiter = undefined;
    waiter();
  };
}
