/**
 * Retries a client can trust (issue 10, item 4). The store is the record of idempotency, not a
 * side table a crash could leave out of step with it: every event a request appends carries, in
 * its metadata, `request: { hash, key? }`; with an Idempotency-Key its ids (and the id of an
 * entity it creates) are derived from (agency, key), so two copies of a request in flight at once
 * append the same ids and the store answers the second as a retry of the first.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { canonicalJson, type EventStore, type JsonValue, type RecordedEvent } from '@hub/event-store';
import { BadRequest, declaredProof, hubUuid, problemFor, signAppended, UnprocessableContent, type Actor, type Signer } from '@hub/service-kit';
import type { Request, Response } from 'express';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Set (`true`) on an answer that repeats the first answer to an earlier copy of the request. */
export const REPLAYED_HEADER = 'Idempotent-Replayed';
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:+/=-]{1,128}$/;

/** What ties events to the request that appended them. */
export interface RequestMark {
  /** The client's Idempotency-Key, or null when it sent none. */
  readonly key: string | null;
  /** Keyed hash of who asked what of which target: equal only for the same request. */
  readonly hash: string;
}

/** The Idempotency-Key a request carries; null without one; 400 when it is malformed. */
export function idempotencyKeyOf(req: Request): string | null {
  const given = req.headers['idempotency-key'];
  if (given === undefined) return null;
  const key = Array.isArray(given) ? given.join(',') : given;
  if (IDEMPOTENCY_KEY_PATTERN.test(key)) return key;
  throw new BadRequest(
    'Idempotency-Key 请求头格式不正确：应为 1 至 128 个字母、数字或 . _ : + / = - 字符（例如一个 UUID）',
    'The Idempotency-Key header must be 1 to 128 letters, digits or . _ : + / = - (a UUID, say)',
    [{ path: IDEMPOTENCY_HEADER, message: 'expected 1–128 characters of [A-Za-z0-9._:+/=-]' }],
  );
}

/**
 * Hashes requests with a key derived from the vault's master key: request bodies hold workers'
 * identities, and a plain hash of a low-entropy ID number in the shared store could be guessed.
 * Only this agency's service ever needs to recompute it.
 */
export class RequestHasher {
  private readonly secret: Buffer;

  constructor(vaultMasterKey: Buffer) {
    this.secret = createHmac('sha256', vaultMasterKey).update('hub-request-hash:v1').digest();
  }

  /** `target` names what is asked of which stream (`TransferLead <caseId>`); the body is the JSON as posted. */
  mark(req: Request, actor: Pick<Actor, 'agency' | 'userId'>, target: string): RequestMark {
    return this.markFor(idempotencyKeyOf(req), actor, target, (req.body ?? null) as JsonValue);
  }

  markFor(key: string | null, actor: Pick<Actor, 'agency' | 'userId'>, target: string, body: JsonValue): RequestMark {
    const text = canonicalJson({ target, user: `${actor.agency}/${actor.userId}`, body });
    return { key, hash: createHmac('sha256', this.secret).update(text).digest('base64url') };
  }
}

export function requestMetadata(mark: RequestMark): JsonValue {
  return mark.key === null ? { hash: mark.hash } : { hash: mark.hash, key: mark.key };
}

/** Ids for the events a keyed request appends to `stream`; none (the store mints them) without a key. */
export function eventIdsFor(agency: string, mark: RequestMark | undefined, stream: string, count: number): (string | undefined)[] {
  if (!mark || mark.key === null) return Array.from({ length: count }, () => undefined);
  return Array.from({ length: count }, (_, i) => hubUuid(`request:${agency}:${mark.key}:${stream}:${i}`));
}

/** The id of what a request creates (a case, a meeting, a warning): derived from the key, so a retry names the same one. */
export function createdIdFor(agency: string, mark: RequestMark, kind: string): string {
  return mark.key === null ? randomUUID() : hubUuid(`${kind}:${agency}:${mark.key}`);
}

function markOf(event: RecordedEvent): { key?: unknown; hash?: unknown } | null {
  const request = event.metadata['request'];
  return typeof request === 'object' && request !== null && !Array.isArray(request) ? request : null;
}

