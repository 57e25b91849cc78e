/**
 * A Node client of the hub's live feed (tests, the load benchmark, scripts). It keeps, per
 * subscription, the last position it saw, and after a dropped connection reconnects with backoff
 * and resubscribes from there, so its subscriber sees each event once. It passes on exactly what
 * the server sends (no client-side dedup), so tests of the server's guarantee stay honest.
 */
import { WebSocket, type ClientOptions, type RawData } from 'ws';
import { CloseCode, LIVE_PATH, type After, type FeedScope, type ReadyMessage, type ServerMessage, type TimelineEntry, type WirePosition } from './protocol.js';
import { LiveSubscription, type SubscriptionHandlers } from './client-subscription.js';

export { LiveSubscription, type SubscriptionHandlers } from './client-subscription.js';

export interface LiveClientOptions {
  /** Reconnect after an unexpected close and resume every subscription. Default true. */
  reconnect?: boolean;
  /** Backoff between attempts: doubles from initialMs up to maxMs, with jitter. Default 200 ms … 10 s. */
  backoff?: { initialMs?: number; maxMs?: number };
  /** Each socket close, whether the client will try again. */
  onClose?: (info: { code: number; reason: string; reconnecting: boolean }) => void;
  /** Errors the server sent about no subscription in particular. */
  onProblem?: (problem: Extract<ServerMessage, { type: 'error' }>) => void;
  ws?: ClientOptions;
}

/** The first connection closed before the server said `ready` (bad token: 4401). */
export class LiveConnectError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`live feed closed before ready: ${code} ${reason}`);
  }
}

const TERMINAL = new Set<number>([1000, CloseCode.protocol, CloseCode.unauthorized]);

export class LiveClient {
  /** From the latest `ready`. */
  viewer: ReadyMessage['viewer'] | undefined;
  /** The feed's position as last told (ready, heartbeat). */
  position: WirePosition = null;
  /** Sockets that reached `ready`; more than 1 means the client reconnected. */
  connections = 0;
  private ws: WebSocket | undefined;
  private ready = false;
  private closing = false;
  private attempt = 0;
  private nextId = 1;
  private retry: NodeJS.Timeout | undefined;
  private readonly subs = new Map<string, LiveSubscription>();
  private firstReady: { resolve: () => void; reject: (error: Error) => void } | undefined;

  private constructor(
    private readonly url: string,
    private readonly token: () => string | Promise<string>,
    private readonly options: LiveClientOptions,
  ) {}

  /** Connects (http(s):// base URLs get ws(s):// and /api/live) and resolves once authenticated. */
  static async connect(url: string, token: string | (() => string | Promise<string>), options: LiveClientOptions = {}): Promise<LiveClient> {
    const client = new LiveClient(liveUrl(url), typeof token === 'string' ? () => token : token, options);
    await new Promise<void>((resolve, reject) => {
      client.firstReady = { resolve, reject };
      client.open();
    });
    return client;
  }

  /** Subscribes now if connected, else on the next `ready`; resumes from its own position after reconnects. */
  subscribe(scope: FeedScope, after: After = 'now', handlers: SubscriptionHandlers = {}): LiveSubscription {
    const id = `s${this.nextId++}`;
    // 'now' on a later reconnect must not skip what came meanwhile: resume from the feed position known now.
    const resume: After = after === 'now' && this.ready ? (this.position ?? 'start') : after;
    const sub = new LiveSubscription(id, scope, resume, handlers, () => this.unsubscribe(id));
    this.subs.set(id, sub);
    if (this.ready) this.sendSubscribe(sub, after);
    return sub;
  }

  /** Stops reading the socket (a stalled reader, for tests and benchmarks); `resume` reads again. */
  pause(): void {
    this.ws?.pause();
  }

  resume(): void {
    this.ws?.resume();
  }

  /** Drops the connection as a network fault would; the client reconnects if it is set to. */
  dropConnection(): void {
    this.ws?.terminate();
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.retry);
    for (const sub of this.subs.values()) sub.end();
    this.subs.clear();
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once('close', () => resolve());
      ws.close(1000, 'client closing');
    });
  }

  private unsubscribe(id: string): void {
    if (this.subs.delete(id) && this.ready) this.send({ type: 'unsubscribe', id });
  }

  private open(): void {
    const ws = new WebSocket(this.url, this.options.ws);
    this.ws = ws;
    this.ready = false;
    ws.on('open', () => {
      void Promise.resolve(this.token()).then(
        (token) => this.send({ type: 'auth', token }),
        () => ws.close(1000, 'no token'),
      );
    });
    ws.on('message', (data: RawData) => this.received(data));
    ws.on('error', () => undefined); // 'close' follows and decides what to do
    ws.on('close', (code, reason) => this.closed(code, reason.toString()));
  }

  private received(data: RawData): void {
    const message = JSON.parse(String(data)) as ServerMessage;
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.attempt = 0;
        this.connections += 1;
        this.viewer = message.viewer;
        this.position = message.position;
        for (const sub of this.subs.values()) this.sendSubscribe(sub, sub.resumeAfter());
        this.firstReady?.resolve();
        this.firstReady = undefined;
        break;
      case 'events':
        this.subs.get(message.sub)?.gotEvents(message.events);
        break;
      case 'live':
        this.subs.get(message.sub)?.gotLive(message.position);
        break;
      case 'heartbeat':
        this.position = message.position;
        // Every live subscription has been sent everything up to here: resume from here, not earlier.
        for (const sub of this.subs.values()) sub.passed(message.position);
        break;
      case 'error':
        if (message.sub !== undefined && this.subs.has(message.sub)) {
          const sub = this.subs.get(message.sub)!;
          this.subs.delete(message.sub);
          sub.gotError(message);
        } else this.options.onProblem?.(message);
        break;
      case 'unsubscribed':
        break;
    }
  }

  private closed(code: number, reason: string): void {
    this.ready = false;
    const reconnecting = !this.closing && (this.options.reconnect ?? true) && !TERMINAL.has(code) && this.firstReady === undefined;
    this.options.onClose?.({ code, reason, reconnecting });
    if (this.firstReady) {
      this.firstReady.reject(new LiveConnectError(code, reason));
      this.firstReady = undefined;
    }
    for (const sub of this.subs.values()) sub.disconnected();
    if (!reconnecting) {
      for (const sub of this.subs.values()) sub.end();
      return;
    }
    const { initialMs = 200, maxMs = 10_000 } = this.options.backoff ?? {};
    const delay = Math.min(maxMs, initialMs * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt += 1;
    this.retry = setTimeout(() => this.open(), delay);
  }

  private sendSubscribe(sub: LiveSubscription, after: After): void {
    this.send({ type: 'subscribe', id: sub.id, scope: sub.scope, after });
  }

  private send(message: object): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }
}

function liveUrl(url: string): string {
  const u = new URL(url);
  if (u.protocol === 'http:') u.protocol = 'ws:';
  if (u.protocol === 'https:') u.protocol = 'wss:';
  if (u.pathname === '/' || u.pathname === '') u.pathname = LIVE_PATH;
  return u.toString();
}

export type { After, FeedScope, ReadyMessage, TimelineEntry, WirePosition };
