/**
 * Opening a case with its number (案号), so that no number is lost and none is given twice.
 *
 * 1. Decide: the case decider runs first, so every refusal (a bad employer, rule 1) comes before
 *    a number exists.
 * 2. Issue: the agency's case register for the year (Asia/Shanghai) issues the next number to the
 *    case id, storing with it the opening as decided (its events with their ids and metadata) and
 *    the parts of the number. From here the opening is owed, and the register holds all it needs.
 * 3. Complete: CaseOpened and CaseNumberAssigned in one append to the new case stream (no_stream),
 *    ids fixed by the record. Whoever completes (this request, its retry, or the completer that
 *    sweeps the register for a crash's leftovers) writes the same events; the first append wins,
 *    and the others find the case numbered as the register says.
 *
 * The argument in full is in docs/case-numbers.md.
 */
import { randomUUID } from 'node:crypto';
import { caseStream, initialState, requireNotInFuture, shanghaiDate, type CaseCommand } from '@hub/case-domain';
import { currentVersions, readCatalogEvent, type AgencyId, type Category, type Channel } from '@hub/contracts';
import {
  DuplicateEventId,
  WrongExpectedRevision,
  type EventData,
  type EventMetadata,
  type EventStore,
  type JsonObject,
  type JsonValue,
} from '@hub/event-store';
import { appendProven, hubUuid, type Actor, type Signer } from '@hub/service-kit';
import { z } from 'zod';
import { metadataFor, type ActTime, type Appended, type CommandEnv, type Trace } from '../commands/handle.js';
import { decideCase } from '../cases/execute.js';
import { answerOf, eventIdsFor, once, type Once, type RequestMark } from '../idempotency.js';
import type { IssuedNumber, NumberRegister, RegisterKey } from '../register/index.js';
import { caseNumberParts, formatCaseNumber, type CaseNumberSettings } from './pattern.js';

/** The register kind of 案号. */
export const CASE_REGISTER_KIND = 'case';

export interface NumberingEnv extends CommandEnv {
  readonly register: NumberRegister;
  readonly caseNumbers: CaseNumberSettings;
}

export type OpenedWithNumber = Appended & { caseNumber: string };

/** The case register of an agency for a year. */
export const caseRegister = (issuer: AgencyId, year: number): RegisterKey => ({ issuer, kind: CASE_REGISTER_KIND, year });

/** The year a case opened at `instant` is numbered in: the calendar year in Asia/Shanghai. */
export const numberingYear = (instant: Date): number => Number(shanghaiDate(instant).slice(0, 4));

const recordSchema = z.object({
  parts: z.object({
    pattern: z.string(),
    year: z.int(),
    region: z.string(),
    regionCode: z.string(),
    agency: z.string(),
    kind: z.string(),
    category: z.string(),
  }),
  /** Absent for a case opened before numbering (numbered afterwards: see backfill.ts). */
  events: z.array(z.object({ id: z.string(), type: z.string(), data: z.json(), metadata: z.record(z.string(), z.json()) })).optional(),
});
export type NumberRecord = z.output<typeof recordSchema>;

export function numberRecordOf(issued: IssuedNumber): NumberRecord {
  return recordSchema.parse(issued.record);
}

/** CaseNumberAssigned as one append writes it, whoever writes it: its id is the case's. */
export function caseNumberAssignedEvent(issued: IssuedNumber, parts: NumberRecord['parts'], metadata: EventMetadata): EventData {
  const caseNumber = formatCaseNumber(parts, issued.sequence);
  return {
    id: hubUuid(`case-number:${issued.subject}`),
    type: 'CaseNumberAssigned',
    data: { caseId: issued.subject, caseNumber, issuer: issued.issuer, year: issued.year, sequence: issued.sequence },
    metadata: { ...metadata, schemaVersion: currentVersions.CaseNumberAssigned },
  };
}

/** The number a case's stream holds, or null (no case, or one opened before numbering and not numbered yet). */
export async function caseNumberOf(store: EventStore, caseId: string): Promise<{ caseNumber: string; sequence: number; year: number } | null> {
  for await (const recorded of store.readStream(caseStream(caseId))) {
    if (recorded.type !== 'CaseNumberAssigned') continue;
    const event = readCatalogEvent(recorded);
    if (event.type === 'CaseNumberAssigned') return { caseNumber: event.data.caseNumber, sequence: event.data.sequence, year: event.data.year };
  }
  return null;
}

