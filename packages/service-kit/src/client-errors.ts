/**
 * Requests Node's HTTP parser refuses before express sees them (headers or URL over 16 KB, bytes
 * that are not HTTP) get a problem document too, as every other refusal does. Node's default
 * answer is a bare `431`/`400` with no body, which a client reading problems cannot explain.
 */
import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE } from './problem.js';

const answers: Record<number, { slug: string; detail: string; detailEn: string }> = {
  431: { slug: 'headers-too-large', detail: '请求头或地址过长', detailEn: 'The request headers or URL are too large' },
  400: { slug: 'bad-request', detail: '请求格式不正确', detailEn: 'The request is not valid HTTP' },
};

export function answerClientErrors(server: Server): Server {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A socket already gone, or one that already had an answer, has no one left to tell.
    if (error.code === 'ECONNRESET' || !socket.writable || (socket as { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const { slug, detail, detailEn } = answers[status]!;
    const body = JSON.stringify({ type: `urn:hub:problem:${slug}`, title: STATUS_CODES[status], status, detail, detailEn });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  return server;
}
