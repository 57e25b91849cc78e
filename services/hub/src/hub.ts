import type { Server } from 'node:http';
import { join } from 'node:path';
import type { DeadlinePolicy } from '@hub/case-domain';
import { loadDeploymentDeadlines, warnOnce } from '@hub/agency-service';
import type { AgencyId } from '@hub/contracts';
import type { EventStore } from '@hub/event-store';
import { ProjectionRunner, type Projection } from '@hub/projections';
import {
  logStoreConnection,
  authenticate,
  buildOpenApiDocument,
  createLogger,
  createMetricsRegistry,
  createServiceApp,
  Gauge,
  localDbPath,
  openSqlDb,
  SecurityLog,
  securityLogRetentionDays,
  securityLogRouter,
  SECURITY_LOG_ROUTES,
  SessionVerifier,
  type Logger,
  type Registry,
  type TrustPolicy,
  cryptoSuiteOf,
} from '@hub/service-kit';
import type { Express } from 'express';
import type { HubContext, HubRoutes } from './context.js';
import { AgencyActivity } from './activity.js';
import { DEFAULT_CONSOLE_DIR, mountAgencyGateway, mountConsole } from './console.js';
import { HubKeys } from './keys.js';
import { hubProjections } from './read-models/index.js';
import { hubRouteModules } from './routes.js';
import { LiveFeed, type LiveFeedOptions } from './live/index.js';

export interface HubOptions {
  /** Shared with the services; the caller owns and closes it. */
  store: EventStore;
  /** The hub's own files go under dataDir/hub/: its read models and its local db (the security log). */
  dataDir: string;
  logger?: Logger;
  clock?: () => Date;
  /**
   * Default: DEADLINE_POLICY and HOLIDAY_CALENDAR, read as the agency services read them, so the
   * hub calls a deadline due soon by the same dueSoonDays (a bad file stops the hub too).
   */
  policy?: DeadlinePolicy;
  /**
   * Whom to trust: the trust file's anchors (and PUBLIC_KEYS), see HubKeys and service-kit's
   * trust.ts. Required, so that no caller ends up trusting the store by forgetting it.
   */
  trust: TrustPolicy;
  /** Where each agency service answers (for the witness copies). */
  agencyUrls?: Partial<Record<AgencyId, string>>;
  live?: LiveFeedOptions;
  /**
   * The store's URL, so that a rebuild of the read models runs on a worker thread with a
   * connection of its own, leaving this thread to serve. Without it (or with `projections`
   * replaced, which a thread cannot import) rebuilds run here, between the live batches.
   */
  storeUrl?: string;
  /** Replaces the read models (tests); default hubProjections. */
  projections?: readonly Projection[];
  /** How long a read waits for the read models to reach the head. Default 2 s. */
  freshnessTimeoutMs?: number;
  /** The built web console to serve (default services/hub/console/dist); false serves none. */
  consoleDir?: string | false;
  /** How long the security log keeps entries, in days (at least 180). Default: SECURITY_LOG_RETENTION_DAYS, else 180. */
  securityLogRetentionDays?: number;
}

export interface Hub {
  readonly app: Express;
  readonly projections: ProjectionRunner;
  readonly keys: HubKeys;
  readonly live: LiveFeed;
  readonly context: HubContext;
  /** Tells the agencies of their sessions' use here (activity.ts). */
  readonly activity: AgencyActivity;
  /** Serves the live feed (WebSocket, path /api/live) on the server the app listens on. */
  attach(server: Server): void;
  /** Closes live clients, stops the projections and key follower; never the store. */
  close(): Promise<void>;
}

export const HUB_NAME = 'hub';

/** The live feed's figures on /metrics, read when scraped. */
function liveMetrics(registry: Registry, live: LiveFeed): void {
  const gauge = (name: string, help: string, read: (s: ReturnType<LiveFeed['stats']>) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read(live.stats()));
      },
    });
  gauge('hub_live_clients', 'Open live-feed sockets', (s) => s.clients);
  gauge('hub_live_subscriptions', 'Live-feed subscriptions', (s) => s.subscriptions);
  gauge('hub_live_events_sent', 'Timeline entries sent (once per client that got one), since start', (s) => s.eventsSent);
  gauge('hub_live_clients_cut_off', 'Clients closed for reading too slowly (4008), since start', (s) => s.cutOff);
}

