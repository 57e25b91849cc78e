import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgencyId, Role } from '@hub/contracts';
import { SqliteEventStore, type EventStore, type RecordedEvent } from '@hub/event-store';
import { opaquePositions } from '@hub/event-store/contract';
import { createLogger } from '@hub/service-kit';
import { onTestFinished } from 'vitest';
import { createAgencyService, type AgencyService, type AgencyServiceOptions } from '../src/index.js';

export const PASSWORD = '正确的密码-Correct-Horse-9';

/** Lines go nowhere: tests must not print. */
export const silentLogger = () => createLogger({ name: 'test', level: 'silent' });

export interface Env {
  dir: string;
  storePath: string;
  store: SqliteEventStore;
  /** The same store as the services see it: positions that are not consecutive integers, as on EventStoreDB. */
  seen: EventStore;
  /** A service on `store` (or the one given) with its own data dir, listening on an ephemeral port. */
  boot(agency: AgencyId, options?: Partial<AgencyServiceOptions>): Promise<Booted>;
}

export interface Booted {
  service: AgencyService;
  url: string;
  /** Creates a user with these roles and logs in; returns a fetch bound to the token. */
  as(roles: Role[]): Promise<Api>;
}

export type Api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<{ status: number; body: any }>;

export function request(url: string, token?: string): Api {
  return async (method, path, body, headers = {}) => {
    const res = await fetch(url + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

async function listen(service: AgencyService): Promise<{ url: string; server: Server }> {
  const server: Server = await new Promise((resolve, reject) => {
    const s = service.app.listen(0, '127.0.0.1', (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

export function env(): Env {
  const dir = mkdtempSync(join(tmpdir(), 'agency-service-'));
  const storePath = join(dir, 'hub.db');
  const store = new SqliteEventStore({ path: storePath, durability: 'normal' });
  const seen = opaquePositions(store);
  const closers: (() => Promise<void>)[] = [];
  onTestFinished(async () => {
    for (const close of closers.reverse()) await close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir,
    storePath,
    store,
    seen,
    async boot(agency, options = {}) {
      const service = await createAgencyService({
        agency,
        // Positions as EventStoreDB gives them (not consecutive integers): a service that does
        // arithmetic on a position fails here, not first on a real cluster.
        store: seen,
        dataDir: join(dir, `svc-${randomUUID()}`),
        logger: silentLogger(),
        vaultKey: Buffer.alloc(32, 1),
        ...options,
      });
      const { url, server } = await listen(service);
      closers.push(async () => {
        await new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        });
        await service.close();
      });
      return {
        service,
        url,
        async as(roles) {
          const username = `u${randomUUID().slice(0, 8)}`;
          await service.users.create({ agency, username, displayName: `测试${roles.join('')}`, password: PASSWORD, roles });
          const login = await request(url)('POST', '/api/session', { username, password: PASSWORD });
          if (login.status !== 201) throw new Error(`login failed: ${login.status}`);
          return request(url, login.body.token as string);
        },
      };
    },
  };
}

export const WORKER = { name: '张三', idNumber: '330106199003071236', phone: '13812345678' };

export const openCaseBody = (overrides: Record<string, unknown> = {}) => ({
  channel: 'hotline_12351',
  category: 'wage_arrears',
  summary: '工地拖欠农民工工资',
  employers: [{ name: '某建筑劳务有限公司', uscc: '91330106MA2KQ7T39F' }],
  workerCount: 3,
  workers: [WORKER],
  amountClaimedFen: 3_600_000,
  region: '330106',
  ...overrides,
});

export async function streamOf(store: EventStore, caseId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of store.readStream(`case-${caseId}`)) events.push(e);
  return events;
}

export const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();
