/**
 * One command handler for every stream a service writes (cases, joint meetings, warnings), after
 * Emmett's `handleCommand`: read the stream, check who may act on it, decide, append with the
 * revision read and signed in the same append. Idempotency (issue 10.4) is composed here, once, rather than per route.
 */
import { requireNotInFuture, type DeadlinePolicy } from '@hub/case-domain';
import { currentVersions, hubEventMetadataSchema, parseEventData, type AgencyId, type EventType } from '@hub/contracts';
import type { EventMetadata, EventStore, JsonValue } from '@hub/event-store';
import { appendProven, type Actor, type Signer, type StreamHead } from '@hub/service-kit';
import type { StaffDirectory } from '../handlers/staff.js';
import type { LetterIssuer } from '../letters/issue.js';
import { answerOf, eventIdsFor, once, requestMetadata, type Once, type RequestHasher, type RequestMark } from '../idempotency.js';

export interface CommandEnv {
  readonly agency: AgencyId;
  readonly store: EventStore;
  readonly signer: Signer;
  readonly clock: () => Date;
  readonly policy: DeadlinePolicy;
  /** How far ahead of the clock an act may say it happened (issue 13.4); default the domain's DEFAULT_CLOCK_SKEW_MS. */
  readonly clockSkewMs?: number;
  /** Marks every appended event with the request that caused it (see idempotency.ts). */
  readonly requests: RequestHasher;
  /**
   * Awaited after deciding and before appending: what the events refer to that must be durable
   * first — the vault's data keys for new workers (Vault.durable: one shared WAL sync, off the thread).
   */
  readonly beforeAppend?: () => Promise<void>;
  /** The agency's people, for AssignHandler (承办人); absent: that command is refused as naming no user of the agency. */
  readonly staff?: StaffDirectory;
  /** Issues letters as documents (文号 from the register, the PDF's proof in the event); absent: letters are recorded without one. */
  readonly letters?: LetterIssuer;
}

/** Ids that tie the events to the request that caused them and the work it belongs to. */
export interface Trace {
  readonly correlationId: string;
  readonly causationId: string;
  /** The client request the events answer; absent for acts the service does on its own (applying a meeting's decisions). */
  readonly request?: RequestMark;
  /** When the act happened, as the client said (UTC ISO); absent: it happens now, as it is handled. */
  readonly occurredAt?: string;
}

/** The act's two instants as the handler sees them: the service's clock, and when the act happened (business time). */
export interface ActTime {
  readonly now: Date;
  readonly occurredAt: Date;
}

/** What a stream read for a command holds at least: the revision to expect (null: no stream yet) and its event's sealed hash. */
export interface ReadStream {
  readonly revision: bigint | null;
  /** The hash of the event at `revision` (null with no stream): the proof signs it as the head the events follow. */
  readonly headHash: string | null;
}

/** An event as a decider yields it: the catalog's type and its data. */
export interface Decided {
  readonly type: EventType;
  readonly data: unknown;
}

/** How one command is carried out on one stream; `R` is what `read` gives (state, revision, and what is derived beside). */
export interface Handling<R extends ReadStream> {
  readonly stream: string;
  /**
   * The stream folded, with what is read beside it for the decision and the access check
   * (participants, the meeting a decision names). A stream the request creates (its id just
   * minted) need not be read: return the initial state with revision null.
   */
  readonly read: () => Promise<R>;
  /** Who may act on what was read, and refusals that need more reads (404/403/409 as the routes answer); before deciding. */
  readonly check?: (read: R) => void | Promise<void>;
  /** The decider on what was read: the events to append, or a RuleViolation carrying its status. */
  readonly decide: (read: R, at: ActTime) => readonly Decided[];
  /**
   * After deciding, before appending: what the decided events still need that takes I/O (a
   * letter's register number and its rendered document, letters/issue.ts), given when the act happened. Absent: appended as decided.
   */
  readonly complete?: (events: readonly Decided[], read: R, at: ActTime) => Promise<readonly Decided[]>;
}

