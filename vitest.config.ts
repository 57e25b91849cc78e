import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// One project per workspace package that has tests; each imports the others from source.
const projects = ['packages', 'services', 'test']
  .flatMap((group) => (existsSync(group) ? readdirSync(group).map((name) => join(group, name)) : []))
  .filter((dir) => existsSync(join(dir, 'test')))
  .map((dir) => ({
    extends: true as const,
    test: {
      name: dir.split('/').pop()!,
      root: dir,
      include: ['test/**/*.spec.ts'],
      // A package may start what all its specs share (the browser tests: one running system).
      ...(existsSync(join(dir, 'test', 'global-setup.ts')) ? { globalSetup: [resolve(dir, 'test', 'global-setup.ts')] } : {}),
    },
  }));

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    projects,
    setupFiles: [join(import.meta.dirname, 'vitest.setup.ts')],
    globalSetup: [join(import.meta.dirname, 'vitest.global-setup.ts')],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
