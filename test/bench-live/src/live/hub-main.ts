/**
 * Child process: the hub, as `pnpm start` runs it (startHubServer), on an ephemeral 127.0.0.1
 * port over the services' store file. Its resident memory is what the benchmark samples.
 * Env: the hub's own variables (EVENT_STORE_URL, DATA_DIR, AGENCY_URLS, LOG_LEVEL).
 */
import { startHubServer } from '@hub/hub-service';
import { childMain } from './children.js';

childMain(async () => {
  const running = await startHubServer({ ...process.env, PORT: '0', HOST: '127.0.0.1' });
  return { info: { url: running.url }, close: () => running.close() };
});
