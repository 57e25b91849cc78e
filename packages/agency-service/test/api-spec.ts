/**
 * API specs that read given/when/then, after Emmett's `ApiSpecification`:
 *
 *   await apiSpec()
 *     .given(opened(caseId), act('union', caseId, cmd('TransferLead', { ... })))
 *     .when(as('procuratorate').post(`/api/cases/${caseId}/accept-lead`, { leadId }))
 *     .then(expectResponse(200, { events: ['LeadAccepted'] }), expectNewEvents(caseStream(caseId), [{ type: 'LeadAccepted' }]));
 *
 * Each run has its own SQLite store file and the requesting agency's real service on a real
 * socket; the other agencies of the history publish their keys and sign what they recorded, as
 * their services would. `then` sees the answer and every event the request appended; a refusal
 * says `thenNothingWritten(...)`. A run resolves to what it saw, for a spec that goes on from it.
 */
import { join } from 'node:path';
import type { AgencyId, Role } from '@hub/contracts';
import type { EventStore, RecordedEvent } from '@hub/event-store';
import { createSigner, KeyRing, publishKeyRing, readPublishedKeys, SessionIssuer, SqliteSqlDb, verifyStreamSignatures, type Signer } from '@hub/service-kit';
import { expect, onTestFinished } from 'vitest';
import type { AgencyServiceOptions } from '../src/index.js';
import { agencyPaths } from '../src/paths.js';
import { id, storeGiven, type Given } from './given.js';
import { env, request, type Booted } from './support.js';

/** One HTTP request, by a user of the agency with these roles (none: no token at all). */
export interface ApiRequest {
  readonly agency: AgencyId;
  readonly roles: Role[] | null;
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

const requestsOf = (agency: AgencyId, roles: Role[] | null) => ({
  get: (path: string, headers?: Record<string, string>): ApiRequest => ({ agency, roles, method: 'GET', path, ...(headers ? { headers } : {}) }),
  post: (path: string, body: unknown, headers?: Record<string, string>): ApiRequest => ({
    agency,
    roles,
    method: 'POST',
    path,
    body,
    ...(headers ? { headers } : {}),
  }),
});

/** A signed-in user of the agency's service (a liaison unless said). */
export const as = (agency: AgencyId, roles: Role[] = ['liaison']) => requestsOf(agency, roles);
/** No session at all, at the agency's service. */
export const anonymous = (agency: AgencyId) => requestsOf(agency, null);

/** What a run saw. */
export interface Outcome {
  readonly request: ApiRequest;
  readonly response: { status: number; body: any };
  /** Every event the request appended, on any stream, in store order. */
  readonly newEvents: readonly RecordedEvent[];
  /** The run's store, after the request. */
  readonly store: EventStore;
}

export type Then = (outcome: Outcome) => void | Promise<void>;

type StreamOf = string | ((response: Outcome['response']) => string);
const streamName = (stream: StreamOf, outcome: Outcome) => (typeof stream === 'function' ? stream(outcome.response) : stream);

const said = (request: ApiRequest) => `${request.method} ${request.path} as ${request.agency} ${request.roles?.join('+') ?? 'without a session'}`;

/** The status, and a subset of the body (or a function that asserts on it). */
export function expectResponse(status: number, body?: object | ((body: any) => void)): Then {
  return ({ request, response }) => {
    expect(response.status, `status of ${said(request)}; it answered ${JSON.stringify(response.body)}`).toBe(status);
    if (typeof body === 'function') body(response.body);
    else if (body !== undefined) expect(response.body, `body of ${said(request)}`).toMatchObject(body);
  };
}

export interface ExpectedEvent {
  type: string;
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

/**
 * Exactly these events, in order, appended to the stream (named, or read from the answer, for a
 * case the request opened): types exactly, data and metadata as subsets.
 */
export function expectNewEvents(stream: StreamOf, events: readonly ExpectedEvent[]): Then {
  return (outcome) => {
    const name = streamName(stream, outcome);
    const written = outcome.newEvents.filter((e) => e.stream === name);
    expect(
      written.map((e) => e.type),
      `types of the events ${said(outcome.request)} appended to ${name}`,
    ).toEqual(events.map((e) => e.type));
    expect(
      written.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata })),
      `events ${said(outcome.request)} appended to ${name}`,
    ).toMatchObject(events.map((e) => ({ type: e.type, ...(e.data ? { data: e.data } : {}), ...(e.metadata ? { metadata: e.metadata } : {}) })));
  };
}

