/**
 * The number register (案号, 文号): numbers issued per issuer, kind and year, 1, 2, 3… with no gap
 * and no duplicate, however many processes issue at once, on every engine.
 *
 * One register is one stream, `register-<issuer>-<kind>-<year>`, and number n is its event at
 * revision n - 1. Issuing appends one `NumberIssued` expecting the revision last read: the store
 * takes one append per revision, so two issuers racing for n get n and a conflict; the loser reads
 * on and tries n + 1. One append to one stream is atomic on sqlite (a transaction), PostgreSQL (a
 * transaction with the stream's head row locked) and EventStoreDB (a single append with an
 * expected revision), so a number exists exactly when its event does. A subject (a case id, a
 * letter id) holds at most one number per register: issuing again for it answers the number it
 * has, so a retried or concurrent request cannot take two. See docs/case-numbers.md.
 */
import { agencyIds, numberIssued, registerKindSchema, registerSubjectSchema, registerYearSchema, type AgencyId } from '@hub/contracts';
import { DuplicateEventId, WrongExpectedRevision, type EventMetadata, type EventStore, type JsonObject, type RecordedEvent } from '@hub/event-store';
import { appendProven, Conflict, hubUuid, type Signer, type StreamHead } from '@hub/service-kit';

export const REGISTER_STREAM_PREFIX = 'register-';

/** Which register: who issues, what kind of number, which year (Asia/Shanghai). */
export interface RegisterKey {
  readonly issuer: AgencyId;
  readonly kind: string;
  readonly year: number;
}

export interface IssueRequest extends RegisterKey {
  /** What the number is for; one number per subject per register. */
  readonly subject: string;
  /** Stored with the number: what completes the subject from the register alone (see docs/case-numbers.md). */
  readonly record?: JsonObject;
  /** Metadata for this issuance's event (actor, correlation), over the register's own. */
  readonly metadata?: EventMetadata;
}

export interface IssuedNumber extends RegisterKey {
  readonly sequence: number;
  readonly subject: string;
  /** The record stored when the number was first issued (a retry's record is not stored again). */
  readonly record: JsonObject | null;
  /** When the store recorded the issuance. */
  readonly issuedAt: string;
}

export interface NumberRegisterOptions {
  readonly store: EventStore;
  /** The agency this service speaks for: it issues from its own registers only. */
  readonly agency: AgencyId;
  /** Each issuance is signed in its own append, as every act of the agency is. */
  readonly signer: Signer;
  /** Metadata every NumberIssued carries besides the schema version (actor, correlation). */
  readonly metadata?: () => EventMetadata;
  /** Appends tried before giving up as 409 when others keep winning (default 100). */
  readonly maxAttempts?: number;
}

export function registerStream(key: RegisterKey): string {
  return `${REGISTER_STREAM_PREFIX}${key.issuer}-${key.kind}-${key.year}`;
}

/** The key a register stream name stands for, or undefined for any other stream. */
export function registerKeyOfStream(stream: string): RegisterKey | undefined {
  const m = /^register-(.+)-([a-z][a-z0-9_]{0,39})-(\d{4})$/.exec(stream);
  if (!m || !(agencyIds as readonly string[]).includes(m[1]!)) return undefined;
  return { issuer: m[1] as AgencyId, kind: m[2]!, year: Number(m[3]) };
}

function checkKey(key: RegisterKey): void {
  if (!(agencyIds as readonly string[]).includes(key.issuer)) throw new TypeError(`register: unknown issuer ${String(key.issuer)}`);
  registerKindSchema.parse(key.kind);
  registerYearSchema.parse(key.year);
}

/** What a process knows of one register: the head it read, and which subject holds which number. */
interface Known {
  head: StreamHead | null;
  bySubject: Map<string, number>;
}

/** An issuance waiting for its register's next append, with the metadata of the request that asked for it. */
interface Waiting {
  request: IssueRequest;
  metadata: EventMetadata;
  resolve: (issued: IssuedNumber) => void;
  reject: (error: unknown) => void;
}

/** How many registers one process keeps in memory; past it the least recently used is read again when next needed. */
const KEPT_REGISTERS = 64;
/** The most numbers one append issues: a bound on the append's size (each NumberIssued may carry a case's opening). */
const MAX_BATCH = 64;

export class NumberRegister {
  private readonly known = new Map<string, Known>();
  /**
   * Issuances waiting, per register. One append at a time per register within this process
   * (appends to one register would only conflict with each other); what queued while one was in
   * flight goes into the next as one append of consecutive numbers: one durable commit for many
   * numbers, so opening cases at a high rate does not queue behind one commit per number.
   */
  private readonly waiting = new Map<string, Waiting[]>();
  private readonly draining = new Set<string>();

  constructor(private readonly options: NumberRegisterOptions) {}

  /** Issues the subject's number in the register, or answers the one it already holds. */
  issueNumber(request: IssueRequest): Promise<IssuedNumber> {
    try {
      checkKey(request);
      registerSubjectSchema.parse(request.subject);
      if (request.issuer !== this.options.agency)
        throw new TypeError(`register: ${this.options.agency} issues from its own registers, not ${request.issuer}'s`);
    } catch (error) {
      return Promise.reject(error);
    }
    const stream = registerStream(request);
    // The metadata is taken now, in the caller's context (its actor and correlation), not in the drain's.
    const metadata: EventMetadata = { ...this.options.metadata?.(), ...request.metadata, schemaVersion: numberIssued.version };
    return new Promise<IssuedNumber>((resolve, reject) => {
      const queue = this.waiting.get(stream);
      if (queue) queue.push({ request, metadata, resolve, reject });
      else this.waiting.set(stream, [{ request, metadata, resolve, reject }]);
      if (!this.draining.has(stream)) {
        this.draining.add(stream);
        void this.drain(stream);
      }
    });
  }

