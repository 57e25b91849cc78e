export { documentRoutes, type DocumentRoutesOptions } from './routes.js';
export { DirectoryDocumentStore } from './directory-store.js';
export { PostgresDocumentStore } from './postgres-store.js';
export { documentKey, openDocumentStore, type DocumentStore } from './store.js';
export { DEFAULT_DOCUMENT_MAX_BYTES, receiveUpload } from './upload.js';
export { sniffFile } from './sniff.js';
export type { DocumentAttachedAnswer, DocumentList, DocumentView } from './wire.js';
import { DEFAULT_DOCUMENT_MAX_BYTES } from './upload.js';

/** DOCUMENT_MAX_BYTES: a positive whole number of bytes; unset, 20 MB. Anything else stops the start with the reason. */
export function documentMaxBytes(env: Readonly<Record<string, string | undefined>>): number {
  const value = env['DOCUMENT_MAX_BYTES']?.trim();
  if (!value) return DEFAULT_DOCUMENT_MAX_BYTES;
  const bytes = Number(value);
  if (!Number.isSafeInteger(bytes) || bytes <= 0) throw new Error(`DOCUMENT_MAX_BYTES must be a positive whole number of bytes, not ${JSON.stringify(value)}`);
  return bytes;
}
