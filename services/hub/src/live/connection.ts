/**
 * One WebSocket client of the live feed: its session and the messages it sends. Its
 * subscriptions live in socket-subscriptions.ts, its send queue and back-pressure rule in outbox.ts; the
 * feed (feed.ts) owns the socket list, the timers and live delivery.
 */
import type { AgencyId } from '@hub/contracts';
import { Unauthorized, type Logger, type SessionVerifier } from '@hub/service-kit';
import { WebSocket, type RawData } from 'ws';
import type { TimelineRow } from '../read-models/timeline/index.js';
import { mayOpenCase } from '../read-models/timeline/index.js';
import { Outbox } from './outbox.js';
import { clientMessageSchema, CloseCode, describeIssues, problems, wirePosition, type ClientMessage, type Problem, type ServerMessage } from './protocol.js';
import type { LiveSettings } from './settings.js';
import { SocketSubscriptions, type FeedSource } from './socket-subscriptions.js';

/** What a connection needs from its feed. */
export interface FeedCore extends FeedSource {
  readonly settings: LiveSettings;
  readonly sessions: SessionVerifier;
  /** Was this session signed out at its agency (SessionRevoked seen on the store)? */
  readonly isRevoked: (jti: string, agency: AgencyId) => boolean;
  readonly clock: () => Date;
  /** Resolves once the timeline has applied the store's head as it is now (or gave up waiting). */
  readonly fresh: () => Promise<unknown>;
  readonly logger: Logger;
  readonly counters: { eventsSent: number; framesSent: number; cutOff: number; timedOut: number };
}

/** Messages a client may send before its token is checked (it need not wait for `ready`). */
const MAX_QUEUED = 32;

export class LiveConnection {
  private phase: 'auth' | 'verifying' | 'ready' | 'closing' = 'auth';
  private subs: SocketSubscriptions | undefined;
  private expiresAt = Number.POSITIVE_INFINITY;
  /** The session this socket serves, once ready (a session token has one; the feed takes no API keys). */
  private session: { agency: AgencyId; id: string } | undefined;
  private queued: string[] = [];
  /** Case subscriptions waiting for the timeline to catch up before their case is looked up again. */
  private readonly pending = new Set<string>();
  private strikes = 0;
  private missedPings = 0;
  private readonly outbox: Outbox;
  private readonly timers = new Set<NodeJS.Timeout>();
  readonly closed: Promise<void>;

