/**
 * What the hub answers from its reports (GET /api/reports/months, /monthly, /daily-warnings), as
 * plain types: the hub's queries and routes and the web console all read them from here.
 */
import type { Label, MoneyKind, warningLevels } from '@hub/contracts';
import type { MediationResult, ReportedDeadlineKind } from './labels.js';

export type WarningLevel = (typeof warningLevels.values)[number];

export interface Breakdown<K extends string = string> {
  key: K;
  label: Label;
  count: number;
}

export interface Ratio {
  label: Label;
  /** numerator / denominator, unrounded; null when the denominator is 0. */
  ratio: number | null;
}

export interface DeadlineFigure {
  key: ReportedDeadlineKind;
  label: Label;
  /** Deadlines whose due time falls in the month. */
  due: number;
  metOnTime: number;
  metLate: number;
  /** Not met (yet): due − metOnTime − metLate. */
  notMet: number;
}

/** One money kind's sums in a month, in fen. */
export interface MoneyByKind {
  key: MoneyKind;
  label: Label;
  /** Claimed by the cases opened in the month. */
  claimedFen: number;
  /** Agreed by the mediation agreements signed in the month. */
  agreedFen: number;
  /** Awarded by the arbitration awards and judgments issued in the month. */
  awardedFen: number;
  /** Recovered by the closings of the month (the sum over kinds is moneyRecovered). */
  recoveredFen: number;
}

export interface MonthlyReport {
  month: string;
  /** The region prefix asked for; null: every region. */
  region: string | null;
  casesOpened: { label: Label; total: number; byChannel: Breakdown[]; byCategory: Breakdown[] };
  casesClosed: { label: Label; total: number; byResolution: Breakdown[] };
  /** Closings resolved settled_by_negotiation or settled_by_mediation, over all closings. */
  settledAtNegotiationOrMediation: Ratio & { settled: number; closed: number };
  /** Rule 5: mediations whose outcome became final in the month, successful over concluded. */
  mediationSuccess: Ratio & { concluded: number; successful: number; failed: number; byResult: Breakdown<MediationResult>[] };
  lettersIssued: { label: Label; total: number; byKind: Breakdown[] };
  moneyRecovered: { label: Label; fen: number };
  /** Issue 13.6: money by kind in the month, every kind (zeros included). */
  moneyByKind: { label: Label; byKind: MoneyByKind[] };
  deadlines: { label: Label; byKind: DeadlineFigure[] };
}

export interface WarnedEmployer {
  name: string;
  uscc: string;
  /** The highest level among its open warnings. */
  level: WarningLevel;
  levelLabel: Label;
  /** Reasons of all its open warnings, each once. */
  reasons: string[];
  openWarnings: number;
}

export interface EmployerWithNewCases {
  name: string;
  uscc: string;
  newCases: number;
  /** Whether it has a warning open at the end of the day, in any region. */
  hasOpenWarning: boolean;
}

export interface DailyWarningReport {
  date: string;
  region: string | null;
  raised: { label: Label; total: number; byLevel: Breakdown<WarningLevel>[] };
  resolved: { label: Label; total: number; byLevel: Breakdown<WarningLevel>[] };
  openAtEndOfDay: { label: Label; total: number; byLevel: Breakdown<WarningLevel>[] };
  employersWithOpenWarnings: { label: Label; employers: WarnedEmployer[] };
  employersWithNewCases: { label: Label; employers: EmployerWithNewCases[] };
}

/** GET /api/reports/monthly and /daily-warnings: the report, and whether the read model had caught up. */
export interface ReportAnswer<T> {
  upToDate: boolean;
  report: T;
}

/** GET /api/reports/months: months (Shanghai, YYYY-MM) with figures, newest first. */
export interface ReportMonths {
  upToDate: boolean;
  months: string[];
}
