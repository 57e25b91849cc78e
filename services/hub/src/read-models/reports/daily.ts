import { warningLevels } from '@hub/contracts';
import { statementsPer, type ReadModelDb } from '@hub/projections';
import { figureLabels } from './labels.js';
import type { Breakdown, DailyWarningReport, WarnedEmployer, WarningLevel as Level } from './wire.js';

interface WarningRow {
  employer_name: string;
  uscc: string;
  level: Level;
  reasons: string;
}

// Open at the end of day D: raised on or before D, not resolved by the end of D.
const OPEN = 'raised_date <= @date AND (resolved_date IS NULL OR resolved_date > @date)';
const IN_REGION = 'substr(region, 1, @len) = @prefix';

const statements = statementsPer((db: ReadModelDb) => ({
  raised: db.prepare<{ date: string; len: number; prefix: string }, { level: Level; n: number }>(
    `SELECT level, count(*) AS n FROM warnings WHERE raised_date = @date AND ${IN_REGION} GROUP BY level`,
  ),
  resolved: db.prepare<{ date: string; len: number; prefix: string }, { level: Level; n: number }>(
    `SELECT level, count(*) AS n FROM warnings WHERE resolved_date = @date AND ${IN_REGION} GROUP BY level`,
  ),
  open: db.prepare<{ date: string; len: number; prefix: string }, WarningRow>(
    `SELECT employer_name, uscc, level, reasons FROM warnings WHERE ${OPEN} AND ${IN_REGION} ORDER BY position`,
  ),
  openAnywhere: db.prepare<{ date: string }, string>(`SELECT DISTINCT uscc FROM warnings WHERE ${OPEN}`).pluck(),
  newCases: db.prepare<{ date: string; len: number; prefix: string }, { uscc: string; name: string; n: number }>(`
    SELECT uscc, min(name) AS name, count(DISTINCT case_id) AS n FROM new_case_employers
    WHERE date = @date AND ${IN_REGION} GROUP BY uscc ORDER BY n DESC, uscc`),
}));

const rank = (level: Level): number => warningLevels.values.indexOf(level);

function byLevel(rows: readonly { level: Level; n: number }[]): Breakdown<Level>[] {
  return warningLevels.values.map((key) => ({ key, label: warningLevels.labels[key], count: rows.find((r) => r.level === key)?.n ?? 0 }));
}

const sum = (rows: readonly Breakdown[]): number => rows.reduce((n, r) => n + r.count, 0);

/** Employers by their open warnings, highest level first. */
function warnedEmployers(rows: readonly WarningRow[]): WarnedEmployer[] {
  const byUscc = new Map<string, WarnedEmployer>();
  for (const row of rows) {
    const reasons = JSON.parse(row.reasons) as string[];
    const seen = byUscc.get(row.uscc);
    if (!seen) {
      byUscc.set(row.uscc, {
        name: row.employer_name,
        uscc: row.uscc,
        level: row.level,
        levelLabel: warningLevels.labels[row.level],
        reasons: [...new Set(reasons)],
        openWarnings: 1,
      });
      continue;
    }
    const level = rank(row.level) > rank(seen.level) ? row.level : seen.level;
    byUscc.set(row.uscc, {
      ...seen,
      level,
      levelLabel: warningLevels.labels[level],
      reasons: [...new Set([...seen.reasons, ...reasons])],
      openWarnings: seen.openWarnings + 1,
    });
  }
  return [...byUscc.values()].sort((a, b) => rank(b.level) - rank(a.level) || a.uscc.localeCompare(b.uscc));
}

export function dailyWarningReport(db: ReadModelDb, date: string, region: string | undefined): DailyWarningReport {
  const s = statements(db);
  const prefix = region ?? '';
  const args = { date, len: prefix.length, prefix };
  const raised = byLevel(s.raised.all(args));
  const resolved = byLevel(s.resolved.all(args));
  const openRows = s.open.all(args);
  const open = byLevel(warningLevels.values.map((level) => ({ level, n: openRows.filter((r) => r.level === level).length })));
  const warnedAnywhere = new Set(s.openAnywhere.all({ date }));
  return {
    date,
    region: region ?? null,
    raised: { label: figureLabels.warningsRaised, total: sum(raised), byLevel: raised },
    resolved: { label: figureLabels.warningsResolved, total: sum(resolved), byLevel: resolved },
    openAtEndOfDay: { label: figureLabels.warningsOpen, total: sum(open), byLevel: open },
    employersWithOpenWarnings: { label: figureLabels.warnedEmployers, employers: warnedEmployers(openRows) },
    employersWithNewCases: {
      label: figureLabels.employersWithNewCases,
      employers: s.newCases.all(args).map((r) => ({ name: r.name, uscc: r.uscc, newCases: r.n, hasOpenWarning: warnedAnywhere.has(r.uscc) })),
    },
  };
}