const reused = () =>
  new UnprocessableContent(
    'idempotency-key-reused',
    '该 Idempotency-Key 已用于另一个不同的请求，本次请求未执行；新的请求请使用新的 Idempotency-Key',
    'This Idempotency-Key was already used for a different request; nothing was done. Use a new key for a new request',
  );

/**
 * The events an earlier copy of this request appended to `stream` (one append: same agency and
 * causation, consecutive revisions), or null. With a key, the first request that used it — a
 * different request under that key is 422; without one, the latest run with the same hash.
 */
export async function priorRun(store: EventStore, agency: string, stream: string, mark: RequestMark): Promise<RecordedEvent[] | null> {
  let run: RecordedEvent[] | null = null;
  let open = false;
  for await (const event of store.readStream(stream)) {
    const m = markOf(event);
    const last = run?.at(-1);
    const matches = m !== null && event.metadata['agency'] === agency && (mark.key !== null ? m.key === mark.key : m.hash === mark.hash);
    if (matches && open && last && last.metadata.causationId === event.metadata.causationId && last.revision + 1n === event.revision) {
      run!.push(event);
      continue;
    }
    open = false;
    if (!matches) continue;
    if (mark.key !== null && run !== null) break;
    if (mark.key !== null && m.hash !== mark.hash) throw reused();
    run = [event];
    open = true;
  }
  return run;
}

/**
 * The first answer's figures, read back from the events. A run carries its proof inline (one
 * commit with the events); a run appended before that change whose first attempt died before its
 * EventsSigned record is signed now, as it was then.
 */
export async function answerOf(
  env: { store: EventStore; agency: string; signer: Signer },
  stream: string,
  run: readonly RecordedEvent[],
): Promise<{ revision: string; position: string; events: string[] }> {
  const last = run.at(-1)!;
  if (declaredProof(run[0]!) === null)
    await signAppended(env.store, env.agency, env.signer, stream, {
      result: { nextExpectedRevision: last.revision, position: last.position },
      count: run.length,
    });
  return { revision: last.revision.toString(), position: last.position.toString(), events: run.map((e) => e.type) };
}

/** The refusals an identical resend without a key meets: its entity id is taken, or its own first copy won the race. */
const RESEND_REFUSALS = new Set(['CHAIN.duplicate-id', 'concurrency', 'duplicate_event']);

export interface Once<T> {
  readonly result: T;
  /** The answer repeats the first one: nothing was appended this time. */
  readonly replayed: boolean;
}

/**
 * Carries out `act` unless the stream shows that this request was carried out already; then
 * `replay` rebuilds the first answer from its events. A keyed request is looked up before
 * deciding (the case has moved on since, so deciding again would refuse), and again when a
 * concurrent copy made its append fail (409). A request without a key is looked up (by its hash)
 * only when it is refused because the entity id it names is taken or the stream moved under it:
 * the identical resend of a transfer-lead gets the first answer, a different command naming that
 * id keeps its 409, and any other refusal stands (erasing an erased worker is still 409).
 */
export async function once<T>(
  store: EventStore,
  agency: string,
  stream: string,
  mark: RequestMark,
  act: () => Promise<T>,
  replay: (run: RecordedEvent[]) => Promise<T>,
): Promise<Once<T>> {
  if (mark.key !== null) {
    const prior = await priorRun(store, agency, stream, mark);
    if (prior) return { result: await replay(prior), replayed: true };
  }
  try {
    return { result: await act(), replayed: false };
  } catch (error) {
    const problem = problemFor(error);
    if (problem?.status !== 409 || (mark.key === null && !RESEND_REFUSALS.has(String(problem['ruleId'])))) throw error;
    const prior = await priorRun(store, agency, stream, mark);
    if (!prior) throw error;
    return { result: await replay(prior), replayed: true };
  }
}

/** Marks a repeated answer, so a client (and its logs) can tell a retry that went through the first time. */
export function markReplayed(res: Response, outcome: Once<unknown>): Response {
  if (outcome.replayed) res.set(REPLAYED_HEADER, 'true');
  return res;
}
