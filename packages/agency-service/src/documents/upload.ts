/**
 * An upload streamed to a temporary file: hashed and counted as it arrives, refused (413) the
 * moment it passes the limit, so no request can grow memory or disk beyond the limit. Nothing
 * of the body is kept in memory but the chunk in flight.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { BadRequest, PayloadTooLarge } from '@hub/service-kit';
import type { Request } from 'express';
import { unsupportedType } from './errors.js';

/** The default size limit of one document: 20 MB (DOCUMENT_MAX_BYTES). */
export const DEFAULT_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

export interface Received {
  /** The temporary file; the caller moves it into the store or removes it. */
  readonly path: string;
  readonly size: number;
  /** Lowercase hex SHA-256 of the bytes. */
  readonly sha256: string;
}

export const tooLarge = (maxBytes: number) =>
  new PayloadTooLarge(`文件超过大小上限（${formatBytes(maxBytes)}）`, `The file is larger than the limit of ${formatBytes(maxBytes)}`);

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} B`;
}

/**
 * Writes the request body to a new file under `tempDir`. A Content-Length over the limit is
 * refused before a byte is read; a body without one is cut off where it passes the limit. On a
 * refusal the connection is closed after the answer, so a client cannot keep on sending.
 */
export async function receiveUpload(req: Request, tempDir: string, maxBytes: number): Promise<Received> {
  const declared = req.get('content-length');
  if (declared !== undefined && Number(declared) > maxBytes) {
    req.res?.setHeader('connection', 'close');
    throw tooLarge(maxBytes);
  }
  // A body the service's JSON (or another) parser has read already is JSON, no document; and piping
  // a stream that has ended would wait for an end that never comes.
  if (req.readableEnded) throw unsupportedType();
  await mkdir(tempDir, { recursive: true });
  const path = join(tempDir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(tooLarge(maxBytes));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(path, { flags: 'wx' });
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        // Not req.destroy(): the client must still get the answer. What it sends meanwhile is
        // read and dropped, and the connection closes after the answer (connection: close).
        req.unpipe(meter);
        req.resume();
        out.destroy();
        reject(error);
      };
      req.on('error', fail);
      req.on('aborted', () => fail(new Error('aborted')));
      meter.on('error', fail);
      out.on('error', fail);
      // After 'close', not 'finish': the file is closed before anyone renames or reads it.
      out.on('close', () => {
        if (settled) return;
        if (!out.writableFinished) {
          fail(new Error('closed early'));
          return;
        }
        settled = true;
        resolve();
      });
      req.pipe(meter).pipe(out);
    });
  } catch (error) {
    await rm(path, { force: true });
    req.res?.setHeader('connection', 'close');
    if (error instanceof PayloadTooLarge) throw error;
    throw new BadRequest('上传中断，文件未保存', 'The upload was interrupted; nothing was kept');
  }
  if (size === 0) {
    await rm(path, { force: true });
    throw new BadRequest('文件为空', 'The file is empty');
  }
  return { path, size, sha256: hash.digest('hex') };
}
