import type { After, FeedScope, ServerMessage, TimelineEntry, WirePosition } from './protocol.js';

export interface SubscriptionHandlers {
  /** A batch, in position order. */
  onEvents?: (events: TimelineEntry[], sub: LiveSubscription) => void;
  /** Caught up to `position`; what follows is live. Comes again after each reconnect. */
  onLive?: (position: WirePosition, sub: LiveSubscription) => void;
  /** The server refused the subscription (404 for a case not to be opened); it is over. */
  onError?: (error: Extract<ServerMessage, { type: 'error' }>, sub: LiveSubscription) => void;
}

const later = (a: WirePosition, b: WirePosition): boolean => b !== null && (a === null || BigInt(b) > BigInt(a));

/** One subscription of a LiveClient: the last position it saw, callbacks, and an async iterator of entries. */
export class LiveSubscription {
  /** The last position seen (event, live marker or heartbeat); null before any. */
  position: WirePosition = null;
  /** Caught up on the current connection. */
  live = false;
  ended = false;
  private readonly iterators = new Set<{ queue: TimelineEntry[]; wake: (() => void) | undefined }>();

  constructor(
    readonly id: string,
    readonly scope: FeedScope,
    private readonly initial: After,
    private readonly handlers: SubscriptionHandlers,
    private readonly cancel: () => void,
  ) {}

  /** What to ask for after a reconnect: the last position seen, else what was first asked. */
  resumeAfter(): After {
    return this.position ?? this.initial;
  }

  /** Stops the subscription (sends unsubscribe when connected) and ends its iterators. */
  close(): void {
    this.cancel();
    this.end();
  }

  /**
   * Entries from now on, as an async iterator (buffered until read; start iterating before the
   * events you care about can arrive). Ends when the subscription or the client ends.
   */
  entries(): AsyncIterableIterator<TimelineEntry> {
    const it = { queue: [] as TimelineEntry[], wake: undefined as (() => void) | undefined };
    this.iterators.add(it);
    const self = this;
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next(): Promise<IteratorResult<TimelineEntry>> {
        for (;;) {
          const entry = it.queue.shift();
          if (entry) return { value: entry, done: false };
          if (self.ended || !self.iterators.has(it)) return { value: undefined, done: true };
          await new Promise<void>((resolve) => {
            it.wake = resolve;
          });
          it.wake = undefined;
        }
      },
      async return(): Promise<IteratorResult<TimelineEntry>> {
        self.iterators.delete(it);
        return { value: undefined, done: true };
      },
    };
  }

  gotEvents(events: TimelineEntry[]): void {
    const last = events.at(-1);
    if (last && later(this.position, last.position)) this.position = last.position;
    this.handlers.onEvents?.(events, this);
    for (const it of this.iterators) {
      it.queue.push(...events);
      it.wake?.();
    }
  }

  gotLive(position: WirePosition): void {
    this.live = true;
    if (later(this.position, position)) this.position = position;
    this.handlers.onLive?.(position, this);
  }

  /** A heartbeat: a live subscription has been sent everything up to `position`. */
  passed(position: WirePosition): void {
    if (this.live && later(this.position, position)) this.position = position;
  }

  gotError(error: Extract<ServerMessage, { type: 'error' }>): void {
    this.handlers.onError?.(error, this);
    this.end();
  }

  disconnected(): void {
    this.live = false;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    for (const it of this.iterators) it.wake?.();
  }
}
