/**
 * Run as a child process by exactly-once.int.spec.ts: follows the store at argv[2] into the
 * read models under argv[3], and kills itself with SIGKILL (no cleanup, no rollback, as a power
 * cut or an OOM kill would) while applying the event at position argv[4], mid-batch.
 */
import { SqliteEventStore } from '@hub/event-store';
import { ProjectionRunner } from '../../src/index.js';
import { appliedLog } from './applied-log.js';

const [storePath, directory, crashAt] = process.argv.slice(2);
if (!storePath || !directory || !crashAt) throw new Error('usage: crash-child <store path> <read-model dir> <position>');

const store = new SqliteEventStore({ path: storePath });
const crash = appliedLog({
  failWhen: (event) => {
    if (event.position === BigInt(crashAt)) process.kill(process.pid, 'SIGKILL');
    return false;
  },
});
await new ProjectionRunner({ store, directory, projections: [crash], batchSize: 100 }).start();
