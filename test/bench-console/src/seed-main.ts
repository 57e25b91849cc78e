/**
 * `pnpm seed:year [--cases N] [--items N] [--dir DIR]`: a fresh store holding a year of cases
 * (default 10,000 cases and 50,000 rectification items) at DIR/hub.db (default ./data-year), to
 * start the system on: `DATA_DIR=DIR EVENT_STORE_URL=sqlite:DIR/hub.db TRUST_STORE_KEYS=1 pnpm start`
 * (the seeded agencies' keys are published in the store, not in the services' key rings).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seedYear } from './seed.js';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const value = (name: string, fallback: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : fallback;
};
const count = (name: string, fallback: number): number => {
  const n = Number(value(name, String(fallback)));
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`${name} must be a positive whole number\n`);
    process.exit(2);
  }
  return n;
};
const dir = resolve(process.env['INIT_CWD'] ?? process.cwd(), value('--dir', 'data-year'));
const path = join(dir, 'hub.db');
if (existsSync(path)) {
  process.stderr.write(`${path} exists: seed into a new folder (--dir)\n`);
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
const result = await seedYear(path, { cases: count('--cases', 10_000), items: count('--items', 50_000) }, (line) => process.stderr.write(`${line}\n`));
process.stdout.write(
  `seeded ${path}: ${result.cases.toLocaleString('en-US')} cases, ${result.items.toLocaleString('en-US')} rectification items, ${result.events.toLocaleString('en-US')} events from ${result.commands.toLocaleString('en-US')} commands in ${(result.ms / 1000).toFixed(1)} s (${result.from} … ${result.to})\n`,
);
process.stdout.write(`start on it: DATA_DIR=${dir} EVENT_STORE_URL=sqlite:${path} TRUST_STORE_KEYS=1 pnpm start\n`);
