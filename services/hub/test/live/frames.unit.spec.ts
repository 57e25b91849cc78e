import { describe, expect, it } from 'vitest';
import { EntryCache, FRAME_BYTES, FrameBuilder } from '../../src/live/frames.js';
import { settingsOf } from '../../src/live/settings.js';
import type { TimelineRow } from '../../src/read-models/timeline/index.js';

const row = (position: bigint, text = ''): TimelineRow => ({
  position,
  stream: 'case-c1',
  kind: 'case',
  subject_id: 'c1',
  revision: position,
  event_id: `e${position}`,
  type: 'CaseOpened',
  recorded_at: '2026-03-02T02:00:00.000Z',
  occurred_at: '2026-03-02T02:00:00.000Z',
  delay_ms: 0,
  via: null,
  agency: 'union',
  user_id: 'u',
  user_name: null,
  data: JSON.stringify({ text }),
  visible_to: ',union,',
  addressed_to: '',
  hash: 'h',
  prev_hash: null,
});

describe('live feed frames', () => {
  it('serializes each entry once and reuses the text until the read model file changes', () => {
    const cache = new EntryCache();
    cache.useFile('/a');
    const first = cache.json(row(1n));
    expect(JSON.parse(first)).toMatchObject({ position: '1', subjectId: 'c1', label: { zh: '案件登记' } });
    expect(cache.json(row(1n, 'changed'))).toBe(first);
    cache.useFile('/b');
    expect(JSON.parse(cache.json(row(1n, 'changed'))).data).toEqual({ text: 'changed' });
  });

  it('stays within its count and byte bounds', () => {
    const byCount = new EntryCache(3);
    for (let p = 1n; p <= 10n; p += 1n) byCount.json(row(p));
    expect(byCount.size).toBe(3);
    const bySize = new EntryCache(100, 10_000);
    // Three entries of about 3,300 bytes fit in 10,000; a fourth does not.
    for (let p = 1n; p <= 10n; p += 1n) bySize.json(row(p, 'x'.repeat(2_900)));
    expect(bySize.size).toBe(3);
  });

  it('cuts a batch into frames of about FRAME_BYTES that are each valid JSON, in order', () => {
    const builder = new FrameBuilder('s1');
    const cache = new EntryCache();
    const frames: string[] = [];
    for (let p = 1n; p <= 40n; p += 1n) {
      if (builder.add(cache.json(row(p, 'y'.repeat(20_000))))) frames.push(builder.take()!.frame);
    }
    const rest = builder.take();
    if (rest) frames.push(rest.frame);
    expect(builder.take()).toBeUndefined();
    expect(frames.length).toBeGreaterThan(2);
    for (const frame of frames) expect(frame.length).toBeLessThan(FRAME_BYTES + 30_000);
    const positions = frames.flatMap((f) => (JSON.parse(f) as { type: string; sub: string; events: { position: string }[] }).events.map((e) => e.position));
    expect(positions).toEqual(Array.from({ length: 40 }, (_, i) => String(i + 1)));
    expect(JSON.parse(frames[0]!)).toMatchObject({ type: 'events', sub: 's1' });
  });

  it('rejects settings that would let a catch-up trip the cut-off', () => {
    expect(settingsOf({}).maxBufferedBytes).toBe(4 * 1024 * 1024);
    expect(() => settingsOf({ lowWaterBytes: 8, maxBufferedBytes: 8 })).toThrow(RangeError);
    expect(() => settingsOf({ heartbeatMs: 0 })).toThrow(RangeError);
  });
});
