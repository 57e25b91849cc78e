import express, { type Express } from 'express';
import type { EventStore, SubscriptionHealth } from '@hub/event-store';
import type { Logger } from './logger.js';
import { answerClientErrors } from './client-errors.js';
import { createMetricsRegistry, httpRequestHistogram, subscriptionGauges, type Registry } from './metrics.js';
import { notFoundHandler, problemMiddleware } from './problem.js';
import { accessLog, requestId, routeLabel } from './request-context.js';
import type { SqlDb } from './sql/index.js';

export interface ServiceAppOptions {
  /** Service name, as in health and logs: `union`, `hub`… */
  name: string;
  version?: string;
  logger: Logger;
  /** Reported by /health: engine and head position. */
  store: EventStore;
  /**
   * The service's own database (users, sessions, keys…): /health asks it too, so a balancer leaves
   * out a replica that lost it (an agency on AGENCY_DB_URL). docs/agency-database.md.
   */
  ownData?: Pick<SqlDb, 'engine' | 'get'>;
  /** The service's subscriptions to the store (read models, key followers), on /health and /metrics. */
  subscriptions?: () => SubscriptionHealth[];
  /** Where /metrics reads from; a fresh one (with process metrics) when absent. Add your own metrics to it. */
  registry?: Registry;
  /** Served as-is at GET /openapi.json (see `buildOpenApiDocument`). */
  openapi?: object;
  /** The service's own routes, mounted after the shared middleware and before the 404 and error handlers. */
  routes?: (app: Express) => void;
  /** JSON body limit; default 1 MB. */
  bodyLimit?: string | number;
  /**
   * Routes that take the request body as it came, mounted before the JSON parser (after the request
   * id and the access log): a pass-through to another service, which parses and limits it itself.
   */
  rawRoutes?: (app: Express) => void;
}

/**
 * The express app every service starts from. Order matters: request id and access log first so
 * every response (errors included) is counted and logged; the 404 and problem handlers last.
 * Express 5 forwards a rejected promise from any handler to the problem middleware.
 */
export function createServiceApp(options: ServiceAppOptions): Express {
  const { name, logger, store } = options;
  const version = options.version ?? '0.0.0';
  const registry = options.registry ?? createMetricsRegistry();
  const observe = httpRequestHistogram(registry);

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.locals['metricsRegistry'] = registry;

  app.use(requestId(logger));
  app.use(accessLog((req, status, seconds) => observe(req.method, routeLabel(req), status, seconds)));
  options.rawRoutes?.(app);
  app.use(express.json({ limit: options.bodyLimit ?? '1mb' }));

  const subscriptions = options.subscriptions ?? (() => []);
  if (options.subscriptions) subscriptionGauges(registry, options.subscriptions);
  app.get('/health', async (_req, res) => {
    const followers = subscriptions();
    const own = options.ownData;
    const ownData = own
      ? await own.get('SELECT 1 AS ok').then(
          () => ({ engine: own.engine, reachable: true }),
          (error: unknown) => {
            logger.warn({ err: error }, "health: the service's own database is unreachable");
            return { engine: own.engine, reachable: false };
          },
        )
      : undefined;
    const shown = ownData ? { ownData } : {};
    try {
      const head = await store.headPosition();
      if (ownData && !ownData.reachable) {
        res.status(503).json({
          status: 'unavailable',
          service: name,
          version,
          eventStore: { engine: store.engine, headPosition: head === null ? null : head.toString() },
          ...shown,
          subscriptions: followers,
        });
        return;
      }
      // Reachable, but a subscription is still finding the store again: serving, with reads that may lag.
      const status = followers.some((s) => s.state !== 'connected') ? 'degraded' : 'ok';
      res.json({
        status,
        service: name,
        version,
        eventStore: { engine: store.engine, headPosition: head === null ? null : head.toString() },
        ...shown,
        subscriptions: followers,
      });
    } catch (error) {
      logger.warn({ err: error }, 'health: event store unreachable');
      res
        .status(503)
        .json({ status: 'unavailable', service: name, version, eventStore: { engine: store.engine, headPosition: null }, ...shown, subscriptions: followers });
    }
  });

  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });

  if (options.openapi) {
    const document = options.openapi;
    app.get('/openapi.json', (_req, res) => {
      res.json(document);
    });
  }

  options.routes?.(app);

  app.use(notFoundHandler);
  app.use(problemMiddleware(logger));
  // Every server a service app listens on answers the parser's refusals with problems too.
  const listen = app.listen.bind(app) as (...args: unknown[]) => ReturnType<Express['listen']>;
  app.listen = ((...args: unknown[]) => answerClientErrors(listen(...args))) as Express['listen'];
  return app;
}
