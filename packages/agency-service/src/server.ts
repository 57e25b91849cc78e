import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AgencyId } from '@hub/contracts';
import { connect, type EventStore } from '@hub/event-store';
import { applyHttpTimeouts, closeOnSignals, createLogger, loadConfig, loadTrustPolicy, sameServer, startOrExit, type Logger } from '@hub/service-kit';
import { serviceDefaults } from './defaults.js';
import { agencyDbSettings, agencyKek } from './paths.js';
import { loadDeploymentDeadlines, warnOnce } from './deployment-data.js';
import { createAgencyService, type AgencyService } from './service.js';

export interface RunningAgencyServer {
  readonly url: string;
  readonly service: AgencyService;
  readonly store: EventStore;
  readonly logger: Logger;
  /** Stops taking requests, then closes the service and the store it opened. */
  close(): Promise<void>;
}

/**
 * What each service's main does, from configuration to a listening server: one place, so the
 * four entry points stay a few lines each and cannot drift apart.
 */
export async function startAgencyServer(agency: AgencyId, env: Readonly<Record<string, string | undefined>>): Promise<RunningAgencyServer> {
  const defaults = serviceDefaults(agency);
  const config = loadConfig(env, { PORT: String(defaults.port) });
  const logger = createLogger({ name: defaults.name, level: config.logLevel });
  // Not required here: at set-up the services start first, their keys go into the trust file after.
  const trust = loadTrustPolicy(config, { required: false });
  if (!trust)
    logger.warn("no trust file yet (TRUST_FILE, else DATA_DIR/trust.json): add this agency's keys with cli/trust.ts add; the hub refuses to start without one");
  // A bad DEADLINE_POLICY or HOLIDAY_CALENDAR file stops the start before anything is opened.
  const deadlines = loadDeploymentDeadlines(env, new Date());
  warnOnce(deadlines.warnings, (message) => logger.warn(message));
  // Without a key-encryption key a production service stops here, before it opens anything.
  const kek = agencyKek(config.dataDir, agency, env, logger);
  // So does an AGENCY_DB_URL that is not PostgreSQL, or a bad AGENCY_DB_SCHEMA.
  const agencyDb = agencyDbSettings(agency, env);
  if (agencyDb.url && sameServer(agencyDb.url, config.eventStoreUrl))
    logger.warn(
      '机构自有数据库（AGENCY_DB_URL）与共享事件库（EVENT_STORE_URL）在同一台服务器上：见证副本只有在事件库运维方无法同时改动它时才有意义，请把机构数据库放在本机构掌控的服务器上 ' +
        "AGENCY_DB_URL and EVENT_STORE_URL name the same server: the witness copy is worth something only if the store's operator cannot also edit it; put the agency's database on a server the agency controls (docs/agency-database.md)",
    );
  const store = await connect(config.eventStoreUrl);
  let service: AgencyService;
  try {
    service = await createAgencyService({
      agency,
      store,
      dataDir: config.dataDir,
      logger,
      trust,
      policy: deadlines.policy,
      vaultKey: kek,
      agencyDb,
    });
  } catch (error) {
    await store.close();
    throw error;
  }
  const server: Server = (await new Promise((resolve, reject) => {
    const s = service.app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(s)));
  }).catch(async (error: unknown) => {
    await service.close();
    await store.close();
    throw error;
  })) as Server;
  // Keep-alive and header timeouts every service shares, and our clients' idle timeout stays under (service-kit keep-alive.ts).
  applyHttpTimeouts(server);
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  logger.info({ url, engine: store.engine }, `${defaults.name} listening on ${url}`);
  let closing: Promise<void> | undefined;
  return {
    url,
    service,
    store,
    logger,
    close() {
      closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await service.close();
        await store.close();
      })();
      return closing;
    },
  };
}

/** The body of every service's main: start (or say plainly why not and exit 1), then shut down cleanly on SIGINT/SIGTERM. */
export async function runAgencyMain(agency: AgencyId): Promise<void> {
  closeOnSignals(await startOrExit(serviceDefaults(agency).name, () => startAgencyServer(agency, process.env)));
}
