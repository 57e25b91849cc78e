import { constants } from 'node:fs';
import { access, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { requireKey, type DocumentStore } from './store.js';

/**
 * Files under a directory, two levels of fan-out by hash (ab/cd/abcd…), written by rename from
 * an `incoming` directory on the same file system, after an fsync: a reader sees a whole file
 * or none. Several processes may share the directory: the same key is the same content, so
 * whichever rename lands last changes nothing.
 */
export class DirectoryDocumentStore implements DocumentStore {
  readonly engine = 'directory';
  readonly tempDir: string;

  constructor(private readonly root: string) {
    this.tempDir = join(root, 'incoming');
  }

  private pathOf(key: string): string {
    requireKey(key);
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(key: string, file: string): Promise<void> {
    const target = this.pathOf(key);
    if (await this.has(key)) {
      await rm(file, { force: true });
      return;
    }
    const handle = await open(file, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await mkdir(join(target, '..'), { recursive: true });
    await rename(file, target);
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await access(this.pathOf(key), constants.F_OK);
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {}
}
