/** Resident memory and CPU time of a process, from Linux's /proc (null where there is no /proc). */
import { readFileSync } from 'node:fs';

/** VmRSS of `pid` in bytes. */
export function rssBytes(pid: number): number | null {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** User + system CPU time `pid` has used, in ms (clock ticks of 10 ms). */
export function cpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime: fields 14 and 15 of the whole line
    return Number.isFinite(ticks) ? ticks * 10 : null;
  } catch {
    return null;
  }
}

/** Samples a process's VmRSS every `intervalMs` until stopped; keeps the peak. */
export class RssSampler {
  maxBytes = 0;
  samples = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 200,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** The current value (also counted toward the peak). */
  sample(): number | null {
    const bytes = rssBytes(this.pid);
    if (bytes !== null) {
      this.samples += 1;
      if (bytes > this.maxBytes) this.maxBytes = bytes;
    }
    return bytes;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** Jiffies of the whole machine from /proc/stat: busy and total, summed over all cores. */
export function machineTicks(): { busy: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/**
 * How busy the whole machine was between two readings, in % of one core (200% = both of two
 * cores), so it compares with the per-process figures; null without /proc.
 */
export function machineBusyPct(before: ReturnType<typeof machineTicks>, after: ReturnType<typeof machineTicks>, cores: number): number | null {
  if (!before || !after || after.total <= before.total) return null;
  return ((after.busy - before.busy) / (after.total - before.total)) * 100 * cores;
}
