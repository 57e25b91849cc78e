import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  commandDefinitions,
  hubEventMetadataSchema,
  machineActorOf,
  occurredAtOf,
  recordedLate,
  recordingDelayMs,
  takeOccurredAt,
  withOccurredAt,
} from '../src/index.js';

describe('business time in the contracts (issue 13.4)', () => {
  it('documents an optional occurredAt on the body of every command of the catalog', () => {
    for (const c of commandDefinitions) {
      const json = JSON.stringify(z.toJSONSchema(withOccurredAt(c.input), { io: 'input', unrepresentable: 'any' }));
      expect(json, c.name).toContain('"occurredAt"');
    }
  });

  it('takes occurredAt off a body, converted to UTC, and leaves the act’s own data', () => {
    expect(takeOccurredAt({ reason: '补录', occurredAt: '2026-12-07T09:30:00+08:00' })).toEqual({
      occurredAt: '2026-12-07T01:30:00.000Z',
      rest: { reason: '补录' },
    });
    expect(takeOccurredAt({ reason: '现在' })).toEqual({ occurredAt: undefined, rest: { reason: '现在' } });
    expect(takeOccurredAt(null)).toEqual({ occurredAt: undefined, rest: null });
    expect(() => takeOccurredAt({ occurredAt: '2026-12-07 09:30' })).toThrow(/发生时间须为带时区的 ISO-8601 时间/);
  });

  it('reads an event without occurredAt (written before business time) as happened when recorded', () => {
    expect(occurredAtOf({ recordedAt: '2026-11-01T02:00:00.000Z' })).toBe('2026-11-01T02:00:00.000Z');
    expect(occurredAtOf({ recordedAt: '2026-11-01T02:00:00.000Z', occurredAt: '2026-11-01T00:00:00.000Z' })).toBe('2026-11-01T00:00:00.000Z');
    expect(recordingDelayMs({ recordedAt: '2026-11-01T02:00:00.000Z' })).toBe(0);
  });

  it('calls an act recorded more than an hour after it happened late (补录), and not one within the hour', () => {
    const recordedAt = '2026-11-01T02:00:00.000Z';
    expect(recordedLate({ recordedAt, occurredAt: '2026-11-01T00:59:59.000Z' })).toBe(true);
    expect(recordedLate({ recordedAt, occurredAt: '2026-11-01T01:00:00.000Z' })).toBe(false);
    expect(recordingDelayMs({ recordedAt, occurredAt: '2026-11-01T00:00:00.000Z' })).toBe(2 * 3_600_000);
  });

  it('accepts the machine mark and occurredAt in metadata, and tells a machine act from a person’s', () => {
    const metadata = {
      schemaVersion: 1,
      actor: { agency: 'union', userId: 'acct-1', via: 'api_key' },
      userName: '12351平台',
      occurredAt: '2026-11-01T00:00:00.000Z',
    };
    expect(hubEventMetadataSchema.safeParse(metadata).success).toBe(true);
    expect(hubEventMetadataSchema.safeParse({ ...metadata, actor: { agency: 'union', userId: 'u', via: 'fax' } }).success).toBe(false);
    expect(hubEventMetadataSchema.safeParse({ ...metadata, occurredAt: '2026-11-01T08:00:00+08:00' }).success).toBe(false);
    expect(machineActorOf(metadata)).toEqual({ accountId: 'acct-1', name: '12351平台' });
    expect(machineActorOf({ ...metadata, actor: { agency: 'union', userId: 'u-1' } })).toBeNull();
  });
});
