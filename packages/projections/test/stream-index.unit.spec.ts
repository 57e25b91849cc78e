import type { RecordedEvent } from '@hub/event-store';
import { describe, expect, it } from 'vitest';
import { categoryOf, evolve, initialState } from '../src/index.js';

const event = (stream: string, revision: bigint, position: bigint, recordedAt: string): RecordedEvent => ({
  id: `e-${position}`,
  stream,
  revision,
  position,
  type: 'Noted',
  data: {},
  metadata: { recordedAt, prevHash: null, hash: 'h' },
});

describe('stream index evolve', () => {
  it('starts a summary at the first event and keeps the first recording time after', () => {
    const first = evolve(initialState, event('case-9-b', 0n, 4n, '2025-01-01T00:00:00.000Z'));
    const second = evolve(first, event('case-9-b', 1n, 11n, '2025-01-02T00:00:00.000Z'));
    expect(second).toEqual({
      stream: 'case-9-b',
      category: 'case',
      lastRevision: 1n,
      lastPosition: 11n,
      eventCount: 2,
      firstRecordedAt: '2025-01-01T00:00:00.000Z',
      lastRecordedAt: '2025-01-02T00:00:00.000Z',
    });
  });

  it('takes the category from before the first dash, or the whole name', () => {
    expect([categoryOf('case-1'), categoryOf('a-b-c'), categoryOf('plain'), categoryOf('-x')]).toEqual(['case', 'a', 'plain', '']);
  });
});
