/**
 * The whole system for the fuzz run: the four agency services and the hub, each on its own
 * ephemeral port, all on one SQLite store in a temp directory, as `pnpm start` runs them.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agencyIds, type AgencyId, type Role } from '@hub/contracts';
import { createHub, type Hub } from '@hub/hub-service';
import { openSqlite, startCluster, type Cluster, type OpenedStore } from '@hub/scenarios';
import { createLogger, signInSettings } from '@hub/service-kit';

export type ServiceName = AgencyId | 'hub';

export interface FuzzSystem {
  readonly cluster: Cluster;
  readonly hub: Hub;
  readonly opened: OpenedStore;
  /** Base URL of every service, the hub included. */
  readonly urls: Record<ServiceName, string>;
  /** A session token of `role` at `agency` (the hub trusts every agency's sessions). */
  token(agency: AgencyId, role: Role): Promise<string>;
  /** A new session, for a request that may end it. */
  freshToken(agency: AgencyId, role: Role): Promise<string>;
  /** The store's head position, as text ('none' while empty): what "nothing written" compares. */
  head(): Promise<string>;
  close(): Promise<void>;
}

export async function startSystem(): Promise<FuzzSystem> {
  const opened = await openSqlite();
  // Every fuzzed sign-in comes from 127.0.0.1 and most are wrong: the per-address limit (20) would
  // soon refuse the sign-ins the fuzzer needs for its own tokens. The limit is specified in the
  // sign-in specs (agency-service test/sign-in); here it is only raised, the lockout per name stays.
  const defaults = signInSettings(process.env);
  const cluster = await startCluster({ store: opened.store, signIn: { ...defaults, guard: { ...defaults.guard, addressMaxFailures: 100_000 } } });
  const dataDir = await mkdtemp(join(tmpdir(), 'hub-fuzz-'));
  const hub = await createHub({
    store: opened.store,
    dataDir,
    agencyUrls: cluster.urls,
    consoleDir: false,
    logger: createLogger({ name: 'hub', level: 'silent' }),
    trust: cluster.trust,
  });
  const server: Server = await new Promise((resolve) => {
    const s = hub.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  hub.attach(server);
  const urls = { ...cluster.urls, hub: `http://127.0.0.1:${(server.address() as AddressInfo).port}` } as Record<ServiceName, string>;
  const tokens = new Map<string, string>();
  return {
    cluster,
    hub,
    opened,
    urls,
    async token(agency, role) {
      const key = `${agency}/${role}`;
      if (!tokens.has(key)) tokens.set(key, (await cluster.login(agency, role)).sessionToken);
      return tokens.get(key)!;
    },
    async freshToken(agency, role) {
      return (await cluster.login(agency, role)).sessionToken;
    },
    async head() {
      const head = await opened.store.headPosition();
      return head === null ? 'none' : head.toString();
    },
    async close() {
      await hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await cluster.close();
      await opened.dispose();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const services: readonly ServiceName[] = [...agencyIds, 'hub'];
