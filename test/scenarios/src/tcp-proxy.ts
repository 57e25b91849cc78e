/**
 * A small TCP load balancer of the tests' own (issue 17.3), standing where nginx stands in a
 * deployment: each new connection goes to the next backend in turn, and when a backend refuses
 * (it is down, or restarting) to the one after it. A connection whose backend dies is closed, as
 * nginx closes it; the client reconnects and lands on a backend that is up.
 */
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  readonly url: string;
  /** Connections accepted, and how many of them went to each backend. */
  readonly counts: { accepted: number; refused: number; byBackend: number[] };
  close(): Promise<void>;
}

function tryBackend(port: number, host: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      socket.destroy();
      reject(error);
    });
  });
}

export async function startTcpProxy(backends: readonly number[], host = '127.0.0.1'): Promise<TcpProxy> {
  const counts = { accepted: 0, refused: 0, byBackend: backends.map(() => 0) };
  const open = new Set<Socket>();
  let next = 0;
  const server: Server = createServer((client) => {
    counts.accepted++;
    open.add(client);
    client.on('error', () => client.destroy());
    client.on('close', () => open.delete(client));
    client.pause();
    void (async () => {
      // Each connection starts at the next backend in turn and tries the others from there.
      const first = next++;
      for (let tried = 0; tried < backends.length; tried++) {
        const index = (first + tried) % backends.length;
        let upstream: Socket;
        try {
          upstream = await tryBackend(backends[index]!, host);
        } catch {
          continue;
        }
        if (client.destroyed) return void upstream.destroy();
        counts.byBackend[index]!++;
        open.add(upstream);
        upstream.on('error', () => upstream.destroy());
        upstream.on('close', () => {
          open.delete(upstream);
          client.destroy();
        });
        client.on('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
        return;
      }
      counts.refused++;
      client.destroy();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
