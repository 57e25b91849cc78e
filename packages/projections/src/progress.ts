/** Where a rebuild stands; every figure but `eventsDone` and `position` is an estimate. */
export interface RebuildProgress {
  projection: string;
  /** Events read from the store into the shadow model so far (those the projection filters out included). */
  eventsDone: number;
  /** The shadow model's checkpoint; null before its first batch. */
  position: bigint | null;
  /** The store's newest position when last asked; null for an empty store. */
  headPosition: bigint | null;
  /**
   * Events the rebuild will have read once caught up. Positions may have holes (PostgreSQL
   * sequences, EventStoreDB's byte offsets), so this extrapolates the density seen so far:
   * `eventsDone / fraction`; with no holes it equals the head position.
   */
  totalEstimate: number;
  /** 0 to 1, measured in position space: position / head. */
  fraction: number;
  /** Average since the rebuild started. */
  eventsPerSecond: number;
  /** null while there is no rate to go by. */
  etaMs: number | null;
  elapsedMs: number;
  /** The shadow model has caught up and readers now use it. */
  done: boolean;
}

export interface ProgressInput {
  projection: string;
  eventsDone: number;
  position: bigint | null;
  headPosition: bigint | null;
  elapsedMs: number;
  done: boolean;
}

function fractionDone(position: bigint | null, head: bigint | null, done: boolean): number {
  if (done || head === null) return 1; // an empty store has nothing to rebuild
  if (position === null || head <= 0n) return 0;
  return Math.min(1, Number(position) / Number(head));
}

export function estimateProgress(input: ProgressInput): RebuildProgress {
  const { eventsDone, position, headPosition, elapsedMs, done } = input;
  const fraction = fractionDone(position, headPosition, done);
  const totalEstimate = done ? eventsDone : fraction > 0 ? Math.max(eventsDone, Math.round(eventsDone / fraction)) : Number(headPosition ?? 0n);
  const eventsPerSecond = elapsedMs > 0 ? (eventsDone * 1000) / elapsedMs : 0;
  const etaMs = done ? 0 : eventsPerSecond > 0 ? ((totalEstimate - eventsDone) * 1000) / eventsPerSecond : null;
  return { projection: input.projection, eventsDone, position, headPosition, totalEstimate, fraction, eventsPerSecond, etaMs, elapsedMs, done };
}

const thousands = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '--';
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
  return `${Math.floor(seconds / 3600)}h ${pad(Math.floor((seconds % 3600) / 60))}m`;
}

/**
 * One line for a terminal, e.g. `[██████░░░░] 61%  48,213 ev/s  ETA 12s`. Numbers are formatted
 * the same in every locale, so logs and tests read alike everywhere.
 */
export function renderProgress(progress: RebuildProgress, width = 10): string {
  const percent = Math.floor(progress.fraction * 100);
  const filled = Math.min(width, Math.floor(progress.fraction * width));
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  const eta = progress.done ? 'done' : `ETA ${formatDuration(progress.etaMs)}`;
  return `[${bar}] ${percent}%  ${thousands.format(progress.eventsPerSecond)} ev/s  ${eta}`;
}
