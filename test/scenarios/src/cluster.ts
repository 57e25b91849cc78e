/**
 * The four agency services as separate express apps, each listening on its own 127.0.0.1 port,
 * all on ONE event store: the hub as deployed, in one process. Tests use ephemeral ports and a
 * temp data directory per service; `pnpm start` uses fixed ports and ./data.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgencyService, type AgencyService } from '@hub/agency-service';
import type { DeadlinePolicy } from '@hub/case-domain';
import { agencyIds, type AgencyId, type Role } from '@hub/contracts';
import type { EventStore } from '@hub/event-store';
import { applyHttpTimeouts, createLogger, type Logger, type PublishedKey, type SignInSettings, type TrustPolicy } from '@hub/service-kit';
import { AgencyClient } from './client.js';
import { DEMO_PASSWORD, ensureDemoUsers } from './users.js';

export interface ClusterOptions {
  store: EventStore;
  /** One directory for every service's local files; absent: a fresh temp directory per service, removed on close. */
  dataDir?: string;
  /** Port per agency; absent or 0: an ephemeral port. */
  ports?: Partial<Record<AgencyId, number>>;
  host?: string;
  clock?: () => Date;
  policy?: DeadlinePolicy;
  /** A logger per agency; absent: silent (tests must not print). */
  logger?: (agency: AgencyId) => Logger;
  /** Password of the liaison/auditor/secretary/admin users created in every agency. */
  password?: string;
  vaultKey?: Buffer;
  /** Log the liaison clients in at boot (default true); `pnpm start` does only when it loads the demo. */
  login?: boolean;
  /** The deployment's trust file, if there is one yet: each service checks its own keys against it. */
  trust?: TrustPolicy;
  /** Sign-in failures, idle time, password age; absent: each service reads them from the environment. */
  signIn?: SignInSettings;
}

export interface Cluster {
  readonly store: EventStore;
  readonly services: Record<AgencyId, AgencyService>;
  readonly urls: Record<AgencyId, string>;
  /** Logged in as each agency's liaison (unless `login: false`). */
  readonly clients: Record<AgencyId, AgencyClient>;
  /** Every service's own public keys (from its key ring, not the store): the trust anchors of this set-up. */
  readonly anchors: PublishedKey[];
  /** A trust policy of exactly those anchors, for a hub next to this cluster. */
  readonly trust: TrustPolicy;
  /** Users created at boot (0 when they all existed). */
  readonly usersCreated: number;
  /** A fresh client logged in as `role` of `agency`. */
  login(agency: AgencyId, role: Role): Promise<AgencyClient>;
  close(): Promise<void>;
}

const silent = (agency: AgencyId): Logger => createLogger({ name: agency, level: 'silent' });

function listen(service: AgencyService, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    // As startAgencyServer does: the timeouts every service shares.
    const server = applyHttpTimeouts(service.app.listen(port, host));
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const host = options.host ?? '127.0.0.1';
  const password = options.password ?? DEMO_PASSWORD;
  const tempDirs: string[] = [];
  const started: { agency: AgencyId; service: AgencyService; server?: Server }[] = [];
  const close = async () => {
    for (const s of started.reverse()) {
      if (s.server) await closeServer(s.server);
      await s.service.close();
    }
    await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
  };
  try {
    let usersCreated = 0;
    for (const agency of agencyIds) {
      let dataDir = options.dataDir;
      if (dataDir === undefined) {
        dataDir = await mkdtemp(join(tmpdir(), `hub-${agency}-`));
        tempDirs.push(dataDir);
      }
      const service = await createAgencyService({
        agency,
        store: options.store,
        dataDir,
        logger: (options.logger ?? silent)(agency),
        ...(options.clock ? { clock: options.clock } : {}),
        ...(options.policy ? { policy: options.policy } : {}),
        ...(options.vaultKey ? { vaultKey: options.vaultKey } : {}),
        ...(options.trust ? { trust: options.trust } : {}),
        ...(options.signIn ? { signIn: options.signIn } : {}),
      });
      const entry: (typeof started)[number] = { agency, service };
      started.push(entry);
      usersCreated += await ensureDemoUsers(service.users, agency, password);
      entry.server = await listen(service, options.ports?.[agency] ?? 0, host);
    }
    const byAgency = <T>(f: (s: (typeof started)[number]) => T) => Object.fromEntries(started.map((s) => [s.agency, f(s)])) as Record<AgencyId, T>;
    const urls = byAgency((s) => `http://${host}:${(s.server!.address() as AddressInfo).port}`);
    const login = async (agency: AgencyId, role: Role) => {
      const client = new AgencyClient(agency, urls[agency]);
      await client.login(role, password, options.clock);
      return client;
    };
    const clientOf = (a: AgencyId) => (options.login === false ? Promise.resolve(new AgencyClient(a, urls[a])) : login(a, 'liaison'));
    const clients = Object.fromEntries(await Promise.all(agencyIds.map(async (a) => [a, await clientOf(a)] as const))) as Record<AgencyId, AgencyClient>;
    const anchors = started.flatMap((s) => s.service.publicKeys());
    const trust: TrustPolicy = { anchors, storeKeys: false, source: "the cluster's key rings" };
    return { store: options.store, services: byAgency((s) => s.service), urls, clients, anchors, trust, usersCreated, login, close };
  } catch (error) {
    await close();
    throw error;
  }
}
