/**
 * A clock the services read through their `clock` option. Live by default; a loader can pin it
 * to an instant in the past ("this case was opened 20 days ago") while it records early events,
 * then let it run live again.
 */
export class ControllableClock {
  private pinned: Date | null = null;

  /** What the services see: the pinned instant, or the real time. */
  readonly now = (): Date => (this.pinned ? new Date(this.pinned.getTime()) : new Date());

  /** Pins the clock to `instant` until the next `set`, `advance` or `release`. */
  set(instant: Date | string): void {
    const at = new Date(instant);
    if (Number.isNaN(at.getTime())) throw new Error(`ControllableClock.set: not a date: ${String(instant)}`);
    this.pinned = at;
  }

  /** Moves a pinned clock forward (or a live one, which pins it first). */
  advance(ms: number): void {
    this.pinned = new Date(this.now().getTime() + ms);
  }

  /** Back to real time. */
  release(): void {
    this.pinned = null;
  }

  get isPinned(): boolean {
    return this.pinned !== null;
  }
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
