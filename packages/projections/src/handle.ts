import { openReader } from './checkpoint.js';
import { RunnerNotRunning } from './errors.js';
import type { ReadModelDb } from './projection.js';

/**
 * How the read side reaches a read model. `db` always answers with the current generation's
 * read-only connection, so read `handle.db` afresh for each query rather than keeping the
 * connection: after a rebuild switches files, the old connection is closed. Queries are
 * synchronous (better-sqlite3), so a switch never lands in the middle of one; only a statement
 * iterated across an `await` could see its connection closed under it.
 */
export class ReadModelHandle {
  private connection: ReadModelDb | undefined;
  private currentPath: string | undefined;

  constructor(readonly name: string) {}

  get db(): ReadModelDb {
    if (!this.connection) throw new RunnerNotRunning(`read model "${this.name}" is not open`);
    return this.connection;
  }

  /** The file readers are on now; it changes when a rebuild or a version bump switches generations. */
  get path(): string | undefined {
    return this.currentPath;
  }

  /** Opens `path` first, then closes the old connection: there is no moment without a model to read. */
  switchTo(path: string): void {
    const next = openReader(path);
    const previous = this.connection;
    this.connection = next;
    this.currentPath = path;
    previous?.close();
  }

  close(): void {
    this.connection?.close();
    this.connection = undefined;
  }
}
