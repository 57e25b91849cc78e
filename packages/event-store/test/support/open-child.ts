/**
 * Run by sqlite-shared-file.int.spec.ts: opens the store at argv[2] at the instant argv[3] (ms
 * since the epoch; busy-waits for it so that several processes open one new file together),
 * appends one event to a stream of its own, and prints "ok".
 */
import { SqliteEventStore } from '../../src/index.js';

const [path, at, who] = process.argv.slice(2);
if (!path || !at || !who) throw new Error('usage: open-child <path> <at ms> <who>');
while (Date.now() < Number(at)) {
  // Busy-wait: a timer is too coarse to line several processes up on one millisecond.
}
const store = new SqliteEventStore({ path });
await store.append(`opener-${who}`, [{ type: 'Opened', data: { who } }]);
await store.close();
process.stdout.write('ok\n');
