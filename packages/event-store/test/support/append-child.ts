// One writer process for the multi-process spec: appends N events to one stream, reports failures.
import { SqliteEventStore } from '../../src/index.js';

const [path, who, count] = process.argv.slice(2);
const store = new SqliteEventStore({ path: path! });
const failures: string[] = [];
for (let i = 0; i < Number(count); i++) {
  try {
    await store.append('race-stream', [{ type: 'Tick', data: { who: who!, i } }]);
  } catch (error) {
    failures.push(String(error));
  }
}
await store.close();
process.stdout.write(JSON.stringify({ who, failures }));
