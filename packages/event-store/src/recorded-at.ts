/**
 * `recordedAt`, the time the store puts in every event's metadata (and hashes with it), comes
 * from the engine's `clock` option: real time by default; a demo loader or an import may pass a
 * clock that reads a past instant ("this case was opened 40 days ago").
 *
 * recordedAt never goes back in position order. An append sealed while the clock reads earlier
 * than the newest recordedAt already stored is stamped with that newest recordedAt instead
 * (clamped, not refused): the same answer a real clock stepped back by NTP gets, and a backdated
 * load into a store that already holds later events still loads, only undated. Readers may rely
 * on it: a replay "as of" an instant is a prefix of the stream, a month of recordedAt is a range
 * of positions. The price of clamping: a clock read ahead of real time (a skewed machine, an
 * injected clock set in the future) holds every later event at that instant until real time
 * catches up.
 *
 * How far "already stored" reaches depends on what the engine can see under its write lock:
 * - sqlite reads the newest event inside its write transaction: exact for the whole file, whatever
 *   process wrote.
 * - postgres and esdb keep the floor in the process (`RecordedAtFloor`): the newest event when the
 *   instance first appends, then its own appends (postgres writes one group at a time, so its own
 *   appends are in order too). A writer in another process whose clock reads behind can still
 *   interleave earlier times, as two machines' clocks always could; on esdb, so can two appends of
 *   one instance in flight at once (each is sealed before it is sent).
 */

/** The default clock: real time. */
export const realClock = (): Date => new Date();

/** The stamp for an append sealed at `reading`, given the newest recordedAt stored (null: none). */
export function notBefore(reading: Date, newest: string | null | undefined): string {
  const stamp = reading.toISOString();
  if (newest === null || newest === undefined) return stamp;
  const floor = Date.parse(newest);
  // A newest that does not parse cannot be compared: the reading stands.
  return Number.isNaN(floor) || reading.getTime() >= floor ? stamp : newest;
}

/** The in-process floor of engines that cannot read the newest recordedAt under their write lock. */
export class RecordedAtFloor {
  /** undefined: not read yet; null: the store was empty. */
  private newest: string | null | undefined;

  constructor(
    private readonly clock: () => Date,
    /** The newest recordedAt in the store, read once, before this instance's first append. */
    private readonly readNewest: () => Promise<string | null>,
  ) {}

  /** The recordedAt for the append about to be sealed. */
  async stamp(): Promise<string> {
    if (this.newest === undefined) {
      const newest = await this.readNewest();
      if (this.newest === undefined) this.newest = newest;
    }
    return notBefore(this.clock(), this.newest);
  }

  /** An append sealed with `stamp` has been written. */
  written(stamp: string): void {
    if (this.newest === undefined || this.newest === null || !(Date.parse(stamp) < Date.parse(this.newest))) this.newest = stamp;
  }
}
