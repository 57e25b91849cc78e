/**
 * Child process: the four agency services on one SQLite store file, as `pnpm start` runs them,
 * on ephemeral 127.0.0.1 ports, with the demo users. Reports their URLs; stops on `stop`.
 * Env: BENCH_STORE_URL, BENCH_DATA_DIR.
 */
import { join } from 'node:path';
import { connect } from '@hub/event-store';
import { startCluster } from '@hub/scenarios';
import { addTrustAnchors, TRUST_FILE_NAME } from '@hub/service-kit';
import { childMain } from './children.js';

childMain(async () => {
  const store = await connect(process.env['BENCH_STORE_URL']!);
  const cluster = await startCluster({ store, dataDir: process.env['BENCH_DATA_DIR']!, login: false });
  // The hub's trust file, as `pnpm start` writes it: the services' own keys (BENCH_DATA_DIR/trust.json).
  addTrustAnchors(join(process.env['BENCH_DATA_DIR']!, TRUST_FILE_NAME), cluster.anchors);
  return {
    info: { urls: cluster.urls },
    close: async () => {
      await cluster.close();
      await store.close();
    },
  };
});
