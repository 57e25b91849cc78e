/**
 * Run as a child process by register-concurrency.int.spec.ts: one process issuing numbers from
 * the union's 2026 case register on the store at argv[2] (sqlite:… or postgres://…), eight
 * issuances in flight at once, `count` for its own subjects and one for each of `shared` subjects
 * the other process issues too. It waits for `go` on stdin so both start together, and prints
 * what it was issued as one JSON line.
 */
import { createInterface } from 'node:readline';
import { connect } from '@hub/event-store';
import { registerOn } from './support.js';

const [url, name, countText, sharedText] = process.argv.slice(2);
if (!url || !name || !countText || !sharedText) throw new Error('usage: issue-child <store url> <name> <count> <shared>');
const store = await connect(url);
const register = registerOn(store, 'union', 1000);
const subjects = [
  ...Array.from({ length: Number(countText) }, (_, i) => `${name}-${i}`),
  ...Array.from({ length: Number(sharedText) }, (_, i) => `shared-${i}`),
];

process.stdout.write('ready\n');
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
const issued: [string, number][] = [];
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < subjects.length) {
      const subject = subjects[next++]!;
      const n = await register.issueNumber({ issuer: 'union', kind: 'case', year: 2026, subject });
      issued.push([subject, n.sequence]);
    }
  }),
);
await store.close();
process.stdout.write(`${JSON.stringify(issued)}\n`);
