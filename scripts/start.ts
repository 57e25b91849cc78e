/**
 * Starts what the hub has so far on the embedded store: opens the event store named by
 * EVENT_STORE_URL (default: sqlite file ./data/hub.db), says what it holds, and follows every new
 * event live, one line each, until Ctrl-C. The agency services and the hub join here as they land.
 */
import { connect, DEFAULT_EVENT_STORE_URL, type RecordedEvent } from '@hub/event-store';

const url = process.env['EVENT_STORE_URL'] ?? DEFAULT_EVENT_STORE_URL;
const store = await connect(url);
const out = (line: string) => process.stdout.write(`${line}\n`);
const head = await store.headPosition();

out(`劳动维权协同中枢 · labor-case collaboration hub`);
out(`event store: ${store.engine} (${url.replace(/\/\/[^@/]*@/, '//***@')})`);
out(`events stored: ${head === null ? 'none yet' : `up to global position ${head}`}`);
out('following new events live (Ctrl-C to stop)…');

const describe = (e: RecordedEvent) =>
  `${e.metadata.recordedAt}  #${e.position}  ${e.stream}@${e.revision}  ${e.type}  ${e.metadata.hash.slice(0, 12)}`;

const subscription = store.subscribeToAll({ fromPosition: 'end' });
const stop = async () => {
  await subscription.close();
  await store.close();
  out('stopped.');
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
for await (const message of subscription) {
  if (message.kind === 'event') out(describe(message.event));
}