/**
 * Writes the case an issued number owes: CaseOpened (as decided, from the record) and
 * CaseNumberAssigned, in one append to a stream that must not exist yet. A stream that exists
 * already holding this number is the same opening completed before (a retry, the completer):
 * the answer is read from it. `completedBy` marks an opening completed by someone other than
 * the request that decided it, visibly in the event's metadata.
 */
export async function completeOpening(
  env: { readonly store: EventStore; readonly agency: AgencyId; readonly signer: Signer },
  issued: IssuedNumber,
  completedBy?: 'register-completer',
): Promise<OpenedWithNumber> {
  const record = numberRecordOf(issued);
  if (!record.events || record.events.length === 0)
    throw new Error(`register: number ${issued.sequence} of ${issued.issuer}/${issued.year} holds no opening to complete`);
  const opening = record.events.map((e) => ({ id: e.id, type: e.type, data: e.data as JsonValue, metadata: e.metadata as EventMetadata }));
  // The number is given when the opening is recorded, not when the opening happened: an opening
  // recorded after the fact (补录) does not make its 案号 a late act too.
  const { occurredAt: _openedAt, ...openingMetadata } = opening[0]!.metadata;
  const assigned = caseNumberAssignedEvent(issued, record.parts, {
    ...openingMetadata,
    ...(completedBy ? { completedBy } : {}),
  });
  const caseNumber = (assigned.data as { caseNumber: string }).caseNumber;
  const stream = caseStream(issued.subject);
  try {
    const result = await appendProven(env.store, env.agency, env.signer, stream, [...opening, assigned], null);
    return {
      revision: result.nextExpectedRevision.toString(),
      position: result.position.toString(),
      events: [...opening, assigned].map((e) => e.type),
      caseNumber,
    };
  } catch (error) {
    if (!(error instanceof WrongExpectedRevision || error instanceof DuplicateEventId)) throw error;
    const held = await caseNumberOf(env.store, issued.subject);
    if (held?.sequence !== issued.sequence || held.year !== issued.year) throw error;
    const run = [];
    for await (const e of env.store.readStream(stream, { maxCount: opening.length + 1 })) run.push(e);
    return { ...(await answerOf(env, stream, run)), caseNumber: held.caseNumber };
  }
}

/**
 * POST /api/cases with a number: decide, issue, complete (see the file's comment), carried out
 * once per request as every command is (idempotency.ts).
 */
export async function openNumberedCase(
  env: NumberingEnv,
  actor: Actor,
  trace: Trace & { readonly request: RequestMark },
  caseId: string,
  /** Builds the command when the act runs (not on a replay): it makes the workers' vault keys. */
  command: () => Promise<CaseCommand>,
): Promise<Once<OpenedWithNumber>> {
  const stream = caseStream(caseId);
  const act = async (): Promise<OpenedWithNumber> => {
    // When the opening happened (issue 13.4), bounded as every act's is; the 案号's year is the registering one.
    const now = env.clock();
    const at: ActTime = { now, occurredAt: trace.occurredAt === undefined ? now : new Date(trace.occurredAt) };
    requireNotInFuture(at.occurredAt, { now, ...(env.clockSkewMs !== undefined ? { clockSkewMs: env.clockSkewMs } : {}) });
    const decided = decideCase(env, actor, await command(), initialState, {}, at);
    const opened = decided[0];
    if (opened?.type !== 'CaseOpened') throw new Error('openNumberedCase: the decider did not open the case');
    const year = numberingYear(now);
    const ids = eventIdsFor(env.agency, trace.request, stream, decided.length);
    const events = decided.map((e, i) => ({
      id: ids[i] ?? randomUUID(),
      type: e.type,
      data: e.data as JsonValue,
      metadata: metadataFor(e, actor, trace, at.occurredAt.toISOString()) as JsonValue,
    }));
    const parts = caseNumberParts(env.caseNumbers, year, opened.data as { region: string; channel: Channel; category: Category });
    // What the events refer to (the workers' vault keys) is durable before the register owes the opening.
    await env.beforeAppend?.();
    const issued = await env.register.issueNumber({
      ...caseRegister(env.agency, year),
      subject: caseId,
      record: { parts: { ...parts }, events } as JsonObject,
      metadata: { actor: { agency: actor.agency, userId: actor.userId }, correlationId: trace.correlationId, causationId: trace.causationId },
    });
    return completeOpening(env, issued);
  };
  return once(env.store, env.agency, stream, trace.request, act, async (run) => {
    const held = await caseNumberOf(env.store, caseId);
    return { ...(await answerOf(env, stream, run)), caseNumber: held?.caseNumber ?? '' };
  });
}