  constructor(
    readonly ws: WebSocket,
    private readonly feed: FeedCore,
  ) {
    this.outbox = new Outbox(ws, feed.settings, feed.counters, (queued) => {
      feed.counters.cutOff += 1;
      feed.logger.warn({ queued }, 'live feed: client too slow, cut off');
      this.end(CloseCode.tooSlow, `too slow: ${queued} bytes queued`);
    });
    this.later(feed.settings.authTimeoutMs, () => this.end(CloseCode.unauthorized, 'authentication required', problems.authRequired()));
    ws.on('message', (data, isBinary) => this.received(data, isBinary));
    ws.on('pong', () => {
      this.missedPings = 0;
    });
    // ws reports protocol faults (oversized frame, bad UTF-8) here and closes the socket itself.
    ws.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      ws.once('close', () => {
        this.stop();
        resolve();
      }),
    );
  }

  get authenticated(): boolean {
    return this.phase === 'ready';
  }

  get subscriptionCount(): number {
    return (this.subs?.size ?? 0) + this.pending.size;
  }

  get hasLive(): boolean {
    return this.subs?.hasLive ?? false;
  }

  /** Sends the rows one commit added to the live subscriptions they belong to. */
  deliver(rows: readonly TimelineRow[]): void {
    if (this.phase === 'ready') this.subs?.deliver(rows);
  }

  /** Called every heartbeat: ping, terminate a peer silent for two intervals, tell the position. */
  tick(): void {
    if (this.missedPings >= 2) {
      this.feed.counters.timedOut += 1;
      this.ws.terminate();
      return;
    }
    this.missedPings += 1;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.ping();
    if (this.phase === 'ready') {
      this.send({ type: 'heartbeat', position: wirePosition(this.feed.lastEmitted()), at: this.feed.clock().toISOString() });
    }
  }

  /**
   * Closes at expiry: checked on the feed's sweep, and to the millisecond when expiry falls before
   * the next sweep. The sweep also closes a session signed out meanwhile (the feed closes it at
   * once when it sees the revocation; this catches one that arrived while the token was checked).
   */
  checkSession(nowMs: number): void {
    if (this.phase !== 'ready') return;
    if (this.session && this.feed.isRevoked(this.session.id, this.session.agency)) return this.closeRevoked();
    const left = this.expiresAt - nowMs;
    if (left <= 0) this.end(CloseCode.unauthorized, 'session expired', problems.sessionExpired());
    else if (left < this.feed.settings.sessionCheckMs) this.later(left, () => this.checkSession(this.feed.clock().getTime()));
  }

  /** A session was signed out at its agency: closes this socket (4401) if it is that session. */
  revoked(agency: AgencyId, sessionId: string): void {
    if (this.phase === 'ready' && this.session?.agency === agency && this.session.id === sessionId) this.closeRevoked();
  }

  private closeRevoked(): void {
    this.end(CloseCode.unauthorized, 'session revoked', problems.sessionRevoked());
  }

  shutdown(): void {
    this.end(CloseCode.goingAway, 'server shutting down');
  }

  /**
   * Everything a client sends enters here. A throw from anything below (a schema, a query, a
   * bug) ends this socket with 1011 and is logged; it must never reach the ws emitter, where it
   * would stop the process and every other client with it.
   */
  private received(data: RawData, isBinary: boolean): void {
    try {
      this.receive(data, isBinary);
    } catch (error) {
      this.failed(error, 'a client message could not be handled');
    }
  }

  private failed(error: unknown, what: string): void {
    this.feed.logger.error({ err: error }, `live feed: ${what}`);
    this.end(CloseCode.internalError, 'internal error', problems.internal());
  }

  private receive(data: RawData, isBinary: boolean): void {
    if (this.phase === 'closing') return;
    if (isBinary) return this.end(CloseCode.protocol, 'binary frames are not accepted', problems.malformed('binary frame'));
    const text = (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer)).toString('utf8');
    if (this.phase === 'verifying') {
      if (this.queued.length >= MAX_QUEUED) return this.end(CloseCode.protocol, 'too many messages before ready');
      this.queued.push(text);
      return;
    }
    this.handle(text);
  }

  private handle(text: string): void {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.malformed(problems.malformed('not JSON'));
    }
    const parsed = clientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const id = (json as { id?: unknown } | null)?.id;
      return this.malformed(problems.malformed(describeIssues(parsed.error)), typeof id === 'string' ? id.slice(0, 64) : undefined);
    }
    const message = parsed.data;
    if (this.phase === 'auth') {
      if (message.type !== 'auth') return this.end(CloseCode.unauthorized, 'authentication required', problems.authRequired());
      return this.authenticate(message.token);
    }
    if (message.type === 'auth') return this.malformed(problems.alreadyAuthenticated());
    if (message.type === 'subscribe') return this.subscribe(message);
    if (!this.pending.delete(message.id) && !this.subs?.remove(message.id)) return this.answer(problems.unknownSub(), message.id);
    this.send({ type: 'unsubscribed', sub: message.id });
  }

  private authenticate(token: string): void {
    this.phase = 'verifying';
    this.feed.sessions
      .verify(token)
      .then(
        (actor) => {
          if (this.phase !== 'verifying') return;
          const expiresAt = actor.sessionExpiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
          // The verifier tolerates some clock skew; the feed holds a session to its stated end.
          if (expiresAt <= this.feed.clock().getTime()) return this.end(CloseCode.unauthorized, 'session expired', problems.sessionExpired());
          // Signed out while the token was being checked.
          if (actor.sessionId && this.feed.isRevoked(actor.sessionId, actor.agency)) return this.closeRevoked();
          this.stopTimers();
          const viewer = { agency: actor.agency, roles: actor.roles, userId: actor.userId };
          this.subs = new SocketSubscriptions(viewer, this.feed, this.outbox, (error) => this.failed(error, 'catch-up failed'));
          this.expiresAt = expiresAt;
          if (actor.sessionId) this.session = { agency: actor.agency, id: actor.sessionId };
          this.phase = 'ready';
          this.send({
            type: 'ready',
            viewer,
            position: wirePosition(this.feed.lastEmitted()),
            sessionExpiresAt: actor.sessionExpiresAt?.toISOString() ?? null,
          });
          this.checkSession(this.feed.clock().getTime());
          const queued = this.queued;
          this.queued = [];
          for (const text of queued) if (this.phase === 'ready') this.handle(text);
        },
        (error: unknown) => {
          if (this.phase !== 'verifying') return;
          const slug = error instanceof Unauthorized ? error.slug : undefined;
          if (slug === 'session-revoked') return this.closeRevoked();
          const expired = slug === 'session-expired';
          this.end(CloseCode.unauthorized, expired ? 'session expired' : 'session invalid', expired ? problems.sessionExpired() : problems.sessionInvalid());
        },
      )
      .catch((error: unknown) => this.failed(error, 'a session could not be set up'));
  }

  private subscribe(message: Extract<ClientMessage, { type: 'subscribe' }>): void {
    const { id, scope, after } = message;
    const subs = this.subs!;
    const max = this.feed.settings.maxSubscriptions;
    if (subs.has(id) || this.pending.has(id)) return this.answer(problems.duplicateSub(), id);
    if (subs.size + this.pending.size >= max) return this.answer(problems.tooManySubs(max), id);
    const from = after === 'start' ? -1n : after === 'now' ? 'now' : BigInt(after);
    if (scope.kind !== 'case' || mayOpenCase(this.feed.db(), subs.viewer, scope.caseId)) return subs.add(id, scope, from);
    // Not in the timeline (yet): a case opened a moment ago may still be on its way from the
    // store. Look once more when the timeline has caught up; then 404, the same answer for "no
    // such case" and "not yours".
    this.pending.add(id);
    this.feed
      .fresh()
      .then(() => {
        if (!this.pending.delete(id) || this.phase !== 'ready') return;
        if (!mayOpenCase(this.feed.db(), subs.viewer, scope.caseId)) return this.answer(problems.caseNotFound(), id);
        subs.add(id, scope, from);
      })
      .catch((error: unknown) => this.failed(error, 'a case subscription could not be checked'));
  }

  /** A malformed message: answered with a 400; too many of them close the socket (4400). */
  private malformed(problem: Problem, sub?: string): void {
    this.strikes += 1;
    if (this.strikes > this.feed.settings.maxStrikes) return this.end(CloseCode.protocol, 'too many malformed messages', problem);
    this.answer(problem, sub);
  }

  private answer(problem: Problem, sub?: string): void {
    this.send({ type: 'error', ...(sub !== undefined ? { sub } : {}), ...problem });
  }

  private send(message: ServerMessage): void {
    this.outbox.send(JSON.stringify(message));
  }

  /** Tells why (when there is a problem to tell), then closes; nothing more is sent after. */
  private end(code: number, reason: string, problem?: Problem): void {
    if (this.isClosing()) return;
    if (problem) this.answer(problem);
    // Telling the problem may itself have cut off a client too slow to read it.
    if (this.isClosing()) return;
    this.stop();
    this.ws.close(code, reason);
  }

  private isClosing(): boolean {
    return this.phase === 'closing';
  }

  private stop(): void {
    this.phase = 'closing';
    this.outbox.close();
    this.subs?.clear();
    this.pending.clear();
    this.queued = [];
    this.stopTimers();
  }

  private later(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
