/**
 * Reads the hub's timeline read model straight from its file, read-only, from the benchmark's
 * own process: how far the hub has projected, and each row's audience columns, which the
 * exactly-once check needs. Follows the CURRENT pointer, so a rebuild's switch is noticed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RowFacts } from './exactly-once.js';

export class TimelineFile {
  private db: Database.Database | undefined;
  private file: string | undefined;

  /** `hubDataDir`: the hub's DATA_DIR; the model lives in hub/read-models/timeline/<generation>.db. */
  constructor(private readonly hubDataDir: string) {}

  private open(): Database.Database | undefined {
    const folder = join(this.hubDataDir, 'hub', 'read-models', 'timeline');
    const pointer = join(folder, 'CURRENT');
    if (!existsSync(pointer)) return undefined;
    const file = join(folder, readFileSync(pointer, 'utf8').trim());
    if (file !== this.file) {
      this.db?.close();
      this.db = new Database(file, { readonly: true, fileMustExist: true });
      this.file = file;
    }
    return this.db;
  }

  /** The newest position projected, -1 when none. */
  head(): number {
    const db = this.open();
    if (!db) return -1;
    const row = db.prepare('SELECT max(position) AS p FROM timeline').get() as { p: number | null };
    return row.p ?? -1;
  }

  /** Rows after `after`, in position order. */
  rowsAfter(after: number): RowFacts[] {
    const db = this.open();
    if (!db) return [];
    return db
      .prepare(`SELECT position, kind, subject_id AS subjectId, visible_to AS visibleTo, addressed_to AS addressedTo
                       FROM timeline WHERE position > ? ORDER BY position`)
      .all(after) as RowFacts[];
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
    this.file = undefined;
  }
}
