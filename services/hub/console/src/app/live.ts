/**
 * The hub's live feed in the browser (the messages: services/hub/src/live/messages.ts; the Node
 * client the tests use is LiveClient in services/hub/src/live/client.ts). One socket
 * per signed-in tab; each subscription remembers the last position it was sent, and after a
 * dropped connection the socket comes back with backoff and resubscribes from there, so a page
 * sees every event once, catch-up first, then live.
 */
import { useEffect, useRef, useState } from 'react';
import type { ClientMessage, FeedScope, ServerMessage, TimelineEntry } from '@hub/hub-service/wire';
import { ApiError, auth } from './api.ts';
import type { Label } from './i18n.tsx';

import type { FeedStatus } from './feedStatus.ts';

export type { FeedScope, FeedStatus, TimelineEntry };

interface Subscription {
  readonly scope: FeedScope;
  after: string;
  onEvents(events: TimelineEntry[], live: boolean): void;
  onStatus(status: FeedStatus, problem?: Label): void;
  isLive: boolean;
}

/** Close codes after which reconnecting cannot help: protocol abuse, bad or expired session. */
const TERMINAL = new Set([1000, 4400, 4401]);
/** The hub sends a heartbeat every 15 s; this long without a word means the connection is dead. */
const SILENCE_MS = 40_000;

export class BrowserLiveClient {
  private ws: WebSocket | null = null;
  private ready = false;
  private closed = false;
  private attempt = 0;
  private nextId = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastHeard = Date.now();
  /** The hub says why before it closes with 4401 (expired, signed out, invalid). */
  private closingProblem: Label | null = null;
  private readonly subs = new Map<string, Subscription>();

  constructor(private readonly token: string) {
    this.open();
  }

  subscribe(scope: FeedScope, after: string, onEvents: Subscription['onEvents'], onStatus: Subscription['onStatus']): () => void {
    const id = `s${this.nextId++}`;
    const sub: Subscription = { scope, after, onEvents, onStatus, isLive: false };
    this.subs.set(id, sub);
    onStatus(this.ready ? 'catching-up' : 'connecting');
    if (this.ready) this.send({ type: 'subscribe', id, scope, after });
    return () => {
      this.subs.delete(id);
      if (this.ready) this.send({ type: 'unsubscribe', id });
    };
  }

  close(): void {
    this.closed = true;
    // Pages unsubscribing while the socket closes (a sign-out) have nothing left to tell it.
    this.ready = false;
    clearTimeout(this.timer);
    clearInterval(this.watchdog);
    this.ws?.close(1000);
  }

