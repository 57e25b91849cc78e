import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirectoryDocumentStore, documentKey, PostgresDocumentStore, type DocumentStore } from '../src/documents/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'document-store-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The same spec for every engine: two instances over one backend stand for two service instances. */
function documentStoreContract(engine: string, open: () => DocumentStore) {
  describe(`document store contract: ${engine}`, () => {
    const stores: DocumentStore[] = [];
    const fresh = () => {
      const store = open();
      stores.push(store);
      return store;
    };
    afterAll(async () => {
      for (const store of stores) await store.close();
    });
    const upload = (store: DocumentStore, bytes: Buffer): string => {
      mkdirSync(store.tempDir, { recursive: true });
      const path = join(store.tempDir, `${randomBytes(8).toString('hex')}.part`);
      writeFileSync(path, bytes);
      return path;
    };
    const keyOf = (bytes: Buffer) => documentKey(createHash('sha256').update(bytes).digest('hex'));

    it('given a file put under its hash, when read, then the same bytes come back and the temporary file is gone', async () => {
      const store = fresh();
      const bytes = randomBytes(70_000);
      const temp = upload(store, bytes);
      await store.put(keyOf(bytes), temp);
      expect(existsSync(temp)).toBe(false);
      expect(await store.has(keyOf(bytes))).toBe(true);
      expect((await store.get(keyOf(bytes)))?.equals(bytes)).toBe(true);
    });

    it('given a key kept already, when put again (a retry, a second upload), then nothing changes and the temporary file is removed', async () => {
      const store = fresh();
      const bytes = randomBytes(1000);
      await store.put(keyOf(bytes), upload(store, bytes));
      const again = upload(store, bytes);
      await store.put(keyOf(bytes), again);
      expect(existsSync(again)).toBe(false);
      expect((await store.get(keyOf(bytes)))?.equals(bytes)).toBe(true);
    });

    it('given two instances on one backend, when one puts (both at once, too), then the other reads it', async () => {
      const [a, b] = [fresh(), fresh()];
      const bytes = randomBytes(5000);
      await Promise.all([a.put(keyOf(bytes), upload(a, bytes)), b.put(keyOf(bytes), upload(b, bytes))]);
      expect((await b.get(keyOf(bytes)))?.equals(bytes)).toBe(true);
      expect((await a.get(keyOf(bytes)))?.equals(bytes)).toBe(true);
    });

    it('given an encrypted file, then its key names the worker besides the hash', async () => {
      const store = fresh();
      const sealed = randomBytes(300);
      // A plaintext of this run's own: the PostgreSQL table outlives a run, and a key it holds already keeps its first bytes.
      const sha = createHash('sha256').update(randomBytes(32)).digest('hex');
      const worker = '0b8f6a8e-2d3c-4f6b-9a1e-5c7d8e9f0a1b';
      await store.put(documentKey(sha, worker), upload(store, sealed));
      expect(await store.has(documentKey(sha))).toBe(false);
      expect((await store.get(documentKey(sha, worker)))?.equals(sealed)).toBe(true);
    });

    it('given an unknown key, then nothing; given no key at all, then a refusal', async () => {
      const store = fresh();
      expect(await store.get(keyOf(randomBytes(10)))).toBeNull();
      expect(await store.has(keyOf(randomBytes(10)))).toBe(false);
      await expect(store.get('../../etc/passwd')).rejects.toThrow(/not a document key/);
    });
  });
}

const root = join(scratch, 'documents');
documentStoreContract('directory', () => new DirectoryDocumentStore(root));

const url = process.env['DOCUMENT_STORE_TEST_URL'] ?? process.env['DATABASE_URL'];
describe.runIf(url)('postgres', () => {
  documentStoreContract('postgres', () => new PostgresDocumentStore(url!, join(scratch, 'pg-incoming')));
});