/** The answer to a command, first or replayed. Decimal strings: revisions and positions are bigint, which JSON cannot carry. */
export interface Appended {
  revision: string;
  position: string;
  events: string[];
}

/** What every event a service writes carries besides its data, on any stream (cases, meetings, warnings). */
export function metadataFor(event: { readonly type: EventType }, actor: Actor, trace: Trace, occurredAt?: string): EventMetadata {
  const metadata = {
    schemaVersion: currentVersions[event.type],
    agency: actor.agency,
    // A machine client's act says it came through an API key (issue 13.8); a person's act says nothing more.
    actor: { agency: actor.agency, userId: actor.userId, ...(actor.kind === 'service' ? { via: 'api_key' as const } : {}) },
    userName: actor.name,
    // When the act happened (issue 13.4): inside the content the agency signs and the chain hashes.
    ...(occurredAt !== undefined ? { occurredAt } : {}),
    correlationId: trace.correlationId,
    causationId: trace.causationId,
    ...(trace.request ? { request: requestMetadata(trace.request) } : {}),
  };
  hubEventMetadataSchema.parse(metadata);
  return metadata;
}

/**
 * Reads, checks, decides, and appends expecting the revision read (so a concurrent change fails
 * as 409 concurrency), the agency's signature inside that one append. Refusals go to the problem middleware with
 * the status they carry. A client request (`trace.request`) is carried out once: an earlier copy
 * found in the stream gets the first answer back, read from its events (see `once`).
 */
export async function handleCommand<R extends ReadStream>(env: CommandEnv, actor: Actor, trace: Trace, handling: Handling<R>): Promise<Once<Appended>> {
  const act = () => appendDecided(env, actor, trace, handling);
  if (!trace.request) return { result: await act(), replayed: false };
  return once(env.store, env.agency, handling.stream, trace.request, act, (run) => answerOf(env, handling.stream, run));
}

async function appendDecided<R extends ReadStream>(env: CommandEnv, actor: Actor, trace: Trace, handling: Handling<R>): Promise<Appended> {
  const read = await handling.read();
  await handling.check?.(read);
  const now = env.clock();
  const at: ActTime = { now, occurredAt: trace.occurredAt === undefined ? now : new Date(trace.occurredAt) };
  // Every stream's acts: not in the future (T1.future); a case's decider also bounds it by the case's own acts.
  requireNotInFuture(at.occurredAt, { now, ...(env.clockSkewMs !== undefined ? { clockSkewMs: env.clockSkewMs } : {}) });
  const decided = handling.decide(read, at);
  const events = handling.complete ? await handling.complete(decided, read, at) : decided;
  const occurredAt = at.occurredAt.toISOString();
  const { stream } = handling;
  // Ids derived from the Idempotency-Key: a copy of the request in flight at once appends the same ids, which the store answers as a retry.
  const ids = eventIdsFor(env.agency, trace.request, stream, events.length);
  await env.beforeAppend?.();
  if (read.revision !== null && read.headHash === null) throw new Error(`handleCommand: the read of ${stream} gave revision ${read.revision} without its hash`);
  const head: StreamHead | null = read.revision === null ? null : { revision: read.revision, hash: read.headHash! };
  // One append carries the events and the agency's proof over them (event-proof.ts): one commit.
  const result = await appendProven(
    env.store,
    env.agency,
    env.signer,
    stream,
    events.map((e, i) => ({ ...(ids[i] ? { id: ids[i] } : {}), type: e.type, data: e.data as JsonValue, metadata: metadataFor(e, actor, trace, occurredAt) })),
    head,
  );
  return { revision: result.nextExpectedRevision.toString(), position: result.position.toString(), events: events.map((e) => e.type) };
}

/**
 * The events of a stream without a case decider's types behind them (meetings, warnings), checked
 * against the catalog's strict schema before they are appended, as what is appended is the parse.
 */
export function checkedByCatalog(events: readonly Decided[]): Decided[] {
  return events.map((e) => ({ type: e.type, data: parseEventData(e.type, e.data) }));
}
