import { describe, expect, it } from 'vitest';
import { demoAnchor, demoEpoch, DEMO_DAYS } from '../src/index.js';
import { Timeline } from '../src/demo/script.js';

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 0, minutes));

/** Runs scenes (lists of minutes) on one timeline; returns the acts in the order they were let go. */
async function play(scenes: Record<string, number[]>): Promise<string[]> {
  const played: string[] = [];
  const names = Object.keys(scenes);
  const timeline = new Timeline(names.length);
  const runs = names.map(async (name, order) => {
    try {
      for (const minute of scenes[name]!) {
        await timeline.turn(at(minute), order, name);
        played.push(`${name}@${minute}`);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 3)); // an HTTP call's worth of waiting
      }
    } catch (error) {
      timeline.stop(error as Error);
      throw error;
    } finally {
      timeline.leave();
    }
  });
  const failed = (await Promise.allSettled(runs)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return played;
}

describe('the demo timeline', () => {
  it('lets the acts of scenes loading side by side go one at a time, earliest first, ties in scene order', async () => {
    expect(await play({ a: [1, 5, 9], b: [2, 5, 6], c: [0, 10] })).toEqual(['c@0', 'a@1', 'b@2', 'a@5', 'b@5', 'b@6', 'a@9', 'c@10']);
  });

  it('stops every scene when one goes back in time', async () => {
    await expect(play({ a: [1, 4, 2], b: [3, 8] })).rejects.toThrow(/a scene must not go back in time/);
  });

  it('starts the services before the first act and anchors at 09:00 Shanghai already past', () => {
    const now = new Date('2026-11-22T00:30:00Z'); // 08:30 in Shanghai: today's 09:00 is ahead
    expect(demoAnchor(now).toISOString()).toBe('2026-11-21T01:00:00.000Z');
    expect(demoEpoch(now).getTime()).toBe(demoAnchor(now).getTime() - (DEMO_DAYS + 1) * 86_400_000);
  });
});
