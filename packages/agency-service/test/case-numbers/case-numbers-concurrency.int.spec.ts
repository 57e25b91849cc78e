/**
 * Two union services in two processes open cases at once on one store, SQLite and PostgreSQL
 * (a database of this spec's own): every opening is answered 201 with a number, the numbers are
 * 第1号..第N号 with no gap and no duplicate, and each case's stream holds the number it was told.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { connect } from '@hub/event-store';
import { describe, expect, it } from 'vitest';
import { caseNumberOf } from '../../src/case-numbers/opening.js';

const child = join(import.meta.dirname, 'open-child.ts');
const EACH = 25;

interface Answer {
  status: number;
  caseId: string;
  caseNumber: string;
}

function start(url: string, dataDir: string) {
  const proc = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', child, url, dataDir, String(EACH)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const output: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: proc.stdout }).on('line', (line) => (line === 'ready' ? resolve() : output.push(line)));
    proc.once('exit', (code) => reject(new Error(`child exited ${code} before ready: ${stderr}`)));
  });
  const done = new Promise<Answer[]>((resolve, reject) => {
    proc.once('exit', (code) => (code === 0 ? resolve(JSON.parse(output.at(-1)!) as Answer[]) : reject(new Error(`child exited ${code}: ${stderr}`))));
  });
  return { ready, done, go: () => proc.stdin.end('go\n') };
}

async function race(url: string, dir: string): Promise<void> {
  const a = start(url, join(dir, 'a'));
  const b = start(url, join(dir, 'b'));
  await Promise.all([a.ready, b.ready]);
  a.go();
  b.go();
  const [fromA, fromB] = await Promise.all([a.done, b.done]);
  const all = [...fromA, ...fromB];
  expect(all.map((x) => x.status)).toEqual(Array(2 * EACH).fill(201));
  const sequence = (n: string) => Number(/第(\d+)号$/.exec(n)![1]);
  const numbers = all.map((x) => sequence(x.caseNumber)).sort((x, y) => x - y);
  expect(numbers).toEqual(Array.from({ length: 2 * EACH }, (_, i) => i + 1));
  // Both services took numbers while the other did: the race was real.
  const span = (xs: Answer[]) => [Math.min(...xs.map((x) => sequence(x.caseNumber))), Math.max(...xs.map((x) => sequence(x.caseNumber)))];
  const [[aLow, aHigh], [bLow, bHigh]] = [span(fromA), span(fromB)];
  expect(aLow! < bHigh! && bLow! < aHigh!).toBe(true);
  const store = await connect(url);
  try {
    for (const answer of all) expect((await caseNumberOf(store, answer.caseId))?.caseNumber).toBe(answer.caseNumber);
  } finally {
    await store.close();
  }
}

describe('case numbers under two services in two processes', () => {
  it('on SQLite: openings at once are numbered 1..N with no gap and no duplicate', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'case-number-race-'));
    try {
      await race(`sqlite:${join(dir, 'hub.db')}`, dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const admin = process.env['DATABASE_URL'];
  it.runIf(admin)('on PostgreSQL: openings at once are numbered 1..N with no gap and no duplicate', { timeout: 180_000 }, async () => {
    const db = `case_number_race_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    const dir = mkdtempSync(join(tmpdir(), 'case-number-race-'));
    execFileSync('createdb', ['--maintenance-db', admin!, db]);
    try {
      const url = new URL(admin!);
      url.pathname = `/${db}`;
      await race(url.toString(), dir);
    } finally {
      execFileSync('dropdb', ['--maintenance-db', admin!, '--force', '--if-exists', db]);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
