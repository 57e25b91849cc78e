/**
 * One running system for every browser spec: started once (≈20 s with the demo data), its
 * addresses handed to the specs with vitest's provide/inject, stopped at the end.
 */
import { rm } from 'node:fs/promises';
import type { TestProject } from 'vitest/node';
import { resolve } from 'node:path';
import { startSystem, type RunningSystem } from '../src/system.js';

declare module 'vitest' {
  export interface ProvidedContext {
    system: { url: string; agencyUrls: Record<string, string>; password: string; dataDir: string };
  }
}

let system: RunningSystem | undefined;

export async function setup(project: TestProject): Promise<void> {
  // Each run's screenshots replace the last run's.
  await rm(resolve(import.meta.dirname, '..', 'output'), { recursive: true, force: true });
  system = await startSystem();
  project.provide('system', { url: system.url, agencyUrls: system.agencyUrls, password: system.password, dataDir: system.dataDir });
}

export async function teardown(): Promise<void> {
  await system?.stop();
}
