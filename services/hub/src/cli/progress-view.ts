import { renderProgress, type RebuildProgress } from '@hub/projections';
import { totalOf } from '../admin/rebuild.js';

const thousands = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/**
 * Draws one bar per read model and a total. On a terminal the block is redrawn in place; in a
 * log (not a TTY) a block is printed at most every `logEveryMs`, and always at the end.
 */
export class ProgressView {
  private drawnLines = 0;
  private lastLog = 0;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly logEveryMs = 5_000,
  ) {}

  update(all: readonly RebuildProgress[], final = false): void {
    const lines = all.map((p) => `  ${p.projection.padEnd(16)} ${renderProgress(p, 24)}  ${thousands.format(p.eventsDone)} events`);
    const total = totalOf(all);
    lines.push(
      `  ${'合计 total'.padEnd(14)} ${thousands.format(total.eventsDone)} events applied over all models  ${thousands.format(total.eventsPerSecond)} ev/s${total.done ? '' : `  ETA ${total.etaMs === null ? '--' : `${Math.ceil(total.etaMs / 1000)}s`}`}`,
    );
    if (this.out.isTTY) {
      if (this.drawnLines > 0) this.out.write(`\x1b[${this.drawnLines}A`);
      for (const line of lines) this.out.write(`\x1b[2K${line}\n`);
      this.drawnLines = lines.length;
      return;
    }
    const now = Date.now();
    if (!final && now - this.lastLog < this.logEveryMs) return;
    this.lastLog = now;
    this.out.write(`${lines.join('\n')}\n`);
  }
}