  /** The number a subject holds in a register, or null. */
  async numberOf(key: RegisterKey, subject: string): Promise<IssuedNumber | null> {
    checkKey(key);
    const stream = registerStream(key);
    const { known, read } = await this.catchUp(stream);
    const sequence = known.bySubject.get(subject);
    return sequence === undefined ? null : (read.get(subject) ?? this.entry(stream, sequence));
  }

  /** The register's numbers in order from `fromSequence` (default 1). */
  async *entries(key: RegisterKey, fromSequence = 1): AsyncGenerator<IssuedNumber> {
    checkKey(key);
    for await (const event of this.options.store.readStream(registerStream(key), { fromRevision: BigInt(Math.max(1, fromSequence) - 1) }))
      yield toIssued(event);
  }

  /** Issues what waits for one register, a batch per append, until nothing waits. */
  private async drain(stream: string): Promise<void> {
    for (;;) {
      const queue = this.waiting.get(stream);
      // No await between this check and leaving the drain, so an issuance can never be left waiting unseen.
      if (!queue || queue.length === 0) {
        this.waiting.delete(stream);
        this.draining.delete(stream);
        return;
      }
      const batch = queue.splice(0, MAX_BATCH);
      try {
        await this.issueBatch(stream, batch);
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
  }

  private async issueBatch(stream: string, batch: readonly Waiting[]): Promise<void> {
    const { store, agency, signer } = this.options;
    const attempts = this.options.maxAttempts ?? 100;
    let open = batch;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const { known, read } = await this.catchUp(stream);
      const still: Waiting[] = [];
      for (const w of open) {
        const held = known.bySubject.get(w.request.subject);
        if (held === undefined) still.push(w);
        else w.resolve(read.get(w.request.subject) ?? (await this.entry(stream, held)));
      }
      open = still;
      if (open.length === 0) return;
      // One number per subject, in the order asked: a subject asked for twice in a batch gets one.
      const first = new Map<string, Waiting>();
      for (const w of open) if (!first.has(w.request.subject)) first.set(w.request.subject, w);
      const next = known.head === null ? 1 : Number(known.head.revision) + 2;
      const events = [...first.values()].map(({ request, metadata }, i) => {
        const data: JsonObject = {
          issuer: request.issuer,
          kind: request.kind,
          year: request.year,
          sequence: next + i,
          subject: request.subject,
          ...(request.record ? { record: request.record } : {}),
        };
        numberIssued.data.parse(data);
        // The id is the subject's in this register: a resend of the same append is the store's retry, never a second number.
        return { id: hubUuid(`register:${stream}:${request.subject}`), type: numberIssued.type, data, metadata };
      });
      try {
        await appendProven(store, agency, signer, stream, events, known.head);
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision || error instanceof DuplicateEventId)) throw error;
        // Another process took these numbers (or stored one of these subjects first): read on and try again.
        await pause(attempt);
      }
    }
    const refusal = new Conflict('concurrency', `编号登记簿 ${stream} 争用过多，请稍后重试`, `The register ${stream} is too contended; try again shortly`);
    for (const w of open) w.reject(refusal);
  }

  /**
   * Reads the register on from what this process knew, checking that sequence = revision + 1
   * throughout; `read` holds the numbers read this time, by subject.
   */
  private async catchUp(stream: string): Promise<{ known: Known; read: Map<string, IssuedNumber> }> {
    let known = this.known.get(stream);
    if (known) this.known.delete(stream);
    known ??= { head: null, bySubject: new Map() };
    this.known.set(stream, known);
    while (this.known.size > KEPT_REGISTERS) this.known.delete(this.known.keys().next().value!);
    const read = new Map<string, IssuedNumber>();
    const from = known.head === null ? 'start' : known.head.revision + 1n;
    for await (const event of this.options.store.readStream(stream, { fromRevision: from })) {
      const issued = toIssued(event);
      if (!known.bySubject.has(issued.subject)) {
        known.bySubject.set(issued.subject, issued.sequence);
        read.set(issued.subject, issued);
      }
      known.head = { revision: event.revision, hash: event.metadata.hash };
    }
    return { known, read };
  }

  private async entry(stream: string, sequence: number): Promise<IssuedNumber> {
    for await (const event of this.options.store.readStream(stream, { fromRevision: BigInt(sequence - 1), maxCount: 1 })) return toIssued(event);
    throw new Error(`register ${stream}: number ${sequence} was read before and is missing now`);
  }
}

/** A register event as a number; a register whose sequence is not its revision + 1 is broken, and says so. */
export function toIssued(event: RecordedEvent): IssuedNumber {
  const data = numberIssued.data.parse(event.data);
  if (BigInt(data.sequence) !== event.revision + 1n) {
    throw new Error(`register ${event.stream}: revision ${event.revision} holds number ${data.sequence}, not ${event.revision + 1n}`);
  }
  return {
    issuer: data.issuer,
    kind: data.kind,
    year: data.year,
    sequence: data.sequence,
    subject: data.subject,
    record: (data.record as JsonObject | undefined) ?? null,
    issuedAt: event.metadata.recordedAt,
  };
}

/** A short random pause that grows with the attempts, so racing processes spread out. */
function pause(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(50, 2 * attempt);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
