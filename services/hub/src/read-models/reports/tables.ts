import { statementsPer, type ReadModelDb } from '@hub/projections';

/**
 * The reports' tables. Monthly figures are counters per (month, 6-digit region, dimension, key),
 * so a report for a province, city or district sums the rows whose region starts with it. The
 * facts behind counters that can move (cases, deadlines) and the warnings, which the daily report
 * reads as of a day, are kept row by row.
 */
export function createTables(db: ReadModelDb): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS monthly_counts (
      month     TEXT NOT NULL,
      region    TEXT NOT NULL,
      dimension TEXT NOT NULL,
      key       TEXT NOT NULL,
      value     INTEGER NOT NULL,
      PRIMARY KEY (month, region, dimension, key)
    ) WITHOUT ROWID;
    -- The cases behind a monthly chart's bar (closings by resolution, letters by kind, mediations by result), so the console can list them.
    CREATE TABLE IF NOT EXISTS monthly_cases (
      month     TEXT NOT NULL,
      dimension TEXT NOT NULL,
      key       TEXT NOT NULL,
      region    TEXT NOT NULL,
      case_id   TEXT NOT NULL,
      PRIMARY KEY (month, dimension, key, region, case_id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS report_deadlines (
      case_id TEXT NOT NULL,
      kind    TEXT NOT NULL,
      ref     TEXT NOT NULL,
      seq     INTEGER NOT NULL,
      due_at  TEXT NOT NULL,
      met_at  TEXT,
      PRIMARY KEY (case_id, kind, ref, seq)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS warnings (
      warning_id    TEXT PRIMARY KEY,
      employer_name TEXT NOT NULL,
      uscc          TEXT NOT NULL,
      level         TEXT NOT NULL,
      reasons       TEXT NOT NULL,
      region        TEXT NOT NULL,
      raised_at     TEXT NOT NULL,
      raised_date   TEXT NOT NULL,
      resolved_at   TEXT,
      resolved_date TEXT,
      position      INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS warnings_by_raised ON warnings (raised_date);
    CREATE INDEX IF NOT EXISTS warnings_by_resolved ON warnings (resolved_date);
    CREATE TABLE IF NOT EXISTS new_case_employers (
      date    TEXT NOT NULL,
      region  TEXT NOT NULL,
      case_id TEXT NOT NULL,
      uscc    TEXT NOT NULL,
      name    TEXT NOT NULL,
      PRIMARY KEY (date, case_id, uscc)
    ) WITHOUT ROWID;`);
}

export interface DeadlineRow {
  seq: number;
  due_at: string;
  met_at: string | null;
}

export const statements = statementsPer((db: ReadModelDb) => ({
  count: db.prepare<[string, string, string, string, number]>(`
    INSERT INTO monthly_counts (month, region, dimension, key, value) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT (month, region, dimension, key) DO UPDATE SET value = value + excluded.value`),
  caseBehind: db.prepare<[string, string, string, string, string]>(
    'INSERT OR IGNORE INTO monthly_cases (month, dimension, key, region, case_id) VALUES (?, ?, ?, ?, ?)',
  ),
  latestDeadline: db.prepare<[string, string, string], DeadlineRow>(
    'SELECT seq, due_at, met_at FROM report_deadlines WHERE case_id = ? AND kind = ? AND ref = ? ORDER BY seq DESC LIMIT 1',
  ),
  addDeadline: db.prepare<[string, string, string, number, string]>('INSERT INTO report_deadlines (case_id, kind, ref, seq, due_at) VALUES (?, ?, ?, ?, ?)'),
  moveDeadline: db.prepare<[string, string, string, string, number]>(
    'UPDATE report_deadlines SET due_at = ? WHERE case_id = ? AND kind = ? AND ref = ? AND seq = ?',
  ),
  meetDeadline: db.prepare<[string, string, string, string, number]>(
    'UPDATE report_deadlines SET met_at = ? WHERE case_id = ? AND kind = ? AND ref = ? AND seq = ?',
  ),
  raiseWarning: db.prepare(`
    INSERT OR IGNORE INTO warnings (warning_id, employer_name, uscc, level, reasons, region, raised_at, raised_date, position)
    VALUES (@warningId, @name, @uscc, @level, @reasons, @region, @raisedAt, @raisedDate, @position)`),
  resolveWarning: db.prepare<[string, string, string]>('UPDATE warnings SET resolved_at = ?, resolved_date = ? WHERE warning_id = ? AND resolved_at IS NULL'),
  newCaseEmployer: db.prepare<[string, string, string, string, string]>(
    'INSERT OR IGNORE INTO new_case_employers (date, region, case_id, uscc, name) VALUES (?, ?, ?, ?, ?)',
  ),
}));

export type ReportStatements = ReturnType<typeof statements>;