/** The stream's hash chain holds, and each of its `events` events is signed by its agency with a key the agency published. */
export function expectSigned(stream: StreamOf, events: number): Then {
  return async (outcome) => {
    const name = streamName(stream, outcome);
    const report = await verifyStreamSignatures(outcome.store, name, await readPublishedKeys(outcome.store));
    expect(report, `signatures of ${name} after ${said(outcome.request)}`).toMatchObject({ ok: true, events, problems: [] });
  };
}

/** Not one event, on any stream. */
export function expectNothingWritten(): Then {
  return ({ request, newEvents }) => {
    expect(
      newEvents.map((e) => `${e.stream}@${e.revision} ${e.type}`),
      `events ${said(request)} appended; it should have written none`,
    ).toEqual([]);
  };
}

export interface ApiSpecOptions {
  /** Given to the requesting agency's service. */
  service?: Partial<Omit<AgencyServiceOptions, 'agency' | 'store' | 'dataDir'>>;
}

async function run(options: ApiSpecOptions, givens: readonly Given[], req: ApiRequest, thens: readonly Then[]): Promise<Outcome> {
  const e = env();
  const signers = new Map<AgencyId, Signer>();
  let service: Booted | undefined;
  let sessions: SessionIssuer | undefined;
  for (const agency of new Set([req.agency, ...givens.map((g) => g.agency)])) {
    // Where the agency's service keeps its key ring, so the service signs with the keys the history was signed with.
    const dataDir = join(e.dir, `svc-${agency}`);
    const db = SqliteSqlDb.open(agencyPaths(dataDir, agency).localDb);
    onTestFinished(() => db.close());
    // With the key-encryption key the service boots with (support.ts), which seals these keys at its start.
    const keyring = await KeyRing.open(db, undefined, Buffer.alloc(32, 1));
    signers.set(agency, createSigner(await keyring.current('events')));
    if (agency === req.agency) {
      service = await e.boot(agency, { ...options.service, dataDir });
      sessions = new SessionIssuer(await keyring.current('sessions'), 60, options.service?.clock);
    } else await publishKeyRing(e.store, agency, keyring);
  }
  for (const given of givens) await storeGiven(given, { store: e.store, signer: signers.get(given.agency)!, now: options.service?.clock?.() ?? new Date() });

  // A session signed with the service's own key, as its login would issue (without the password hashing a login costs).
  const token =
    req.roles && (await sessions!.issue({ id: `u${id().slice(0, 8)}`, agency: req.agency, roles: req.roles, displayName: `测试${req.roles.join('')}` })).token;
  const api = request(service!.url, token ?? undefined);
  const head = await e.store.headPosition();
  const response = await api(req.method, req.path, req.body, req.headers);
  const newEvents: RecordedEvent[] = [];
  for await (const event of e.store.readAll(head === null ? {} : { after: head })) newEvents.push(event);

  const outcome: Outcome = { request: req, response, newEvents, store: e.store };
  for (const then of thens) await then(outcome);
  return outcome;
}

export function apiSpec(options: ApiSpecOptions = {}) {
  return {
    given: (...givens: Given[]) => ({
      when: (req: ApiRequest) => ({
        then: (...thens: Then[]): Promise<Outcome> => run(options, givens, req, thens),
        /** A refusal, or a read: these checks, and no event written anywhere. */
        thenNothingWritten: (...thens: Then[]): Promise<Outcome> => run(options, givens, req, [...thens, expectNothingWritten()]),
      }),
    }),
  };
}
