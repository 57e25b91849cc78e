/**
 * The hub's live feed driven with seeded sessions of hostile frames (src/live.ts). For each
 * session: the hub answers every malformed message with a 400 or ends the socket with a 4xxx,
 * 1007 or 1009 code — never 1011, never silence, never a dead process. Along the way and at the
 * end: a fresh socket authenticates and /health answers; when every socket is gone the feed holds
 * no connection or subscription, and memory after a collection stays within a bound.
 */
import fc from 'fast-check';
import { clientMessageSchema, CloseCode } from '@hub/hub-service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { Findings } from '../src/findings.js';
import { describeFrames, session, TOKEN, type Frame } from '../src/live.js';
import { MB, settledMemory } from '../src/memory.js';
import { seedData } from '../src/seed-data.js';
import { FUZZ_RUNS, reproduce, seedFor } from '../src/settings.js';
import { startSystem, type FuzzSystem } from '../src/system.js';

const SESSIONS = 60 * FUZZ_RUNS;
/** How a hub may end a socket it was sent nonsense on: its own 4xxx codes, or ws's invalid UTF-8 / too big. */
const ALLOWED_CLOSES = new Set<number>([CloseCode.protocol, CloseCode.unauthorized, CloseCode.tooSlow, 1007, 1009]);

const isMalformed = (text: string): boolean => {
  try {
    return !clientMessageSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return true;
  }
};

interface Outcome {
  serverClose: number | null;
  errors400: number;
  malformed: number;
  answered: boolean;
}

async function play(url: string, token: string, frames: readonly Frame[]): Promise<Outcome> {
  const ws = new WebSocket(url);
  let errors400 = 0;
  let serverClose: number | null = null;
  let weClose = false;
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { type: string; status?: number };
    if (message.type === 'error' && message.status === 400) errors400 += 1;
  });
  ws.on('error', () => undefined);
  const closed = new Promise<void>((resolve) =>
    ws.on('close', (code) => {
      if (!weClose) serverClose = code;
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let malformed = 0;
  const sendText = (text: string) => {
    if (isMalformed(text)) malformed += 1;
    ws.send(text);
  };
  for (const f of frames) {
    if (ws.readyState !== WebSocket.OPEN) break;
    switch (f.kind) {
      case 'json':
        sendText((JSON.stringify(f.message) ?? 'null').replaceAll(JSON.stringify(TOKEN), JSON.stringify(token)));
        break;
      case 'text':
        sendText(f.text);
        break;
      case 'bytes-as-text':
        ws.send(f.bytes, { binary: false });
        malformed += 1;
        break;
      case 'binary':
        ws.send(f.bytes, { binary: true });
        malformed += 1;
        break;
      case 'oversized':
        ws.send('x'.repeat(f.size));
        malformed += 1;
        break;
      case 'flood':
        for (let i = 0; i < f.pairs; i += 1) {
          sendText(JSON.stringify({ type: 'subscribe', id: f.id, scope: { kind: 'all' }, after: 'now' }));
          sendText(JSON.stringify({ type: 'unsubscribe', id: f.id }));
        }
        break;
    }
  }
  // Wait for the answers: every malformed frame answered with a 400, or the socket ended.
  const until = Date.now() + 10_000;
  while (serverClose === null && errors400 < malformed && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  const answered = serverClose !== null || errors400 >= malformed;
  if (serverClose === null) {
    weClose = true;
    ws.close(1000);
  }
  await closed;
  return { serverClose, errors400, malformed, answered };
}

describe('live fuzz: /api/live under hostile sessions', () => {
  let sys: FuzzSystem;
  let url = '';
  let caseIds: readonly string[] = [];

  beforeAll(async () => {
    sys = await startSystem();
    caseIds = (await seedData(sys)).caseId;
    url = `${sys.urls.hub.replace(/^http/, 'ws')}/api/live`;
  });
  afterAll(async () => {
    await sys?.close();
  });

  /** The hub still serves: /health answers and a fresh socket authenticates. */
  async function alive(): Promise<boolean> {
    if ((await fetch(`${sys.urls.hub}/health`)).status !== 200) return false;
    const ws = new WebSocket(url);
    const ready = await new Promise<boolean>((resolve) => {
      ws.on('error', () => resolve(false));
      ws.on('open', async () => ws.send(JSON.stringify({ type: 'auth', token: await sys.token('court', 'auditor') })));
      ws.on('message', (data) => resolve((JSON.parse(String(data)) as { type: string }).type === 'ready'));
      setTimeout(() => resolve(false), 10_000);
    });
    ws.close();
    return ready;
  }

  it('answers every malformed frame, ends sockets only with 4xxx/1007/1009, stays up, keeps nothing', async () => {
    const name = 'live sessions';
    const sessions = fc.sample(session(caseIds), { seed: seedFor(name), numRuns: SESSIONS });
    const token = await sys.token('union', 'liaison');
    const findings = new Findings();
    const baseline = await settledMemory();
    let frames = 0;
    for (const [index, s] of sessions.entries()) {
      const where = `${reproduce(name)} session #${index}:\n      ${describeFrames(s)}`;
      const outcome = await play(url, token, s);
      frames += s.reduce((n, f) => n + (f.kind === 'flood' ? 2 * f.pairs : 1), 0);
      if (outcome.serverClose !== null && !ALLOWED_CLOSES.has(outcome.serverClose)) findings.add(`closed with ${outcome.serverClose}`, where);
      if (!outcome.answered) findings.add('malformed frames left unanswered', `${where}\n    ${outcome.errors400} answers to ${outcome.malformed} malformed`);
      if (index % 10 === 9 && !(await alive())) findings.add('hub not alive after a session', where);
    }
    expect(findings.list()).toEqual([]);
    expect(await alive()).toBe(true);
    expect(frames).toBeGreaterThan(SESSIONS);
    // Every socket is gone: nothing of them may stay behind.
    await expect.poll(() => sys.hub.live.stats(), { timeout: 10_000 }).toMatchObject({ clients: 0, subscriptions: 0 });
    const now = await settledMemory();
    expect((now.heapUsed - baseline.heapUsed) / MB, `heap grew from ${(baseline.heapUsed / MB) | 0} MB`).toBeLessThan(64);
  }, 300_000);
});
