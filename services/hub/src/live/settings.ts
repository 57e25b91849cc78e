/** The live feed's knobs, with the defaults a deployment gets. */
export interface LiveFeedOptions {
  /** Heartbeat message and ws ping every this many ms; a peer silent for two intervals is dropped. Default 15 s. */
  heartbeatMs?: number;
  /** Time a new socket has to send a valid `auth` message. Default 10 s. */
  authTimeoutMs?: number;
  /** A client whose unsent queue exceeds this is closed with 4008. Default 4 MiB. */
  maxBufferedBytes?: number;
  /** Catch-up pages are sent only while the client's queue is under this. Default 256 KiB. */
  lowWaterBytes?: number;
  /** Subscriptions one socket may hold. Default 20. */
  maxSubscriptions?: number;
  /** Largest message a client may send. Default 16 KiB (the biggest legitimate one is an auth token). */
  maxPayloadBytes?: number;
  /** How often sessions are checked against the clock (a precise timer covers the last stretch). Default 1 s. */
  sessionCheckMs?: number;
  /** Malformed messages tolerated (each answered with a 400) before the socket is closed with 4400. Default 5. */
  maxStrikes?: number;
  /** Timeline rows read per catch-up query. Default 500. */
  catchUpPageSize?: number;
  /** On shutdown, how long clients get to answer the 1001 close before their sockets are cut. Default 2 s. */
  closeGraceMs?: number;
}

export type LiveSettings = Required<LiveFeedOptions>;

export function settingsOf(options: LiveFeedOptions): LiveSettings {
  const settings: LiveSettings = {
    heartbeatMs: options.heartbeatMs ?? 15_000,
    authTimeoutMs: options.authTimeoutMs ?? 10_000,
    maxBufferedBytes: options.maxBufferedBytes ?? 4 * 1024 * 1024,
    lowWaterBytes: options.lowWaterBytes ?? 256 * 1024,
    maxSubscriptions: options.maxSubscriptions ?? 20,
    maxPayloadBytes: options.maxPayloadBytes ?? 16 * 1024,
    sessionCheckMs: options.sessionCheckMs ?? 1_000,
    maxStrikes: options.maxStrikes ?? 5,
    catchUpPageSize: options.catchUpPageSize ?? 500,
    closeGraceMs: options.closeGraceMs ?? 2_000,
  };
  for (const [name, value] of Object.entries(settings)) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`live feed option ${name} must be a positive number, got ${value}`);
  }
  // Catch-up stops at the low-water mark; were it above the cut-off, a catch-up could trip it.
  if (settings.lowWaterBytes >= settings.maxBufferedBytes) {
    throw new RangeError('live feed option lowWaterBytes must be below maxBufferedBytes');
  }
  return settings;
}
