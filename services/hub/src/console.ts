/**
 * What the web console needs from the hub besides its API: the built console as static files
 * (services/hub/console/dist, or CONSOLE_DIR), and one origin for the agencies' own APIs.
 *
 * The console signs in at, and gives its acts to, the user's own agency service. Those services
 * answer on their own ports, often on hosts a browser cannot reach; so the hub passes
 * `/agencies/<agency>/api/…` through to the agency's `/api/…` as-is (body, token and answer
 * untouched). The hub decides nothing there: the agency service authenticates and decides.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { agencyIdSchema, type AgencyId } from '@hub/contracts';
import { keepAliveAgent, type Logger } from '@hub/service-kit';
import express, { type Express, type Request, type Response } from 'express';
import { createProxyMiddleware, type RequestHandler as ProxyHandler } from 'http-proxy-middleware';

/** Where `pnpm console:build` puts the console. */
export const DEFAULT_CONSOLE_DIR = resolve(import.meta.dirname, '..', 'console', 'dist');

/** Paths the console's client-side router never owns. */
const SERVER_PATHS = /^\/(api|agencies|health|metrics|openapi\.json)(\/|$)/;

function problem(res: Response, status: number, detail: string, detailEn: string): void {
  res
    .status(status)
    .type('application/problem+json')
    .json({
      type: `urn:hub:problem:${status === 502 ? 'agency-unreachable' : 'not-found'}`,
      title: status === 502 ? 'Bad Gateway' : 'Not Found',
      status,
      detail,
      detailEn,
    });
}

/** `/agencies/<agency>/api/…` → `<agency service>/api/…`, for every agency whose URL the hub knows. */
export function mountAgencyGateway(app: Express, agencyUrls: Partial<Record<AgencyId, string>>, logger: Logger): void {
  const proxies = new Map<AgencyId, ProxyHandler>();
  // Made at the first request for the agency: a URL added to `agencyUrls` after start is served too.
  const proxyFor = (agency: AgencyId): ProxyHandler | undefined => {
    const target = agencyUrls[agency];
    if (!target) return undefined;
    let proxy = proxies.get(agency);
    if (!proxy) {
      proxy = createProxyMiddleware({
        target,
        xfwd: true,
        // Pooled connections dropped well before the service's keep-alive closes them (service-kit keep-alive.ts).
        agent: keepAliveAgent(),
        // Mounted before the hub's JSON parser (createServiceApp's rawRoutes): the body streams
        // through as the client sent it, and the agency's own limits and refusals apply to it.
        on: {
          error: (error, _req, res) => {
            logger.warn({ err: error, agency }, 'agency service unreachable');
            if ('writeHead' in res && !res.headersSent) {
              res.writeHead(502, { 'content-type': 'application/problem+json' });
              res.end(
                JSON.stringify({
                  type: 'urn:hub:problem:agency-unreachable',
                  title: 'Bad Gateway',
                  status: 502,
                  detail: '机构服务暂时无法访问，请稍后重试',
                  detailEn: 'The agency service cannot be reached; try again shortly',
                }),
              );
            } else {
              res.end();
            }
          },
        },
      });
      proxies.set(agency, proxy);
    }
    return proxy;
  };
  app.use('/agencies/:agency', (req: Request, res: Response, next) => {
    const agency = agencyIdSchema.safeParse(req.params['agency']);
    const proxy = agency.success ? proxyFor(agency.data) : undefined;
    if (!proxy || !req.url.startsWith('/api/')) {
      problem(res, 404, '没有这个机构服务地址', `No agency API at ${req.originalUrl}`);
      return;
    }
    void proxy(req, res, next);
  });
}

/**
 * The built console: hashed assets cached for a year, index.html never cached and answered for
 * every other GET that asks for a page (the console routes on the client). Without a build, a
 * page that says how to make one.
 */
export function mountConsole(app: Express, directory: string): void {
  const index = join(directory, 'index.html');
  app.use('/assets', express.static(join(directory, 'assets'), { immutable: true, maxAge: '1y', index: false, fallthrough: false }));
  app.use(express.static(directory, { index: false, maxAge: 0 }));
  app.get('/{*path}', (req, res, next) => {
    if (SERVER_PATHS.test(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    res.set('cache-control', 'no-cache');
    if (existsSync(index)) {
      res.sendFile(index);
      return;
    }
    res
      .status(503)
      .type('html')
      .send(
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>控制台尚未构建</title>' +
          '<p>控制台尚未构建。请运行 <code>pnpm console:build</code>（<code>pnpm start</code> 会自动构建）。</p>' +
          '<p lang="en">The console has not been built. Run <code>pnpm console:build</code> (<code>pnpm start</code> builds it).</p>',
      );
  });
}
