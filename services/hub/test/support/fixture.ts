/**
 * The hub on a real SQLite store in a temp dir, listening on an ephemeral port, with four agencies
 * that act the way their services do: commands decided by the case domain's own `decide`,
 * appended with the metadata the services write, signed with each agency's key, keys published
 * on the store. Sessions are real EdDSA tokens of those agencies. Everything is closed and
 * deleted when the test finishes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  caseEventOf,
  caseStream,
  decide,
  defaultPolicy,
  evolve,
  initialState,
  type CaseCommand,
  type CaseState,
  type DeadlinePolicy,
  type HandlerFacts,
  type MeetingRecord,
} from '@hub/case-domain';
import { agencyIds, currentVersions, type AgencyId, type CaseEvent, type EncryptedField, type HubEvent, type Role } from '@hub/contracts';
import { SqliteEventStore, type AppendResult, type EventData, type ExpectedRevision, type JsonValue } from '@hub/event-store';
import { agencyPaths } from '@hub/agency-service';
import {
  appendSigned,
  signAppended,
  createLogger,
  createSigner,
  KeyRing,
  SqliteSqlDb,
  publishedKeyOf,
  publishKeys,
  SessionIssuer,
  type SqlDb,
  type PublishedKey,
  type Signer,
  type TrustPolicy,
} from '@hub/service-kit';
import { onTestFinished } from 'vitest';
import { createHub, type Hub, type HubOptions } from '../../src/index.js';

export const T0 = new Date('2026-03-02T02:00:00.000Z');

export interface TestAgency {
  readonly agency: AgencyId;
  readonly keyring: KeyRing;
  readonly signer: Signer;
  readonly sessions: SessionIssuer;
}

export interface ActOptions {
  userId?: string;
  roles?: Role[];
  /** The decision's clock; default: the fixture's clock. */
  now?: Date;
  /** For RecordMeetingDecision: the meeting as its stream holds it (the services read it there). */
  meeting?: MeetingRecord;
  /** For AssignHandler: what the agency's service read about the named user and the case's participants. */
  handler?: HandlerFacts;
  /** When the act happened (business time, written to metadata.occurredAt); default: none, as events before issue 13.4. */
  occurredAt?: Date;
  /** A machine client's act (issue 13.8): the actor says it came through an API key. */
  viaApiKey?: boolean;
  /** For `record`: the schema version the data is written at (an older one, as stores from before hold); default the current one. */
  schemaVersion?: number;
}

