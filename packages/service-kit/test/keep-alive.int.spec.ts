import { fork } from 'node:child_process';
import { once } from 'node:events';
import { Agent, createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { httpTimeouts, keepAliveAgent, sendHttp, type HttpTimeouts } from '../src/index.js';

/**
 * Issue 10, item 5: commands lost on reused keep-alive connections. A real server and a real
 * client pool on localhost; each pooled socket gets one request, then a second one sent after
 * an idle time spread around the server's keep-alive boundary.
 */

async function serve(configure: (server: Server) => void, handler: Parameters<typeof createServer>[1] = (_req, res) => res.end('{}')): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => handler(req, res));
  });
  configure(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A POST as a client sends a command; without a key (the bench driver before) nothing is ever sent twice. */
const post = (url: string, agent: Agent, key: string | null) =>
  sendHttp(`${url}/api/cases`, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    body: '{}',
  });

/** The server in its own process (two event loops, as a service and its client have); its URL. */
async function serveApart(keepAliveMs: number | null): Promise<string> {
  const child = fork(join(import.meta.dirname, 'keep-alive-server.ts'), [], {
    execArgv: ['--conditions=source', '--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    env: { ...process.env, KEEP_ALIVE_MS: keepAliveMs === null ? '' : String(keepAliveMs) },
  });
  onTestFinished(() => {
    child.kill();
  });
  const [line] = (await once(child.stdout!.setEncoding('utf8'), 'data')) as [string];
  return `http://127.0.0.1:${line.trim()}`;
}

/** Blocks this event loop, as a client busy with other answers is for a moment. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* a loaded client's event loop */
  }
}

/**
 * `SOCKETS` pooled connections get one request each; from `idleMs` − 20 ms the client is busy
 * for 1.1 s, then sends a second request on each: how many fail. The busy spell spans the moment
 * the server closes the idle connections: Node 20.20 closes them at keepAliveTimeout + 1 s
 * (measured), older ones at keepAliveTimeout.
 */
async function lostAtBoundary(url: string, agent: Agent, idleMs: number, keyed: boolean): Promise<number> {
  await Promise.all(Array.from({ length: SOCKETS }, (_, i) => post(url, agent, keyed ? `warm-${i}` : null)));
  await sleep(idleMs - 20);
  busy(1_100);
  const outcomes = await Promise.all(
    Array.from({ length: SOCKETS }, (_, i) =>
      post(url, agent, keyed ? `second-${i}` : null).then(
        () => 'ok',
        () => 'lost',
      ),
    ),
  );
  return outcomes.filter((o) => o === 'lost').length;
}

const SOCKETS = 20;

describe('keep-alive connections at the server’s idle boundary', () => {
  it('given the original setup (Node’s default 5 s server keep-alive, a client pool with no idle timeout), when the client sends at the boundary, then commands are lost', async () => {
    const url = await serveApart(null);
    const agent = new Agent({ keepAlive: true, maxSockets: SOCKETS });
    onTestFinished(() => agent.destroy());
    expect(await lostAtBoundary(url, agent, 5_000, false)).toBeGreaterThan(0);
  });

  it('given the shared timeouts on server and client, when the client sends at the server’s boundary and at its own, then none is lost, even without a retry', async () => {
    const timeouts: HttpTimeouts = httpTimeouts(1_500);
    const url = await serveApart(timeouts.keepAliveTimeoutMs);
    const agent = keepAliveAgent({ maxSockets: SOCKETS, timeouts });
    onTestFinished(() => agent.destroy());
    expect(timeouts.headersTimeoutMs).toBeGreaterThan(timeouts.keepAliveTimeoutMs);
    expect(await lostAtBoundary(url, agent, timeouts.keepAliveTimeoutMs, false)).toBe(0);
    expect(await lostAtBoundary(url, agent, timeouts.clientIdleTimeoutMs, false)).toBe(0);
  });

  it('given a server that drops a reused connection while a request is on it, when the request carries an Idempotency-Key, then it is sent once more and answered; without a key the failure is reported', async () => {
    const seen = new WeakMap<object, number>();
    // The second request on any connection finds it closed, as after a restart behind a proxy.
    const url = await serve(
      () => {},
      (req, res) => {
        const n = (seen.get(req.socket) ?? 0) + 1;
        seen.set(req.socket, n);
        if (n === 2) req.socket.destroy();
        else res.end('{"ok":true}');
      },
    );
    const agent = keepAliveAgent({ maxSockets: 1 });
    onTestFinished(() => agent.destroy());
    expect((await post(url, agent, 'k1')).retried).toBe(false);
    const again = await post(url, agent, 'k2');
    expect(again).toMatchObject({ status: 200, text: '{"ok":true}', retried: true });
    const unkeyed = sendHttp(`${url}/x`, { method: 'POST', agent, body: '{}' });
    await expect(unkeyed).rejects.toMatchObject({ code: 'ECONNRESET', reusedSocket: true });
  });
});