  private open(): void {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/live`;
    const ws = new WebSocket(url);
    this.ws = ws;
    this.lastHeard = Date.now();
    clearInterval(this.watchdog);
    // A connection can die without closing (a sleeping laptop, a NAT dropping it): when the
    // heartbeats stop, give up on this socket and resume on a new one.
    this.watchdog = setInterval(() => {
      if (Date.now() - this.lastHeard > SILENCE_MS) this.abandon(ws);
    }, 5_000);
    ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token: this.token }));
    ws.onmessage = (event) => {
      this.lastHeard = Date.now();
      this.receive(JSON.parse(String(event.data)) as ServerMessage);
    };
    ws.onclose = (event) => {
      if (ws !== this.ws) return;
      clearInterval(this.watchdog);
      this.ready = false;
      if (this.closed) return;
      if (TERMINAL.has(event.code)) {
        const problem =
          event.code === 4401
            ? (this.closingProblem ?? { zh: '会话已过期，请重新登录', en: 'Your session has expired; please sign in again' })
            : { zh: `实时连接被关闭（${event.code}）`, en: `The live feed was closed (${event.code})` };
        for (const sub of this.subs.values()) sub.onStatus('refused', problem);
        // The session is over (expired, signed out elsewhere): end it as a refused request does.
        if (event.code === 4401) auth.onUnauthorized(new ApiError({ status: 401, detail: problem.zh, detailEn: problem.en }), this.token);
        return;
      }
      for (const sub of this.subs.values()) {
        sub.isLive = false;
        sub.onStatus('offline');
      }
      const delay = Math.min(10_000, 250 * 2 ** this.attempt++) * (0.75 + Math.random() / 2);
      this.timer = setTimeout(() => this.open(), delay);
    };
  }

  /** Stops listening to a silent socket and reconnects as after a drop. */
  private abandon(ws: WebSocket): void {
    clearInterval(this.watchdog);
    ws.onclose = null;
    ws.onmessage = null;
    ws.close();
    this.ready = false;
    for (const sub of this.subs.values()) {
      sub.isLive = false;
      sub.onStatus('offline');
    }
    this.timer = setTimeout(() => this.open(), 250);
  }

  private send(message: ClientMessage): void {
    // A socket closing or closed takes nothing (the browser would log an error); a new one resubscribes on ready.
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  private receive(message: ServerMessage): void {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.attempt = 0;
        for (const [id, sub] of this.subs) {
          sub.onStatus('catching-up');
          this.send({ type: 'subscribe', id, scope: sub.scope, after: sub.after });
        }
        return;
      case 'events': {
        const sub = this.subs.get(message.sub);
        if (!sub || message.events.length === 0) return;
        sub.after = message.events[message.events.length - 1]!.position;
        sub.onEvents(message.events, sub.isLive);
        return;
      }
      case 'live': {
        const sub = this.subs.get(message.sub);
        if (!sub) return;
        // Everything up to `position` has been sent: a later resume starts there, not again
        // from `now` (which would skip what happened while disconnected).
        if ((sub.after === 'now' || sub.after === 'start') && message.position !== null) sub.after = message.position;
        sub.isLive = true;
        sub.onStatus('live');
        return;
      }
      case 'error': {
        if (message.sub === undefined && message.status === 401) this.closingProblem = { zh: message.detail, en: message.detailEn };
        const sub = message.sub === undefined ? undefined : this.subs.get(message.sub);
        sub?.onStatus('refused', { zh: message.detail, en: message.detailEn });
        return;
      }
      default:
        return;
    }
  }
}

let shared: { token: string; client: BrowserLiveClient } | null = null;

/** The tab's one client for this token (a new sign-in replaces it). */
export function browserLiveClient(token: string): BrowserLiveClient {
  if (shared?.token !== token) {
    shared?.client.close();
    shared = { token, client: new BrowserLiveClient(token) };
  }
  return shared.client;
}

export function closeBrowserLiveClient(): void {
  shared?.client.close();
  shared = null;
}

export interface LiveFeedOptions {
  /** `start` replays everything visible first (a case's whole timeline); `now` only what comes next. */
  readonly after?: 'start' | 'now';
  /** Called with each batch; `live` is false for catch-up, true for events that arrived after. */
  readonly onEvents?: (events: TimelineEntry[], live: boolean) => void;
}

/**
 * Follows a scope while the component is mounted: every entry in order, which of them arrived
 * live (to mark as new), and the feed's status for the page to show.
 */
export function useLiveFeed(token: string | null, scope: FeedScope | null, options: LiveFeedOptions = {}) {
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [status, setStatus] = useState<FeedStatus>('connecting');
  const [problem, setProblem] = useState<Label | null>(null);
  const handler = useRef(options.onEvents);
  handler.current = options.onEvents;
  const key = scope ? JSON.stringify(scope) : null;
  const after = options.after ?? 'start';

  useEffect(() => {
    if (!token || !key) return;
    setEntries([]);
    setFresh(new Set());
    setProblem(null);
    const client = browserLiveClient(token);
    return client.subscribe(
      JSON.parse(key) as FeedScope,
      after,
      (events, live) => {
        setEntries((before) => [...before, ...events]);
        if (live) setFresh((before) => new Set([...before, ...events.map((e) => e.id)]));
        handler.current?.(events, live);
      },
      (next, why) => {
        setStatus(next);
        setProblem(why ?? null);
      },
    );
    // The subscription follows token, scope and after (the handler is read through a ref).
  }, [token, key, after]);

  return { entries, fresh, status, problem };
}