export interface HubFixture {
  readonly dir: string;
  readonly store: SqliteEventStore;
  readonly hub: Hub;
  /** http://127.0.0.1:<port>; the live feed is at ws://…/api/live. */
  readonly url: string;
  readonly agencies: Record<AgencyId, TestAgency>;
  /** The trust file the hub was given (unless a spec gave its own): every agency's first keys. */
  readonly anchors: PublishedKey[];
  /** The fixture's clock: starts at T0; move it with `advance`. */
  now(): Date;
  advance(ms: number): void;
  /** A session token of a user of the agency. */
  token(agency: AgencyId, roles?: Role[], userId?: string): Promise<string>;
  /** Decides `command` on the case's current state as `agency` and appends what it yields, signed. */
  act(agency: AgencyId, caseId: string, command: CaseCommand, options?: ActOptions): Promise<AppendResult & { events: CaseEvent[] }>;
  /** Appends any hub event (a meeting's, a warning's) to `stream` as `agency` would, signed. */
  record(agency: AgencyId, stream: string, events: readonly HubEvent[], options?: ActOptions): Promise<AppendResult>;
  /** The case's state as the domain sees it (read from the store). */
  state(caseId: string): Promise<CaseState>;
  /** GET/POST against the hub with a token; body parsed as JSON when it is. */
  request(method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
  /** Waits until every read model has applied the store's head. */
  settle(): Promise<void>;
}

/** A dummy AES-GCM envelope: the hub never decrypts, so its content does not matter. */
export const sealed = (): EncryptedField => ({
  v: 1,
  alg: 'A256GCM',
  iv: Buffer.alloc(12, 7).toString('base64'),
  ct: Buffer.from('opaque').toString('base64'),
  tag: Buffer.alloc(16, 9).toString('base64'),
});

export interface FixtureOptions extends Partial<Omit<HubOptions, 'store' | 'dataDir'>> {
  policy?: DeadlinePolicy;
  /**
   * How `act` and `record` sign: 'inline' (default) as the services do since issue 12.2, the proof
   * in the append itself; 'events-signed' as they did before it, an EventsSigned record appended
   * after the events — data a store written before the change holds, which must still verify.
   */
  signing?: 'inline' | 'events-signed';
  /** Rebuilds run on a worker thread with its own connection to the fixture's store file (HubOptions.storeUrl). */
  rebuildOnThread?: boolean;
}

function hubOptionsOf(options: FixtureOptions): Partial<Omit<HubOptions, 'store' | 'dataDir'>> {
  const { signing: _signing, rebuildOnThread: _thread, ...hub } = options;
  return hub;
}

export async function hubFixture(options: FixtureOptions = {}): Promise<HubFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-'));
  let clock = T0.getTime();
  const now = () => new Date(clock);
  const store = new SqliteEventStore({ path: join(dir, 'events.db'), durability: 'normal', clock: now });
  const dbs: SqlDb[] = [];
  const agencies = {} as Record<AgencyId, TestAgency>;
  const anchors: PublishedKey[] = [];
  for (const agency of agencyIds) {
    // Where a real service of the agency keeps its key ring (audit/support.ts bootAgency), so a
    // service booted later signs with the keys the trust file names.
    const db = SqliteSqlDb.open(agencyPaths(join(dir, `svc-${agency}`), agency).localDb);
    dbs.push(db);
    // With the key-encryption key audit/support.ts's bootAgency gives the service, which seals these keys at its start.
    const keyring = await KeyRing.open(db, now, Buffer.alloc(32, 3));
    const events = await keyring.current('events');
    const sessions = await keyring.current('sessions');
    await publishKeys(store, agency, [events, sessions]);
    anchors.push(publishedKeyOf(agency, events), publishedKeyOf(agency, sessions));
    agencies[agency] = { agency, keyring, signer: createSigner(events), sessions: new SessionIssuer(sessions, 60, now) };
  }
  const policy = options.policy ?? defaultPolicy;
  const trust: TrustPolicy = options.trust ?? { anchors, storeKeys: false, source: "the fixture's trust file" };
  const hub = await createHub({
    logger: createLogger({ name: 'hub', level: 'silent' }),
    clock: now,
    ...hubOptionsOf(options),
    ...(options.rebuildOnThread ? { storeUrl: `sqlite:${join(dir, 'events.db')}` } : {}),
    trust,
    store,
    dataDir: dir,
  });
  const server: Server = await new Promise((resolve) => {
    const s = hub.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  hub.attach(server);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  onTestFinished(async () => {
    await hub.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    for (const db of dbs) await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const metadata = (agency: AgencyId, type: string, o: ActOptions) => {
    const userId = o.userId ?? `${agency}-liaison`;
    return {
      schemaVersion: o.schemaVersion ?? (currentVersions as Record<string, number>)[type] ?? 1,
      actor: { agency, userId, ...(o.viaApiKey ? { via: 'api_key' } : {}) },
      userName: o.viaApiKey ? '12351平台' : `${agency} 联络员`,
      ...(o.occurredAt ? { occurredAt: o.occurredAt.toISOString() } : {}),
      correlationId: crypto.randomUUID(),
    };
  };
  const signing = options.signing ?? 'inline';
  const sign = async (agency: AgencyId, stream: string, data: EventData[], expectedRevision: ExpectedRevision): Promise<AppendResult> => {
    if (signing === 'inline') return appendSigned(store, agency, agencies[agency].signer, stream, data, { expectedRevision });
    const stamped = data.map((e) => ({ ...e, metadata: { ...e.metadata, agency } }));
    const result = await store.append(stream, stamped, { expectedRevision });
    await signAppended(store, agency, agencies[agency].signer, stream, { result, count: data.length });
    return result;
  };
  const readState = async (caseId: string): Promise<{ state: CaseState; revision: bigint | 'no_stream' }> => {
    let state = initialState;
    let revision: bigint | 'no_stream' = 'no_stream';
    for await (const recorded of store.readStream(caseStream(caseId))) {
      revision = recorded.revision;
      const event = caseEventOf(recorded);
      if (event) state = evolve(state, event);
    }
    return { state, revision };
  };

  return {
    dir,
    store,
    hub,
    url,
    agencies,
    anchors,
    now,
    advance(ms) {
      clock += ms;
    },
    async token(agency, roles = ['liaison'], userId) {
      const issued = await agencies[agency].sessions.issue({
        id: userId ?? `${agency}-${roles[0]}`,
        agency,
        roles,
        displayName: `${agency} ${roles.join('/')}`,
      });
      return issued.token;
    },
    async act(agency, caseId, command, o = {}) {
      const { state, revision } = await readState(caseId);
      const events = decide(command, state, {
        now: o.now ?? now(),
        ...(o.occurredAt ? { occurredAt: o.occurredAt } : {}),
        actor: { agency, userId: o.userId ?? `${agency}-liaison`, roles: o.roles ?? ['liaison', 'secretary'] },
        policy,
        ...(o.meeting ? { meeting: o.meeting } : {}),
        ...(o.handler ? { handler: o.handler } : {}),
      });
      const data: EventData[] = events.map((e) => ({ type: e.type, data: e.data as unknown as JsonValue, metadata: metadata(agency, e.type, o) }));
      const result = await sign(agency, caseStream(caseId), data, revision);
      return { ...result, events };
    },
    async record(agency, stream, events, o = {}) {
      const data: EventData[] = events.map((e) => ({ type: e.type, data: e.data as unknown as JsonValue, metadata: metadata(agency, e.type, o) }));
      return sign(agency, stream, data, 'any');
    },
    async state(caseId) {
      return (await readState(caseId)).state;
    },
    async request(method, path, token, body) {
      const headers: Record<string, string> = {};
      if (token) headers['authorization'] = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(url + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // not JSON: keep the text
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async settle() {
      const head = await store.headPosition();
      if (head !== null) await hub.projections.waitForPosition(head, 10_000);
    },
  };
}
