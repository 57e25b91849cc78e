import {
  AccessDeniedError,
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type AppendResult as ClientAppendResult,
} from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { EsdbEventStore, type EsdbClient } from '../src/engines/esdb.js';
import { toPortError, toPortReadError } from '../src/engines/esdb/mapping.js';
import { EventTooLarge, StoreUnavailable, StreamDeleted, WrongExpectedRevision } from '../src/index.js';
import { event } from './contract/harness.js';

/**
 * The server's answers as the real client reports them (its own error classes), given to the
 * engine by a scripted client: no server can run here, so these are the answers of a real cluster
 * as @eventstore/db-client 6.2.1 would hand them over, one per case.
 */
function scripted(script: { append?: (call: number) => Promise<ClientAppendResult>; read?: () => never | AsyncIterable<unknown>; truncateBefore?: bigint }): {
  client: EsdbClient;
  appends: () => number;
} {
  let appends = 0;
  const empty = (async function* () {})();
  const client = {
    appendToStream: async () => {
      appends++;
      return script.append ? script.append(appends) : { success: true, nextExpectedRevision: 0n, position: { commit: 10n, prepare: 10n } };
    },
    readStream: () => (script.read ? script.read() : { [Symbol.asyncIterator]: () => empty[Symbol.asyncIterator]() }),
    readAll: () => ({ [Symbol.asyncIterator]: () => empty[Symbol.asyncIterator]() }),
    subscribeToAll: () => {
      throw new Error('not used');
    },
    subscribeToStream: () => {
      throw new Error('not used');
    },
    getStreamMetadata: async () => ({ streamName: 's', metadata: script.truncateBefore === undefined ? undefined : { truncateBefore: script.truncateBefore } }),
    dispose: async () => {},
  } as unknown as EsdbClient;
  return { client, appends: () => appends };
}

const notFound = () => {
  throw new StreamNotFoundError(undefined, 'case-x');
};

/** A stream of `length` events as the client resolves them, read the way the engine reads it. */
function longStream(stream: string, ids: string[]): EsdbClient['readStream'] {
  const resolved = ids.map((id, i) => ({
    event: {
      streamId: stream,
      revision: BigInt(i),
      id,
      type: 'Step',
      data: { i },
      metadata: { recordedAt: '2026-12-07T00:00:00.000Z', prevHash: null, hash: 'h' },
      isJson: true,
      position: { commit: BigInt(100 + i), prepare: BigInt(100 + i) },
    },
  }));
  return ((_stream: string, options: { fromRevision?: unknown; direction?: unknown; maxCount?: number | bigint } = {}) => {
    const backwards = String(options.direction) === 'backwards';
    const from = typeof options.fromRevision === 'bigint' ? Number(options.fromRevision) : backwards ? resolved.length - 1 : 0;
    const ordered = backwards ? resolved.slice(0, from + 1).reverse() : resolved.slice(from);
    const page = ordered.slice(0, Number(options.maxCount ?? ordered.length));
    return (async function* () {
      yield* page;
    })();
  }) as unknown as EsdbClient['readStream'];
}

describe("esdb engine: the server's errors as the port's", () => {
  it('maps MaxAppendSizeExceeded to EventTooLarge, a deleted stream to StreamDeleted, an unreachable or leaderless server to StoreUnavailable', () => {
    const tooBig = toPortError(new MaxAppendSizeExceededError(undefined as never, 1_048_576), 'case-1', 'any', 2_000_000);
    expect(tooBig).toBeInstanceOf(EventTooLarge);
    expect(tooBig).toMatchObject({ bytes: 2_000_000, limit: 1_048_576 });
    expect(toPortError(new StreamDeletedError(undefined as never, 'case-1'), 'case-1', 'any')).toBeInstanceOf(StreamDeleted);
    expect(toPortError(new UnavailableError(undefined as never), 'case-1', 'any')).toBeInstanceOf(StoreUnavailable);
    expect(toPortReadError(new StreamDeletedError(undefined as never, 'case-2'))).toMatchObject({ stream: 'case-2' });
    expect(toPortReadError(new UnavailableError(undefined as never))).toBeInstanceOf(StoreUnavailable);
    const other = new Error('something else');
    expect(toPortError(other, 'case-1', 'any')).toBe(other);
  });

  it('refuses to append to a soft-deleted stream, which the server would go on numbering after its old end', async () => {
    const { client, appends } = scripted({ read: notFound, truncateBefore: 7n });
    const store = new EsdbEventStore(client);
    await expect(store.append('case-soft', [event('A')])).rejects.toBeInstanceOf(StreamDeleted);
    expect(appends()).toBe(0);
  });

  it("never refuses an append that expects 'any' as a conflict, however often another writer gets in first", async () => {
    const { client, appends } = scripted({
      read: notFound,
      append: async (call) => {
        if (call <= 12) throw new WrongExpectedVersionError(undefined as never, { streamName: 'case-busy', current: BigInt(call), expected: -1n } as never);
        return { success: true, nextExpectedRevision: 0n, position: { commit: 99n, prepare: 99n } };
      },
    });
    const store = new EsdbEventStore(client);
    await expect(store.append('case-busy', [event('A')])).resolves.toMatchObject({ position: 99n });
    expect(appends()).toBe(13);
  });

  it('still refuses a concrete expected revision at once, without another try', async () => {
    const conflict = () => {
      throw new WrongExpectedVersionError(undefined as never, { streamName: 's', current: 5n, expected: 1n } as never);
    };
    const concrete = scripted({ read: notFound, append: async () => conflict() });
    await expect(new EsdbEventStore(concrete.client).append('case-c', [event('A')], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
      WrongExpectedRevision,
    );
    expect(concrete.appends()).toBe(1);
  });

  it('recognises a retry that comes after 100 other appends to the same stream, well past the window, and appends nothing', async () => {
    const ids = Array.from({ length: 112 }, () => crypto.randomUUID());
    const { client, appends } = scripted({});
    (client as { readStream: EsdbClient['readStream'] }).readStream = longStream('case-long', ids);
    const store = new EsdbEventStore(client);
    const retried = await store.append('case-long', [
      { id: ids[10]!, type: 'Step', data: {} },
      { id: ids[11]!, type: 'Step', data: {} },
    ]);
    expect(retried).toEqual({ nextExpectedRevision: 11n, position: 111n });
    expect(appends()).toBe(0);
  });

  it('appends as a user who may not read $all (secure mode, not admin): the recordedAt floor falls back to its own appends', async () => {
    const { client, appends } = scripted({ read: notFound });
    (client as { readAll: EsdbClient['readAll'] }).readAll = (() => {
      throw new AccessDeniedError(undefined as never);
    }) as unknown as EsdbClient['readAll'];
    const store = new EsdbEventStore(client);
    await expect(store.append('case-user', [event('A')])).resolves.toMatchObject({ position: 10n });
    expect(appends()).toBe(1);
  });
});
