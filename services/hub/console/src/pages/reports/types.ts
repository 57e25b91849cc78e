/**
 * The JSON of the hub's reports (services/hub/src/read-models/reports): `GET /api/reports/months`,
 * `/api/reports/monthly` and `/api/reports/daily-warnings`. Written out here because the console
 * imports no server code.
 */
import type { Label } from '../../app/i18n.tsx';

export interface Breakdown {
  readonly key: string;
  readonly label: Label;
  readonly count: number;
}

export interface Ratio {
  readonly label: Label;
  /** Unrounded; null when the denominator is 0. */
  readonly ratio: number | null;
}

export interface DeadlineFigure {
  readonly key: string;
  readonly label: Label;
  readonly due: number;
  readonly metOnTime: number;
  readonly metLate: number;
  readonly notMet: number;
}

export interface MonthlyReport {
  readonly month: string;
  readonly region: string | null;
  readonly casesOpened: { readonly label: Label; readonly total: number; readonly byChannel: readonly Breakdown[]; readonly byCategory: readonly Breakdown[] };
  readonly casesClosed: { readonly label: Label; readonly total: number; readonly byResolution: readonly Breakdown[] };
  readonly settledAtNegotiationOrMediation: Ratio & { readonly settled: number; readonly closed: number };
  readonly mediationSuccess: Ratio & { readonly concluded: number; readonly successful: number; readonly failed: number; readonly byResult: readonly Breakdown[] };
  readonly lettersIssued: { readonly label: Label; readonly total: number; readonly byKind: readonly Breakdown[] };
  readonly moneyRecovered: { readonly label: Label; readonly fen: number };
  readonly deadlines: { readonly label: Label; readonly byKind: readonly DeadlineFigure[] };
}

export interface WarnedEmployer {
  readonly name: string;
  readonly uscc: string;
  readonly level: string;
  readonly levelLabel: Label;
  readonly reasons: readonly string[];
  readonly openWarnings: number;
}

export interface EmployerWithNewCases {
  readonly name: string;
  readonly uscc: string;
  readonly newCases: number;
  readonly hasOpenWarning: boolean;
}

export interface LevelCounts {
  readonly label: Label;
  readonly total: number;
  readonly byLevel: readonly Breakdown[];
}

export interface DailyWarningReport {
  readonly date: string;
  readonly region: string | null;
  readonly raised: LevelCounts;
  readonly resolved: LevelCounts;
  readonly openAtEndOfDay: LevelCounts;
  readonly employersWithOpenWarnings: { readonly label: Label; readonly employers: readonly WarnedEmployer[] };
  readonly employersWithNewCases: { readonly label: Label; readonly employers: readonly EmployerWithNewCases[] };
}

/** Every report answer says whether the read model had caught up with the store. */
export interface Answer<T> {
  readonly upToDate: boolean;
  readonly report: T;
}

export interface MonthsAnswer {
  readonly upToDate: boolean;
  readonly months: readonly string[];
}
