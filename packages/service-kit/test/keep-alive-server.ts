/**
 * A server in its own process for keep-alive.int.spec.ts: the race needs two event loops, as a
 * service and its client have. KEEP_ALIVE_MS unset: Node's defaults (the original setup).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyHttpTimeouts, httpTimeouts } from '../src/keep-alive.js';

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.end('{}'));
});
const keepAliveMs = process.env['KEEP_ALIVE_MS'];
if (keepAliveMs) applyHttpTimeouts(server, httpTimeouts(Number(keepAliveMs)));
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.on('disconnect', () => process.exit(0));