export async function createHub(options: HubOptions): Promise<Hub> {
  const { store } = options;
  const clock = options.clock ?? (() => new Date());
  const logger = options.logger ?? createLogger({ name: HUB_NAME, level: process.env['LOG_LEVEL'] ?? 'info' });
  const deadlines = options.policy ? { policy: options.policy, warnings: [] } : loadDeploymentDeadlines(process.env, clock());
  warnOnce(deadlines.warnings, (message) => logger.warn(message));
  const retentionDays = securityLogRetentionDays(options.securityLogRetentionDays, process.env);
  // The hub's own data (its security log): HUB_DB_URL's schema (HUB_DB_SCHEMA, else `hub`), which
  // every hub instance shares, else the SQLite file under DATA_DIR/hub (docs/agency-database.md).
  const sql = openSqlDb({
    url: process.env['HUB_DB_URL']?.trim() || undefined,
    schema: process.env['HUB_DB_SCHEMA']?.trim() || 'hub',
    sqlitePath: localDbPath(join(options.dataDir, HUB_NAME), HUB_NAME),
  });
  const securityLog = await SecurityLog.open(sql, clock, cryptoSuiteOf(process.env).hashAlg);
  await securityLog.prune(retentionDays);
  const keys = new HubKeys(store, options.trust, logger, clock);
  try {
    await keys.start();
  } catch (error) {
    await sql.close();
    throw error;
  }
  if (options.trust.storeKeys)
    logger.warn(
      { trust: options.trust.source },
      'TRUST_STORE_KEYS=1: keys only the event store vouches for are trusted where no anchor exists (development only)',
    );
  // Once, at start: a key published in an agency's name that nothing trusted endorsed may be
  // forged. Every case verification lists them again as notices (audit/problems.ts).
  const refused = keys.refused().map(({ agency, purpose, keyId, reason }) => ({ agency, purpose, keyId, reason }));
  if (refused.length > 0)
    logger.warn(
      { refused, trust: options.trust.source },
      'published agency keys not trusted (not in the trust file, not endorsed by a trusted key): check who published them',
    );
  const projections = new ProjectionRunner({
    store,
    clock,
    directory: join(options.dataDir, HUB_NAME, 'read-models'),
    projections: options.projections ?? hubProjections,
    onConnection: logStoreConnection(logger, 'read models'),
    // What a rebuild does on this thread (all of it without a worker, else the catch-up after the
    // worker's hand-over) runs between the live batches: batches of 500 hold it about 50 ms at a
    // time, where the offline default (5,000) would hold it 0.5 s.
    rebuildBatchSize: 500,
    ...(options.storeUrl && !options.projections
      ? {
          rebuildWorker: {
            storeUrl: options.storeUrl,
            module: new URL(`./read-models/index.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url).href,
            exportName: 'hubProjections',
          },
        }
      : {}),
  });
  try {
    await projections.start();
  } catch (error) {
    await keys.close();
    await sql.close();
    throw error;
  }
  // Sessions signed out at their agency (SessionRevoked in its own stream) are refused here too.
  const verifier = new SessionVerifier({ keys: keys.sessionKeys, revocations: keys, clock });
  const freshnessTimeoutMs = options.freshnessTimeoutMs ?? 2_000;
  const agencyUrls = options.agencyUrls ?? {};
  // A use of a session here counts at its agency too, so its idle time does not run out while the person works on the hub.
  const activity = new AgencyActivity({ agencyUrls, clock, logger });
  const context: HubContext = {
    store,
    projections,
    clock,
    logger,
    keys,
    policy: deadlines.policy,
    authenticate: activity.wrap(authenticate({ sessions: verifier })),
    agencyUrls,
    securityLog,
    async fresh(names) {
      const head = await store.headPosition();
      if (head === null) return true;
      try {
        await projections.waitForPosition(head, freshnessTimeoutMs, names);
        return true;
      } catch {
        return false;
      }
    },
  };
  const modules: readonly HubRoutes[] = hubRouteModules;
  const registry = createMetricsRegistry();
  const app = createServiceApp({
    name: HUB_NAME,
    logger,
    store,
    ownData: sql,
    registry,
    subscriptions: () => [...(projections.connection() ? [projections.connection()!] : []), ...keys.health()],
    openapi: buildOpenApiDocument({ title: '协同中枢 Labor hub — timelines, audit, joint meetings, reports', version: '0.1.0' }, [
      ...modules.flatMap((m) => m.routes),
      ...SECURITY_LOG_ROUTES,
    ]),
    // The gateway passes the body on unread: the agency parses and limits it as it does for any client.
    rawRoutes: (a) => mountAgencyGateway(a, context.agencyUrls, logger),
    routes: (a) => {
      for (const module of modules) a.use(module.router(context));
      // Exports by every agency's people: an auditor reads them all, an admin their own agency's.
      a.use(
        securityLogRouter({
          log: securityLog,
          authenticate: context.authenticate,
          scope: (actor) => (actor.roles.includes('auditor') ? undefined : actor.agency),
        }),
      );
      if (options.consoleDir !== false) mountConsole(a, options.consoleDir ?? DEFAULT_CONSOLE_DIR);
    },
  });
  const live = new LiveFeed(context, verifier, options.live);
  liveMetrics(registry, live);
  let closed = false;
  return {
    app,
    projections,
    keys,
    live,
    context,
    activity,
    attach(server) {
      live.attach(server);
    },
    async close() {
      if (closed) return;
      closed = true;
      await live.close();
      await activity.settle();
      await projections.stop();
      await keys.close();
      await sql.close();
    },
  };
}
