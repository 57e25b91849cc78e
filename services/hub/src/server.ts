import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { agencyIdSchema, type AgencyId } from '@hub/contracts';
import { connect, type EventStore } from '@hub/event-store';
import { applyHttpTimeouts, ConfigError, closeOnSignals, createLogger, loadConfig, loadTrustPolicy, startOrExit, type Logger } from '@hub/service-kit';
import { loadDeploymentDeadlines, warnOnce } from '@hub/agency-service';
import { createHub, HUB_NAME, type Hub } from './hub.js';

export const HUB_DEFAULT_PORT = 8080;

/** What the hub reads besides the variables every service reads (CONFIG_VARIABLES). */
export const HUB_VARIABLES = [
  'AGENCY_URLS',
  'CONSOLE_DIR',
  'DEADLINE_POLICY',
  'HOLIDAY_CALENDAR',
  'SECURITY_LOG_RETENTION_DAYS',
  // The hub's own data (its security log) on PostgreSQL, shared by hub instances; default DATA_DIR/hub.
  'HUB_DB_URL',
  'HUB_DB_SCHEMA',
] as const;

export interface RunningHubServer {
  readonly url: string;
  readonly hub: Hub;
  readonly store: EventStore;
  readonly logger: Logger;
  close(): Promise<void>;
}

/**
 * AGENCY_URLS: `union=http://127.0.0.1:8081,procuratorate=http://…`. The hub reads each agency
 * service's own copy of its witness records there, and passes the console's calls to the
 * agency's API through to it (`/agencies/<agency>/api/…`); it never acts on a service itself.
 */
export function parseAgencyUrls(value: string | undefined): Partial<Record<AgencyId, string>> {
  const out: Partial<Record<AgencyId, string>> = {};
  const problems: string[] = [];
  for (const entry of (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const eq = entry.indexOf('=');
    const agency = agencyIdSchema.safeParse(entry.slice(0, eq));
    let url: URL | undefined;
    try {
      url = new URL(entry.slice(eq + 1));
    } catch {
      url = undefined;
    }
    if (eq < 0 || !agency.success || !url || !/^https?:$/.test(url.protocol)) {
      problems.push(`AGENCY_URLS entry "${entry}" must read <agency>=<http(s) URL>, agency one of union, procuratorate, hr_bureau, court`);
      continue;
    }
    out[agency.data] = url.toString().replace(/\/$/, '');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return out;
}

export async function startHubServer(env: Readonly<Record<string, string | undefined>>): Promise<RunningHubServer> {
  const config = loadConfig(env, { PORT: String(HUB_DEFAULT_PORT) });
  const agencyUrls = parseAgencyUrls(env['AGENCY_URLS']);
  // Fails closed: without a trust file (or PUBLIC_KEYS, or TRUST_STORE_KEYS=1) the hub does not start.
  const trust = loadTrustPolicy(config, { required: true })!;
  const logger = createLogger({ name: HUB_NAME, level: config.logLevel });
  // The same deadline data as the agency services: the hub says "due soon" by the same dueSoonDays.
  const deadlines = loadDeploymentDeadlines(env, new Date());
  warnOnce(deadlines.warnings, (message) => logger.warn(message));
  const store = await connect(config.eventStoreUrl);
  let hub: Hub;
  try {
    // CONSOLE_DIR: the built web console to serve (default services/hub/console/dist; "off" serves none).
    const consoleDir = env['CONSOLE_DIR'] === 'off' ? false : env['CONSOLE_DIR'];
    hub = await createHub({
      store,
      storeUrl: config.eventStoreUrl,
      dataDir: config.dataDir,
      logger,
      trust,
      agencyUrls,
      policy: deadlines.policy,
      ...(consoleDir === undefined ? {} : { consoleDir }),
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const server: Server = await new Promise<Server>((resolve, reject) => {
    const s = hub.app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  }).catch(async (error: unknown) => {
    await hub.close();
    await store.close();
    throw error;
  });
  // The same keep-alive and header timeouts as the agency services (service-kit keep-alive.ts).
  applyHttpTimeouts(server);
  hub.attach(server);
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  logger.info({ url, engine: store.engine }, `hub listening on ${url}`);
  let closing: Promise<void> | undefined;
  return {
    url,
    hub,
    store,
    logger,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        await hub.close();
        server.closeAllConnections();
        await closed;
        await store.close();
      })();
      return closing;
    },
  };
}

export async function runHubMain(): Promise<void> {
  closeOnSignals(await startOrExit(HUB_NAME, () => startHubServer(process.env)));
}
