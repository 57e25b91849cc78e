/**
 * Where documents' bytes are kept: outside the event store, addressed by content. The key of a
 * plain file is its SHA-256; of a file encrypted under a worker's vault key, that hash and the
 * worker's id (the same bytes under another worker are other bytes). A key holds one content
 * for good: putting it again is a no-op, so an upload sent twice stores once.
 *
 * One store per deployment, shared by every agency service of it (as the event store is): a
 * directory under DATA_DIR on the embedded default, a PostgreSQL database (DOCUMENT_STORE_URL)
 * in a server deployment, where several instances of a service share it.
 */
import { join } from 'node:path';
import { DirectoryDocumentStore } from './directory-store.js';
import { PostgresDocumentStore } from './postgres-store.js';

export interface DocumentStore {
  readonly engine: 'directory' | 'postgres';
  /** Keeps the bytes of `file` (a temporary file the store takes over: moved or removed) under `key`, unless kept already. */
  put(key: string, file: string): Promise<void>;
  /** The bytes kept under `key`, or null. */
  get(key: string): Promise<Buffer | null>;
  has(key: string): Promise<boolean>;
  /** Where uploads are written while they arrive: on the directory store's file system, so a put is a rename. */
  readonly tempDir: string;
  close(): Promise<void>;
}

const KEY = /^[0-9a-f]{64}(\.[0-9a-f-]{36})?$/;

export function requireKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`not a document key: ${key}`);
  return key;
}

/** The key of a document's bytes: its plaintext hash, and the worker whose key encrypts it. */
export function documentKey(sha256: string, workerId?: string): string {
  return requireKey(workerId === undefined ? sha256 : `${sha256}.${workerId}`);
}

/** DOCUMENT_STORE_URL (postgres://…) when set, else DATA_DIR/documents. */
export function openDocumentStore(options: { dataDir: string; url?: string | undefined }): DocumentStore {
  const url = options.url?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DOCUMENT_STORE_URL must be a postgres:// URL');
    return new PostgresDocumentStore(url, join(options.dataDir, 'documents-incoming'));
  }
  return new DirectoryDocumentStore(join(options.dataDir, 'documents'));
}
