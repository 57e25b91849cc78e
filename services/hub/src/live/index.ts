import type { Server } from 'node:http';
import type { SessionVerifier } from '@hub/service-kit';
import type { HubContext } from '../context.js';

export interface LiveFeedOptions {
  /** Placeholder until the live feed lands. */
  heartbeatMs?: number;
}

/** The live feed over WebSocket (path /api/live). Being written: see issue 4, part 2. */
export class LiveFeed {
  constructor(
    readonly context: HubContext,
    readonly sessions: SessionVerifier,
    readonly options: LiveFeedOptions = {},
  ) {}

  attach(_server: Server): void {}

  async close(): Promise<void> {}
}
