/**
 * Keep-alive timeouts that servers and the clients this repo ships agree on (issue 10, item 5).
 *
 * A server closes a keep-alive connection that stays idle for `keepAliveTimeout`. A client that
 * sends on a pooled connection at that moment loses the request (ECONNRESET, "socket hang up"):
 * its request was written to a socket the server had just closed, and it cannot know whether
 * the server saw it. Two rules remove that loss for a well-behaved client:
 *   1. a client drops an idle pooled connection well before the server would (`clientIdleTimeoutMs`);
 *   2. for the closes no timeout can foresee (a restart, a proxy), a request that carries an
 *      Idempotency-Key is sent once more when a reused socket fails before any answer: the key
 *      makes that safe (a command the server did carry out answers as the first time).
 */
import { Agent, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';

export interface HttpTimeouts {
  /** How long a server keeps an idle keep-alive connection open (advertised as `Keep-Alive: timeout=`). */
  readonly keepAliveTimeoutMs: number;
  /** Above keepAliveTimeout: Node would otherwise be able to drop a connection that is just being reused. */
  readonly headersTimeoutMs: number;
  /** The whole request; at least headersTimeout, as Node requires. */
  readonly requestTimeoutMs: number;
  /** Clients close idle pooled connections after this: two thirds of the server's, leaving room for a slow network and a busy event loop. */
  readonly clientIdleTimeoutMs: number;
}

export function httpTimeouts(keepAliveTimeoutMs: number): HttpTimeouts {
  const headersTimeoutMs = keepAliveTimeoutMs + Math.max(1_000, Math.round(keepAliveTimeoutMs / 6));
  return {
    keepAliveTimeoutMs,
    headersTimeoutMs,
    requestTimeoutMs: Math.max(120_000, headersTimeoutMs),
    clientIdleTimeoutMs: Math.floor((keepAliveTimeoutMs * 2) / 3),
  };
}

/** Every service (agency services, hub): 30 s idle on the server, 20 s on our clients. */
export const HTTP_TIMEOUTS = httpTimeouts(30_000);

/** Sets one server's timeouts; call it on every http.Server a service listens with. */
export function applyHttpTimeouts(server: Server, timeouts: HttpTimeouts = HTTP_TIMEOUTS): Server {
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  server.headersTimeout = timeouts.headersTimeoutMs;
  server.requestTimeout = timeouts.requestTimeoutMs;
  return server;
}

/**
 * The pool a client of our services uses. `timeout` closes a pooled socket idle that long (Node's
 * agent only honours the server's `Keep-Alive: timeout` hint when it is below its own timeout, and
 * without one it keeps idle sockets for ever — what lost the bench's commands).
 */
export function keepAliveAgent(options: { maxSockets?: number; timeouts?: HttpTimeouts } = {}): Agent {
  const timeouts = options.timeouts ?? HTTP_TIMEOUTS;
  return new Agent({ keepAlive: true, timeout: timeouts.clientIdleTimeoutMs, ...(options.maxSockets ? { maxSockets: options.maxSockets } : {}) });
}

/** The failure of a request written to a pooled socket the server had closed: nothing was answered. */
export function isStaleSocketError(error: unknown, reusedSocket: boolean): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE');
}

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The request was sent again once, after a reused socket failed. */
  retried: boolean;
}

export interface SendOptions {
  method: string;
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  agent: Agent;
}

function sendOnce(url: URL, options: SendOptions): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method, agent: options.agent, headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8'), retried: false }));
    });
    req.on('error', (error) => reject(Object.assign(error, { reusedSocket: req.reusedSocket })));
    req.end(options.body);
  });
}

const carriesKey = (headers: SendOptions['headers']) => Object.keys(headers ?? {}).some((h) => h.toLowerCase() === 'idempotency-key');

/**
 * Sends a request on the pool; a request with an Idempotency-Key (or a GET) whose reused socket
 * fails before any answer is sent once more, on a fresh socket. Other failures are thrown.
 */
export async function sendHttp(url: string | URL, options: SendOptions): Promise<HttpAnswer> {
  const target = typeof url === 'string' ? new URL(url) : url;
  try {
    return await sendOnce(target, options);
  } catch (error) {
    const safe = carriesKey(options.headers) || options.method === 'GET' || options.method === 'HEAD';
    if (!safe || !isStaleSocketError(error, (error as { reusedSocket?: boolean }).reusedSocket === true)) throw error;
    return { ...(await sendOnce(target, options)), retried: true };
  }
}
