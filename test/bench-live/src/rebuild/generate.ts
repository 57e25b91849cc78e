/**
 * Fills a fresh store (a SQLite file, or the PostgreSQL database `open` connects to) with case histories as the services would have written them: each
 * command of a plan (plans.ts) goes through the case domain's `decide`, is appended to its case
 * stream with the services' metadata and expected revision, signed inside that same append (the
 * proof in the first event's `metadata.proof`, as the services sign since issue 12.2) by
 * service-kit's own `appendSigned` with a real Ed25519 key, after the agencies published their
 * keys. appendSigned reads the stream's head (revision and hash) for the proof, as a service's
 * command reads the stream it decides on. Many cases are written at once, so the store's group commit
 * gathers the appends of one event-loop turn into one transaction.
 *
 * Time is simulated: the store's clock and the domain's `now` move forward together through the
 * year before the run, so the read models see a year of months, deadlines and overdue items.
 */
import { createCipheriv, generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { decide, evolve, initialState, caseStream, type CaseCommand, type CaseState, defaultPolicy } from '@hub/case-domain';
import {
  agencyIds,
  commandByPath,
  commandCatalog,
  currentVersions,
  type AgencyId,
  type CaseEvent,
  type EncryptedField,
  type WorkerIdentityInput,
  type WorkerRef,
} from '@hub/contracts';
import { SqliteEventStore, type EventMetadata, type EventStore, type JsonValue } from '@hub/event-store';
import { appendSigned, createSigner, keyIdOf, publishKeys, rawPublicKey, type Signer } from '@hub/service-kit';
import { planFor, type CasePlan } from '../plans.js';

export interface GenerateOptions {
  /** The SQLite file, when `open` is not given. */
  path: string;
  /** Opens the store to fill instead (PostgreSQL), reading recordedAt from `clock`. */
  open?: (clock: () => Date) => Promise<EventStore>;
  /** Stored events to write (case events; their proofs ride inside them). */
  events: number;
  /** Cases written at the same time. Default 256. */
  lanes?: number;
  log?: (line: string) => void;
}

export interface GenerateResult {
  events: number;
  cases: number;
  commands: number;
  ms: number;
  /** Events per second of wall time. */
  rate: number;
  /** The simulated span the histories cover. */
  from: string;
  to: string;
}

const YEAR_MS = 365 * 86_400_000;
/** Events one command writes on average is a little over 1 (its case event, rarely two); a little less here so the simulated year ends before now. */
const EVENTS_PER_COMMAND = 1;

/** AES-256-GCM under a throwaway per-worker key: the shape and size of the services' vault fields. */
function seal(workerId: string, key: Buffer, plaintext: string): EncryptedField {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(`hub-vault:field:v1:${workerId}`, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { v: 1, alg: 'A256GCM', iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

export function encryptWorker(worker: WorkerIdentityInput): WorkerRef {
  const workerId = randomUUID();
  const key = randomBytes(32);
  return {
    workerId,
    name: seal(workerId, key, worker.name),
    ...(worker.idNumber !== undefined ? { idNumber: seal(workerId, key, worker.idNumber) } : {}),
    ...(worker.phone !== undefined ? { phone: seal(workerId, key, worker.phone) } : {}),
  };
}

export interface AgencyIdentity {
  signer: Signer;
  userId: string;
  userName: string;
}

export async function publishAgencies(store: EventStore): Promise<Record<AgencyId, AgencyIdentity>> {
  const out = {} as Record<AgencyId, AgencyIdentity>;
  for (const agency of agencyIds) {
    const keys = (['events', 'sessions'] as const).map((purpose) => {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const publicKeyRaw = rawPublicKey(publicKey);
      return { purpose, publicKeyRaw, privateKey, keyId: keyIdOf(publicKeyRaw) };
    });
    await publishKeys(store, agency, keys);
    const events = keys[0]!;
    out[agency] = { signer: createSigner({ keyId: events.keyId, privateKey: events.privateKey }), userId: randomUUID(), userName: `${agency} liaison` };
  }
  return out;
}

/** Appends what `decide` gave for one command to the case's stream, signed and with the metadata a service writes. */
export async function appendDecided(
  store: EventStore,
  me: AgencyIdentity,
  agency: AgencyId,
  caseId: string,
  events: readonly CaseEvent[],
  revision: bigint | null,
): Promise<{ nextExpectedRevision: bigint }> {
  const correlationId = randomUUID();
  const metadataOf = (event: CaseEvent): EventMetadata => ({
    schemaVersion: currentVersions[event.type],
    agency,
    actor: { agency, userId: me.userId },
    userName: me.userName,
    correlationId,
    causationId: randomUUID(),
  });
  return appendSigned(
    store,
    agency,
    me.signer,
    caseStream(caseId),
    events.map((e) => ({ type: e.type, data: e.data as unknown as JsonValue, metadata: metadataOf(e) })),
    { expectedRevision: revision ?? 'no_stream' },
  );
}

export async function generateStore(options: GenerateOptions): Promise<GenerateResult> {
  const log = options.log ?? (() => {});
  const lanes = options.lanes ?? 256;
  const target = options.events;
  const expectedCommands = Math.max(1, target / EVENTS_PER_COMMAND);
  const start = Date.now() - YEAR_MS;
  const stepMs = YEAR_MS / expectedCommands;
  let commandsIssued = 0;
  const simNow = () => new Date(start + commandsIssued * stepMs);
  // Durability 'normal' (WAL without an fsync per commit): the rebuild reads this store, it never
  // depends on how the writes were made durable, and fsyncs would only slow the filling down.
  // (On PostgreSQL the caller turns synchronous_commit off for the same reason.)
  const store = options.open ? await options.open(simNow) : new SqliteEventStore({ path: options.path, durability: 'normal', clock: simNow });
  const agencies = await publishAgencies(store);
  let reserved = 8; // the published keys
  let written = 8;
  let cases = 0;
  let casesStarted = 0;
  const t0 = performance.now();
  let lastLog = t0;

  const progress = () => {
    const now = performance.now();
    if (now - lastLog < 2000) return;
    lastLog = now;
    log(
      `generate: ${written.toLocaleString('en-US')} / ${target.toLocaleString('en-US')} events, ${Math.round((written * 1000) / (now - t0)).toLocaleString('en-US')} events/s`,
    );
  };

  const runCommand = async (
    agency: AgencyId,
    caseId: string,
    command: CaseCommand,
    state: CaseState,
    revision: bigint | null,
  ): Promise<{ state: CaseState; revision: bigint } | null> => {
    const now = simNow();
    const me = agencies[agency];
    const events: CaseEvent[] = decide(command, state, { now, actor: { agency, userId: me.userId, roles: ['liaison'] }, policy: defaultPolicy });
    const cost = events.length;
    if (reserved + cost > target) return null;
    reserved += cost;
    commandsIssued += 1;
    const result = await appendDecided(store, me, agency, caseId, events, revision);
    written += cost;
    progress();
    return { state: events.reduce(evolve, state), revision: result.nextExpectedRevision };
  };

  /** Runs one case's plan to its end; false when the budget ran out before it. */
  const runCase = async (plan: CasePlan): Promise<boolean> => {
    const caseId = randomUUID();
    const { workers, ...rest } = commandCatalog.OpenCase.input.parse(plan.open(simNow()));
    const open: CaseCommand = { type: 'OpenCase', data: { ...rest, caseId, workers: workers.map(encryptWorker) } };
    let at = await runCommand(plan.opener, caseId, open, initialState, null);
    if (!at) return false;
    cases += 1;
    for (const step of plan.steps) {
      const definition = commandByPath.get(step.path)!;
      const command = { type: definition.name, data: definition.input.parse(step.body(simNow())) } as CaseCommand;
      at = await runCommand(step.agency, caseId, command, at.state, at.revision);
      if (!at) return false;
    }
    return true;
  };

  const lane = async () => {
    while (reserved < target) {
      const n = casesStarted++;
      if (!(await runCase(planFor(n)))) return;
    }
  };
  try {
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    await store.close();
  }
  const ms = performance.now() - t0;
  return {
    events: written,
    cases,
    commands: commandsIssued,
    ms,
    rate: (written * 1000) / ms,
    from: new Date(start).toISOString(),
    to: simNow().toISOString(),
  };
}
