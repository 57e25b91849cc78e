import { openWriter, prepareReadModel, readCheckpoint, type Checkpoint } from './checkpoint.js';
import { ProjectionFiles } from './files.js';
import type { Projection, ReadModelDb } from './projection.js';

export interface OpenedReadModel {
  files: ProjectionFiles;
  path: string;
  db: ReadModelDb;
  /** Where to resume: null for a fresh model (new, version bumped, or unreadable). */
  from: bigint | null;
  /** Why the model starts from scratch, if it does. */
  reset: 'new' | 'version-changed' | 'unreadable' | undefined;
}

/**
 * Opens a projection's current generation, or starts a fresh one when there is none, when the
 * projection's version differs from the one that built it (its code changed, so its tables may
 * have), or when the file cannot be read. A fresh generation is a new file, so the old tables
 * need no dropping: the old file is deleted whole, with any shadow left by a crashed rebuild.
 */
export function openReadModel(root: string, projection: Projection, now: Date): OpenedReadModel {
  const files = new ProjectionFiles(root, projection.name);
  const current = files.current();
  let reset: OpenedReadModel['reset'] = current ? undefined : 'new';
  if (current) {
    let db: ReadModelDb | undefined;
    let checkpoint: Checkpoint | undefined;
    try {
      db = openWriter(current);
      checkpoint = readCheckpoint(db, projection.name);
    } catch {
      reset = 'unreadable';
    }
    if (db && checkpoint && checkpoint.version === projection.version) {
      try {
        prepareReadModel(db, projection, now); // init is idempotent: it may add what a restart needs
      } catch (error) {
        db.close();
        throw error;
      }
      files.removeAllExcept(current);
      return { files, path: current, db, from: checkpoint.position, reset: undefined };
    }
    db?.close();
    reset ??= checkpoint ? 'version-changed' : 'unreadable';
  }
  const path = files.next();
  const db = openWriter(path);
  try {
    prepareReadModel(db, projection, now);
  } catch (error) {
    db.close();
    files.remove(path);
    throw error;
  }
  files.promote(path);
  files.removeAllExcept(path);
  return { files, path, db, from: null, reset };
}
