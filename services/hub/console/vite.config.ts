import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Built to dist/ and served by the hub (services/hub/src/console.ts). `pnpm --filter @hub/console
 * dev` serves it with hot reload on 5173 and sends the API and the live feed to a running hub.
 */
const hub = process.env['HUB_URL'] ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  // The workspace packages are imported from source, as everywhere else in the repository.
  resolve: { conditions: ['source', 'browser', 'module', 'import', 'default'] },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 700 },
  server: {
    proxy: {
      '/api/live': { target: hub.replace(/^http/, 'ws'), ws: true },
      '/api': hub,
      '/agencies': hub,
    },
  },
});
