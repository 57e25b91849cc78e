import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ReadModelHandle } from '@hub/projections';
import type { SessionVerifier } from '@hub/service-kit';
import { WebSocketServer, type WebSocket } from 'ws';
import type { HubContext } from '../context.js';
import { lastTimelinePosition, rowsAfter, TIMELINE } from '../read-models/timeline/index.js';
import { LiveConnection, type FeedCore } from './connection.js';
import { EntryCache } from './frames.js';
import { LIVE_PATH, wirePosition, type WirePosition } from './protocol.js';
import { settingsOf, type LiveFeedOptions, type LiveSettings } from './settings.js';

export interface LiveFeedStats {
  /** Open sockets, authenticated or not. */
  clients: number;
  authenticated: number;
  subscriptions: number;
  /** Timeline entries sent, counted once per client that got one. */
  eventsSent: number;
  framesSent: number;
  /** Clients closed with 4008 for reading too slowly. */
  cutOff: number;
  /** Clients terminated for not answering pings. */
  timedOut: number;
  /** The feed's `lastEmitted`: the timeline position live delivery has reached. */
  position: WirePosition;
}

/** Rows read per query when delivering what a commit added (a commit holds at most one runner batch). */
const LIVE_PAGE = 500;

/**
 * The live feed over WebSocket (path /api/live). Its source of truth is the timeline read model:
 * a catch-up reads the table, and live delivery reads the rows each commit added, right after
 * the commit (runner.onChange is synchronous), so catch-up and live are the same rows in the same
 * order and a subscription that pages up to `lastEmitted` and then goes live has no gap and no
 * duplicate. See messages.ts for the messages.
 */
export class LiveFeed {
  private readonly settings: LiveSettings;
  private readonly handle: ReadModelHandle | undefined;
  private readonly connections = new Set<LiveConnection>();
  private readonly servers = new Set<Server>();
  private readonly wss: WebSocketServer;
  private readonly core: FeedCore;
  private readonly counters = { eventsSent: 0, framesSent: 0, cutOff: 0, timedOut: 0 };
  private readonly timers: NodeJS.Timeout[];
  private readonly unsubscribe: () => void;
  private lastEmitted = -1n;
  private closed = false;

  constructor(
    readonly context: HubContext,
    readonly sessions: SessionVerifier,
    readonly options: LiveFeedOptions = {},
  ) {
    this.settings = settingsOf(options);
    this.handle = timelineHandle(context);
    if (this.handle) this.lastEmitted = lastTimelinePosition(this.handle.db);
    const cache = new EntryCache();
    const handle = this.handle;
    this.core = {
      settings: this.settings,
      sessions,
      clock: context.clock,
      logger: context.logger,
      cache,
      counters: this.counters,
      fresh: () => context.fresh([TIMELINE]),
      isRevoked: (jti, agency) => context.keys.isRevoked(jti, agency),
      pageSize: this.settings.catchUpPageSize,
      lastEmitted: () => this.lastEmitted,
      // Read afresh each time: a rebuild switches the handle to another file.
      db: () => {
        if (!handle) throw new Error('the timeline read model is not running');
        cache.useFile(handle.path);
        return handle.db;
      },
    };
    const stopTimeline = context.projections.onChange((name) => {
      if (name === TIMELINE) this.committed();
    });
    // A sign-out seen on the store closes that session's sockets at once (4401 'session revoked').
    const stopRevocations = context.keys.onRevoked(({ agency, sessionId }) => {
      for (const connection of this.connections) connection.revoked(agency, sessionId);
    });
    this.unsubscribe = () => {
      stopTimeline();
      stopRevocations();
    };
    this.wss = new WebSocketServer({ noServer: true, clientTracking: false, perMessageDeflate: false, maxPayload: this.settings.maxPayloadBytes });
    this.timers = [setInterval(() => this.heartbeat(), this.settings.heartbeatMs), setInterval(() => this.checkSessions(), this.settings.sessionCheckMs)];
    // The feed's timers must not keep a process alive that is otherwise done.
    for (const timer of this.timers) timer.unref();
  }

  /** Serves WebSocket upgrades to /api/live on `server`; other upgrade paths are refused. */
  attach(server: Server): void {
    if (this.servers.has(server)) return;
    this.servers.add(server);
    server.on('upgrade', this.upgrade);
  }

  stats(): LiveFeedStats {
    let authenticated = 0;
    let subscriptions = 0;
    for (const connection of this.connections) {
      if (connection.authenticated) authenticated += 1;
      subscriptions += connection.subscriptionCount;
    }
    return { clients: this.connections.size, authenticated, subscriptions, ...this.counters, position: wirePosition(this.lastEmitted) };
  }

  /** Closes every client with 1001 (cut after closeGraceMs if it does not answer) and stops serving. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    for (const timer of this.timers) clearInterval(timer);
    for (const server of this.servers) server.off('upgrade', this.upgrade);
    const open = [...this.connections];
    const all = Promise.all(open.map((c) => c.closed));
    for (const connection of open) connection.shutdown();
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([
      all,
      new Promise<void>((resolve) => {
        grace = setTimeout(resolve, this.settings.closeGraceMs);
      }),
    ]);
    clearTimeout(grace);
    for (const connection of this.connections) connection.ws.terminate();
    await all;
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private readonly upgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://hub').pathname;
    } catch {
      path = '';
    }
    if (path !== LIVE_PATH) return refuse(socket, 404, 'Not Found');
    if (this.closed || !this.handle) return refuse(socket, 503, 'Service Unavailable');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.connected(ws));
  };

  private connected(ws: WebSocket): void {
    if (this.closed) {
      ws.close(1001, 'server shutting down');
      return;
    }
    const connection = new LiveConnection(ws, this.core);
    this.connections.add(connection);
    void connection.closed.then(() => this.connections.delete(connection));
  }

  /**
   * Runs synchronously right after each commit of the timeline: sends the rows it added to every
   * live subscription and moves `lastEmitted` past them. Nothing else moves `lastEmitted`, so a
   * catch-up reading up to it and then going live (also synchronously) can miss nothing.
   */
  private committed(): void {
    if (this.closed || !this.handle) return;
    try {
      const db = this.core.db();
      let anyLive = false;
      for (const connection of this.connections) if (connection.hasLive) anyLive = true;
      if (!anyLive) {
        // Nobody to deliver to: just note how far the model got (never backwards).
        const last = lastTimelinePosition(db);
        if (last > this.lastEmitted) this.lastEmitted = last;
        return;
      }
      for (;;) {
        const rows = rowsAfter(db, this.lastEmitted, LIVE_PAGE);
        const last = rows.at(-1);
        if (!last) break;
        for (const connection of this.connections) connection.deliver(rows);
        this.lastEmitted = last.position;
        if (rows.length < LIVE_PAGE) break;
      }
    } catch (error) {
      this.context.logger.error({ err: error }, 'live feed: could not deliver the latest timeline rows');
    }
  }

  private heartbeat(): void {
    for (const connection of this.connections) connection.tick();
  }

  private checkSessions(): void {
    const now = this.context.clock().getTime();
    for (const connection of this.connections) connection.checkSession(now);
  }
}

/** The timeline's read side, or undefined when this hub runs without it (tests that pick their read models). */
function timelineHandle(context: HubContext): ReadModelHandle | undefined {
  try {
    return context.projections.readModel(TIMELINE);
  } catch {
    return undefined;
  }
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n`);
}
