import type { DeadlinePolicy } from '@hub/case-domain';
import type { AgencyId } from '@hub/contracts';
import type { EventStore } from '@hub/event-store';
import type { ProjectionRunner } from '@hub/projections';
import type { Logger, RouteDescription, SecurityLog } from '@hub/service-kit';
import type { RequestHandler, Router } from 'express';
import type { HubKeys } from './keys.js';

/** What every part of the hub is handed: one object, built once in createHub. */
export interface HubContext {
  readonly store: EventStore;
  readonly projections: ProjectionRunner;
  readonly clock: () => Date;
  readonly policy: DeadlinePolicy;
  readonly logger: Logger;
  readonly keys: HubKeys;
  /** Sets `req.actor` from a session of any agency (keys published on the store, or pinned). */
  readonly authenticate: RequestHandler;
  /** Where each agency service answers, for the witness copies it keeps; absent: that agency's copy is not compared. */
  readonly agencyUrls: Partial<Record<AgencyId, string>>;
  /** The hub's own security log (exports), in dataDir/hub/hub.local.db (docs/security-log.md). */
  readonly securityLog: SecurityLog;
  /**
   * Waits (briefly) until the named read models (default: all) have applied the store's head as
   * it is now, so a reader sees its own writes. False when they did not get there in time; the
   * answer then says so (`upToDate: false`) rather than failing.
   */
  fresh(names?: readonly string[]): Promise<boolean>;
}

/** A part of the hub's HTTP API: its router and its OpenAPI description. */
export interface HubRoutes {
  router(ctx: HubContext): Router;
  routes: readonly RouteDescription[];
}
