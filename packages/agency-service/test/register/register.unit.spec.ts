/**
 * The number register's rules, given/when/then, on a real SQLite file: numbers run 1, 2, 3… per
 * issuer, kind and year; a subject holds one number per register; the stream is the register.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@hub/event-store';
import { afterEach, describe, expect, it } from 'vitest';
import { registerKeyOfStream, registerStream, type RegisterKey } from '../../src/register/index.js';
import { registerOn } from './support.js';

const dirs: string[] = [];
const stores: SqliteEventStore[] = [];
function store(): SqliteEventStore {
  const dir = mkdtempSync(join(tmpdir(), 'register-'));
  dirs.push(dir);
  const s = new SqliteEventStore({ path: join(dir, 'hub.db'), durability: 'normal' });
  stores.push(s);
  return s;
}
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const cases2026: RegisterKey = { issuer: 'union', kind: 'case', year: 2026 };

describe('number register', () => {
  it('given an empty register, when three subjects are issued numbers, then they get 1, 2 and 3 in order', async () => {
    const register = registerOn(store());
    const issued = [];
    for (const subject of ['a', 'b', 'c']) issued.push(await register.issueNumber({ ...cases2026, subject }));
    expect(issued.map((n) => [n.subject, n.sequence])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('given a subject that holds a number, when it is issued again (a retry), then it gets the same number and nothing is appended', async () => {
    const s = store();
    const register = registerOn(s);
    await register.issueNumber({ ...cases2026, subject: 'a', record: { first: true } });
    const again = await register.issueNumber({ ...cases2026, subject: 'a', record: { first: false } });
    expect(again.sequence).toBe(1);
    expect(again.record).toEqual({ first: true });
    // Another process (another register object on the same store) sees it too.
    expect((await registerOn(s).issueNumber({ ...cases2026, subject: 'a' })).sequence).toBe(1);
    expect((await registerOn(s).issueNumber({ ...cases2026, subject: 'b' })).sequence).toBe(2);
    expect(await s.headPosition()).toBe(2n);
  });

  it('given numbers issued in one year, kind and issuer, when another year, kind or issuer issues, then each starts at 1', async () => {
    const s = store();
    const union = registerOn(s, 'union');
    await union.issueNumber({ ...cases2026, subject: 'a' });
    await union.issueNumber({ ...cases2026, subject: 'b' });
    expect((await union.issueNumber({ ...cases2026, year: 2027, subject: 'c' })).sequence).toBe(1);
    expect((await union.issueNumber({ ...cases2026, kind: 'reminder_letter', subject: 'a' })).sequence).toBe(1);
    expect((await registerOn(s, 'court').issueNumber({ ...cases2026, issuer: 'court', subject: 'a' })).sequence).toBe(1);
    expect((await union.issueNumber({ ...cases2026, subject: 'd' })).sequence).toBe(3);
  });

  it('given a register read by another process before, when others issued since, then it reads on and continues after the last number', async () => {
    const s = store();
    const first = registerOn(s);
    const second = registerOn(s);
    await first.issueNumber({ ...cases2026, subject: 'a' });
    await second.issueNumber({ ...cases2026, subject: 'b' });
    await second.issueNumber({ ...cases2026, subject: 'c' });
    expect((await first.issueNumber({ ...cases2026, subject: 'd' })).sequence).toBe(4);
    expect((await first.numberOf(cases2026, 'c'))?.sequence).toBe(3);
    expect(await first.numberOf(cases2026, 'nobody')).toBeNull();
  });

  it('given many issuances at once in one process, then the numbers are 1..N with no gap and no duplicate', async () => {
    const register = registerOn(store());
    const issued = await Promise.all(Array.from({ length: 40 }, (_, i) => register.issueNumber({ ...cases2026, subject: `s${i}` })));
    expect(issued.map((n) => n.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('given many issuances at once, then what queued behind an append goes into the next as one append of consecutive numbers, each event with its own request’s metadata and every append signed', async () => {
    const s = store();
    const register = registerOn(s);
    const issued = await Promise.all(
      Array.from({ length: 60 }, (_, i) => register.issueNumber({ ...cases2026, subject: `s${i % 50}`, metadata: { correlationId: `request-${i}` } })),
    );
    // Ten subjects were asked for twice: each holds one number, the same for both requests.
    expect(new Set(issued.map((n) => n.sequence)).size).toBe(50);
    for (let i = 50; i < 60; i++) expect(issued[i]!.sequence).toBe(issued[i - 50]!.sequence);
    const events = [];
    for await (const e of s.readStream(registerStream(cases2026))) events.push(e);
    expect(events.map((e) => (e.data as { sequence: number }).sequence)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // An append's proof rides on its first event: fewer proofs than numbers means fewer commits than numbers.
    const appends = events.filter((e) => e.metadata['proof']).length;
    expect(appends).toBeGreaterThanOrEqual(2);
    expect(appends).toBeLessThan(50);
    for (const e of events) {
      const subject = (e.data as { subject: string }).subject;
      expect(e.metadata['correlationId']).toBe(`request-${subject.slice(1)}`);
    }
  });

  it('given a register, then its numbers read back in order, each signed and each on the revision one below it', async () => {
    const s = store();
    const register = registerOn(s);
    for (const subject of ['a', 'b', 'c']) await register.issueNumber({ ...cases2026, subject });
    const entries = [];
    for await (const e of register.entries(cases2026, 2)) entries.push(e);
    expect(entries.map((e) => e.sequence)).toEqual([2, 3]);
    for await (const e of s.readStream(registerStream(cases2026))) {
      expect(e.revision + 1n).toBe(BigInt((e.data as { sequence: number }).sequence));
      expect(e.metadata['agency']).toBe('union');
      expect(e.metadata['proof']).toBeTruthy();
    }
    expect(registerKeyOfStream(registerStream(cases2026))).toEqual(cases2026);
    expect(registerKeyOfStream('case-x')).toBeUndefined();
  });

  it('when an agency issues from another agency register, or a kind, year or subject is malformed, then nothing is issued', async () => {
    const s = store();
    const register = registerOn(s, 'union');
    await expect(register.issueNumber({ ...cases2026, issuer: 'court', subject: 'a' })).rejects.toThrow(/own registers/);
    await expect(register.issueNumber({ ...cases2026, kind: 'Case-1', subject: 'a' })).rejects.toThrow(/小写/);
    await expect(register.issueNumber({ ...cases2026, year: 1999, subject: 'a' })).rejects.toThrow(/2000/);
    await expect(register.issueNumber({ ...cases2026, subject: 'has space' })).rejects.toThrow(/非空白/);
    expect(await s.headPosition()).toBeNull();
  });
});
