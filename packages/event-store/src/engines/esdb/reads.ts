import { BACKWARDS, END, FORWARDS, START, type ReadPosition, type ReadRevision, type ResolvedEvent } from '@eventstore/db-client';
import { InvalidReadOptions } from '../../errors.js';
import type { EventFilter, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../../port.js';
import { MAX_INT64 } from '../../revision.js';
import { assertMaxCount } from '../../validate.js';
import type { EsdbClient } from '../esdb.js';
import { isStreamNotFound, isSystemEvent, positionOf, selects, toClientPosition, toPortReadError, toRecordedEvent } from './mapping.js';

/** One event of $all as a page holds it. */
export interface Slot {
  position: bigint;
  /** Undefined for a system event, which is never converted. */
  event: RecordedEvent | undefined;
}

/** The paged reads behind readStream, readAll and the subscriptions' look at the head. */
export class EsdbReads {
  constructor(
    private readonly client: EsdbClient,
    private readonly pageSize: number,
  ) {}

  /** One page of a stream read; a stream that does not exist reads as empty. */
  async streamPage(stream: string, direction: 'forwards' | 'backwards', from: ReadRevision, maxCount: number, onLeader = false): Promise<RecordedEvent[]> {
    const page: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(stream, {
        fromRevision: from,
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        maxCount,
        ...(onLeader ? { requiresLeader: true } : {}),
      });
      for await (const resolved of read) {
        const event = toRecordedEvent(resolved as ResolvedEvent);
        if (event) page.push(event);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return [];
      throw toPortReadError(error, stream);
    }
    return page;
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    assertMaxCount(options.maxCount);
    const direction = options.direction ?? 'forwards';
    let from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    // The server counts revisions in a signed 64-bit number and the client refuses 2^64 and up:
    // a revision past the largest possible one is the end of every stream.
    if (typeof from === 'bigint' && from > MAX_INT64) from = 'end';
    // Same inclusive bounds as sqlite: forwards from 'end' and backwards from 'start' (or below 0) hold nothing.
    if (direction === 'forwards' ? from === 'end' : from === 'start' || (typeof from === 'bigint' && from < 0n)) return;
    let next: ReadRevision = from === 'start' || (typeof from === 'bigint' && from < 0n) ? START : from === 'end' ? END : from;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const limit = Math.min(this.pageSize, remaining);
      const page = await this.streamPage(stream, direction, next, limit);
      for (const event of page) yield event;
      remaining -= page.length;
      const last = page.at(-1);
      if (page.length < limit || !last) return;
      if (direction === 'backwards' && last.revision === 0n) return;
      next = direction === 'forwards' ? last.revision + 1n : last.revision - 1n;
    }
  }

  /** One page of $all, raw: system events are kept as slots (their position counts for paging) but not converted. */
  async allPage(from: ReadPosition, direction: 'forwards' | 'backwards', maxCount: number): Promise<Slot[]> {
    const page: Slot[] = [];
    try {
      const read = this.client.readAll({ fromPosition: from, direction: direction === 'forwards' ? FORWARDS : BACKWARDS, maxCount });
      for await (const resolved of read) {
        const position = positionOf(resolved);
        if (!resolved.event || position === undefined) continue;
        const system = isSystemEvent(resolved.event.streamId, resolved.event.type);
        page.push({ position, event: system ? undefined : toRecordedEvent(resolved) });
      }
    } catch (error) {
      throw toPortReadError(error);
    }
    return page;
  }

  /**
   * Pages through $all between `from` (inclusive) and the far end. Pages are re-read from the last
   * position seen, and every slot at or behind it is dropped, so the page boundaries hold whether
   * the server counts a read's start position in or not.
   */
  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    assertMaxCount(options.maxCount);
    if (options.after !== undefined && options.fromPosition !== undefined) throw new InvalidReadOptions('give fromPosition or after, not both');
    const direction = options.direction ?? 'forwards';
    const forwards = direction === 'forwards';
    const filter = options.filter;
    let from = options.fromPosition ?? (forwards ? 'start' : 'end');
    let after = options.after;
    // Positions live in a signed 64-bit number on the server; the client would send 2^64 as 0.
    if (typeof from === 'bigint' && from > MAX_INT64) from = 'end';
    if (after !== undefined && after > MAX_INT64) [from, after] = ['end', undefined];
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0 || (forwards ? from === 'end' : from === 'start')) return;
    let cursor: bigint | undefined;
    let next: ReadPosition;
    if (after !== undefined) {
      // Strictly past a position the store gave out: read from it and drop it, no arithmetic on it.
      if (!forwards && after <= 0n) return;
      next = after < 0n ? START : toClientPosition(after);
      cursor = after < 0n ? undefined : after;
    } else if (from === 'start' || from === 'end') {
      next = from === 'start' ? START : END;
    } else if (forwards) {
      next = from <= 0n ? START : toClientPosition(from);
      cursor = from - 1n;
    } else {
      if (from < 0n) return;
      // A backwards read may leave out the event at its start position: fetch that one forwards.
      const [at] = await this.allPage(toClientPosition(from), 'forwards', 1);
      if (at?.position === from && at.event && selects(at.event, filter)) {
        yield at.event;
        if (--remaining <= 0) return;
      }
      next = toClientPosition(from);
      cursor = from;
    }
    for (;;) {
      // One more than wanted when the page may start with the slot already seen.
      const limit = (filter ? this.pageSize : Math.min(this.pageSize, remaining)) + (cursor === undefined ? 0 : 1);
      const page = await this.allPage(next, direction, limit);
      let moved = false;
      for (const slot of page) {
        if (cursor !== undefined && (forwards ? slot.position <= cursor : slot.position >= cursor)) continue;
        cursor = slot.position;
        moved = true;
        if (slot.event && selects(slot.event, filter)) {
          yield slot.event;
          if (--remaining <= 0) return;
        }
      }
      if (page.length < limit || !moved || cursor === undefined) return;
      next = toClientPosition(cursor);
    }
  }

  /**
   * Looks back from the end of $all for the newest event `filter` selects, stopping at `after`.
   * `top`: the newest position in $all (any event), null when $all is empty. `newest`: that event's
   * position; null when there is none past `after`; undefined when the scan gave up.
   */
  async scanHead(
    filter: EventFilter | undefined,
    after: bigint | undefined,
    pages: number,
  ): Promise<{ top: bigint | null; newest: bigint | null | undefined }> {
    let top: bigint | null = null;
    let next: ReadPosition = END;
    let cursor: bigint | undefined;
    for (let page = 0; page < pages; page++) {
      const limit = this.pageSize + (cursor === undefined ? 0 : 1);
      const slots = await this.allPage(next, 'backwards', limit);
      let moved = false;
      for (const slot of slots) {
        if (cursor !== undefined && slot.position >= cursor) continue;
        top ??= slot.position;
        if (after !== undefined && slot.position <= after) return { top, newest: null };
        if (slot.event && selects(slot.event, filter)) return { top, newest: slot.position };
        cursor = slot.position;
        moved = true;
      }
      if (slots.length < limit || !moved || cursor === undefined) return { top, newest: null };
      next = toClientPosition(cursor);
    }
    return { top, newest: undefined };
  }
}
