/** How big each part runs. */
export interface Sizes {
  live: {
    /** WebSocket clients, one subscription each. */
    clients: number;
    /** Commands per second: the live part runs once per rate, each on a fresh system. */
    rates: number[];
    durationS: number;
    /** Cases opened before the clients connect: the ones case subscriptions watch. */
    seedCases: number;
    /** Share of the load's commands that open a new case: about one in the nine commands a case takes on average, so the pool of open cases stays level. */
    openShare: number;
    /** Seconds of the same load before the clients connect, untimed: every code path warm. */
    warmupS: number;
  };
  rebuild: {
    /** Stored events generated, then rebuilt from. */
    events: number;
  };
}

export const FULL: Sizes = {
  live: { clients: 1000, rates: [200, 400], durationS: 60, seedCases: 600, openShare: 0.11, warmupS: 5 },
  rebuild: { events: 1_000_000 },
};

/** The same clients at 200 commands/s only, for 10 s, and a tenth of the events. */
export const QUICK: Sizes = {
  live: { clients: 1000, rates: [200], durationS: 10, seedCases: 300, openShare: 0.11, warmupS: 3 },
  rebuild: { events: 100_000 },
};
