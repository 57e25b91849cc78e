import { categories, channels, letterKinds, moneyKinds, resolutions, type Vocabulary } from '@hub/contracts';
import { statementsPer, type ReadModelDb } from '@hub/projections';
import { DIM, figureLabels, mediationResultLabels, MONEY_KEY, reportedDeadlineKinds, reportedDeadlineLabels } from './labels.js';
import type { Breakdown, MonthlyReport } from './wire.js';

type Sums = Map<string, number>;

const statements = statementsPer((db: ReadModelDb) => ({
  sums: db.prepare<[string, number, string], { dimension: string; key: string; value: number }>(`
    SELECT dimension, key, sum(value) AS value FROM monthly_counts
    WHERE month = ? AND substr(region, 1, ?) = ? GROUP BY dimension, key`),
  months: db.prepare<[], string>('SELECT DISTINCT month FROM monthly_counts WHERE value <> 0 ORDER BY month DESC').pluck(),
}));

const get = (sums: Sums, dimension: string, key: string): number => sums.get(`${dimension}\u0000${key}`) ?? 0;

/** Every code of the vocabulary, zeros included, so the UI shows a stable table. */
function breakdown<K extends string>(sums: Sums, dimension: string, vocabulary: Vocabulary<K>): Breakdown<K>[] {
  return vocabulary.values.map((key) => ({ key, label: vocabulary.labels[key], count: get(sums, dimension, key) }));
}

const total = (rows: readonly Breakdown[]): number => rows.reduce((n, r) => n + r.count, 0);
const ratio = (n: number, d: number): number | null => (d === 0 ? null : n / d);

export function monthlyReport(db: ReadModelDb, month: string, region: string | undefined): MonthlyReport {
  const prefix = region ?? '';
  const sums: Sums = new Map();
  for (const row of statements(db).sums.all(month, prefix.length, prefix)) sums.set(`${row.dimension}\u0000${row.key}`, row.value);

  const byChannel = breakdown(sums, DIM.openedByChannel, channels);
  const byResolution = breakdown(sums, DIM.closedByResolution, resolutions);
  const closed = total(byResolution);
  const settled = get(sums, DIM.closedByResolution, 'settled_by_negotiation') + get(sums, DIM.closedByResolution, 'settled_by_mediation');
  const successful = get(sums, DIM.mediations, 'successful');
  const failed = get(sums, DIM.mediations, 'failed');
  const byKind = breakdown(sums, DIM.lettersByKind, letterKinds);

  return {
    month,
    region: region ?? null,
    casesOpened: { label: figureLabels.casesOpened, total: total(byChannel), byChannel, byCategory: breakdown(sums, DIM.openedByCategory, categories) },
    casesClosed: { label: figureLabels.casesClosed, total: closed, byResolution },
    settledAtNegotiationOrMediation: { label: figureLabels.settledShare, settled, closed, ratio: ratio(settled, closed) },
    mediationSuccess: {
      label: figureLabels.mediationSuccess,
      concluded: successful + failed,
      successful,
      failed,
      ratio: ratio(successful, successful + failed),
      byResult: [
        { key: 'successful', label: mediationResultLabels.successful, count: successful },
        { key: 'failed', label: mediationResultLabels.failed, count: failed },
      ],
    },
    lettersIssued: { label: figureLabels.lettersIssued, total: total(byKind), byKind },
    moneyRecovered: { label: figureLabels.moneyRecovered, fen: get(sums, DIM.moneyRecovered, MONEY_KEY) },
    moneyByKind: {
      label: figureLabels.moneyByKind,
      byKind: moneyKinds.values.map((key) => ({
        key,
        label: moneyKinds.labels[key],
        claimedFen: get(sums, DIM.moneyClaimedByKind, key),
        agreedFen: get(sums, DIM.moneyAgreedByKind, key),
        awardedFen: get(sums, DIM.moneyAwardedByKind, key),
        recoveredFen: get(sums, DIM.moneyRecoveredByKind, key),
      })),
    },
    deadlines: {
      label: figureLabels.deadlinesMet,
      byKind: reportedDeadlineKinds.map((key) => {
        const due = get(sums, DIM.deadlinesDue, key);
        const metOnTime = get(sums, DIM.deadlinesMetOnTime, key);
        const metLate = get(sums, DIM.deadlinesMetLate, key);
        return { key, label: reportedDeadlineLabels[key], due, metOnTime, metLate, notMet: due - metOnTime - metLate };
      }),
    },
  };
}

/** Months with any figure, newest first. */
export function reportMonths(db: ReadModelDb): string[] {
  return statements(db).months.all();
}
