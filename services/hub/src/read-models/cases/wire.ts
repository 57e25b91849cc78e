/**
 * What the hub answers from its case directory (GET /api/cases, /api/cases/:caseId), as plain
 * types: the hub's query and routes and the web console all read them from here.
 */
import type { AgencyId, Category, Channel, Employer, Label, MoneyItem } from '@hub/contracts';

/** The stages along 商→调→裁→(诉)→执, in order. */
export type ChainStage = 'negotiation' | 'mediation' | 'arbitration' | 'litigation' | 'enforcement';

/** A case as the directory shows it. */
export interface CaseEntry {
  caseId: string;
  /** 案号, what people read (e.g. 〔2026〕浙0106工维字第12号); null for a case opened before numbering and not numbered yet. */
  caseNumber: string | null;
  /** 承办人: the display name of the person each agency assigned the case to (agencies without one absent). */
  handlers: Partial<Record<AgencyId, string>>;
  openedAt: string;
  openedBy: AgencyId;
  channel: Channel;
  /** The primary category: the first of `categories`. */
  category: Category;
  /** Every category of the case (issue 13.6). */
  categories: Category[];
  /** The first 200 characters of the summary given at opening. */
  summary: string;
  /** Each with its USCC when known. */
  employers: Employer[];
  region: string;
  workerCount: number;
  /** The total claimed: the sum of `claimedItems`. */
  amountClaimedFen: number;
  /** The claim itemized by kind. */
  claimedItems: MoneyItem[];
  /** From the last CaseClosed; null when never closed. */
  amountRecoveredFen: number | null;
  /** The money recovered at the last closing, by kind; null when never closed. */
  recoveredItems: MoneyItem[] | null;
  /** A reopened case is open. */
  status: 'open' | 'closed';
  /** The furthest stage reached along 商→调→裁→(诉)→执; null before any. */
  stage: ChainStage | null;
  supervisionUnderWay: boolean;
  agencies: AgencyId[];
  lastActivityAt: string;
  openLeads: number;
  openRectificationItems: number;
  labels: { channel: Label; category: Label; categories: Label[]; stage: Label | null };
}

/** The columns GET /api/cases sorts by (`sort`), each ascending or descending (`dir`). */
export const caseSortKeys = [
  'lastActivity',
  'openedAt',
  'caseNumber',
  'employer',
  'category',
  'channel',
  'stage',
  'status',
  'region',
  'agencies',
  'handler',
  'amountClaimed',
  'workerCount',
  'nextDue',
] as const;
export type CaseSortKey = (typeof caseSortKeys)[number];

/** GET /api/cases: one page of matching cases, the total matching, and whether the model had caught up. */
export interface CaseSearch {
  upToDate: boolean;
  total: number;
  cases: CaseEntry[];
}

/** GET /api/cases/:caseId. */
export interface CaseAnswer {
  upToDate: boolean;
  case: CaseEntry;
}
