/**
 * Two processes issue numbers from one register at once, on SQLite (one file, two connections)
 * and on PostgreSQL (a database of this spec's own): the numbers are 1..N with no gap and no
 * duplicate, and a subject both issue for holds one number that both are told.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';

const child = join(import.meta.dirname, 'issue-child.ts');
const OWN = 60;
const SHARED = 20;

function start(url: string, name: string) {
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', child, url, name, String(OWN), String(SHARED)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const lines = createInterface({ input: proc.stdout });
  const output: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => (line === 'ready' ? resolve() : output.push(line)));
    proc.once('exit', (code) => reject(new Error(`child ${name} exited ${code} before ready: ${stderr}`)));
  });
  const done = new Promise<[string, number][]>((resolve, reject) => {
    proc.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output.at(-1)!)) : reject(new Error(`child ${name} exited ${code}: ${stderr}`))));
  });
  return { ready, done, go: () => proc.stdin.end('go\n') };
}

async function race(url: string): Promise<void> {
  const a = start(url, 'a');
  const b = start(url, 'b');
  await Promise.all([a.ready, b.ready]);
  a.go();
  b.go();
  const [fromA, fromB] = await Promise.all([a.done, b.done]);
  const all = [...fromA, ...fromB];
  const bySubject = new Map<string, Set<number>>();
  for (const [subject, n] of all) bySubject.set(subject, (bySubject.get(subject) ?? new Set()).add(n));
  // Each subject holds exactly one number, whichever process asked.
  for (const [subject, numbers] of bySubject) expect([subject, [...numbers]]).toEqual([subject, [expect.any(Number)]]);
  const numbers = [...bySubject.values()].map((s) => [...s][0]!).sort((x, y) => x - y);
  const total = 2 * OWN + SHARED;
  expect(bySubject.size).toBe(total);
  expect(numbers).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  // The race was real: each process took numbers while the other was taking them.
  const span = (issued: [string, number][]) => [Math.min(...issued.map(([, n]) => n)), Math.max(...issued.map(([, n]) => n))] as const;
  const [[aLow, aHigh], [bLow, bHigh]] = [span(fromA), span(fromB)];
  expect(aLow < bHigh && bLow < aHigh).toBe(true);
}

describe('number register under two processes', () => {
  it('on SQLite: two processes issuing at once get 1..N with no gap and no duplicate', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'register-race-'));
    try {
      await race(`sqlite:${join(dir, 'hub.db')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const admin = process.env['DATABASE_URL'];
  it.runIf(admin)('on PostgreSQL: two processes issuing at once get 1..N with no gap and no duplicate', { timeout: 120_000 }, async () => {
    const db = `register_race_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    // The PostgreSQL client tools, so this package needs no driver of its own for a scratch database.
    execFileSync('createdb', ['--maintenance-db', admin!, db]);
    try {
      const url = new URL(admin!);
      url.pathname = `/${db}`;
      await race(url.toString());
    } finally {
      execFileSync('dropdb', ['--maintenance-db', admin!, '--force', '--if-exists', db]);
    }
  });
});
