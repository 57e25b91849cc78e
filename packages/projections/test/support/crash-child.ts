/**
 * Run as a child process by exactly-once.int.spec.ts: follows the store at argv[2] into the
 * read models under argv[3], and kills itself with SIGKILL (no cleanup, no rollback, as a power
 * cut or an OOM kill would) while applying the event at position argv[4], mid-batch. With argv[5]
 * = "fold", the read models are two that share a fold, whose states are written every argv[6] events.
 */
import { SqliteEventStore } from '@hub/event-store';
import { ProjectionRunner } from '../../src/index.js';
import { appliedLog } from './applied-log.js';
import { countedLog } from './counted-log.js';

const [storePath, directory, crashAt, mode, persistEvery] = process.argv.slice(2);
if (!storePath || !directory || !crashAt) throw new Error('usage: crash-child <store path> <read-model dir> <position>');

const store = new SqliteEventStore({ path: storePath });
const kill = (event: { position: bigint }) => {
  if (event.position === BigInt(crashAt)) process.kill(process.pid, 'SIGKILL');
  return false;
};
const projections = mode === 'fold' ? [countedLog('first'), countedLog('second', kill)] : [appliedLog({ failWhen: kill })];
await new ProjectionRunner({ store, directory, projections, batchSize: 100, foldPersistEvery: Number(persistEvery ?? 1) }).start();
